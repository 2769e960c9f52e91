from . import test_fiscal_year
from . import test_year_end_closing
from . import test_year_end_reports
from . import test_budget
from . import test_budget_commitment
from . import test_budget_report
from . import test_tolls
from . import test_tolls_report
