from . import test_fiscal_year
from . import test_budget
from . import test_budget_commitment
from . import test_budget_report
