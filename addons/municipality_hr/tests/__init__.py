from . import test_year_parameter
from . import test_employee
from . import test_decree
from . import test_payroll_run
from . import test_payroll_posting
from . import test_privacy
from . import test_ui
from . import test_leave_hours
