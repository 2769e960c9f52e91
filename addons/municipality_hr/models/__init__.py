from . import municipality_hr_insurer
from . import municipality_hr_workshop
from . import municipality_hr_year_parameter
from . import municipality_hr_tax_band
from . import municipality_hr_insurance_rate
from . import municipality_pay_item
from . import hr_version
from . import hr_employee
