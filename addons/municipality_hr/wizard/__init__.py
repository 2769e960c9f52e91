from . import municipality_hr_decree_increase
from . import municipality_hr_decree_increase_line
from . import municipality_hr_earnings_statement
