from . import municipality_hr_decree_increase
from . import municipality_hr_decree_increase_line
