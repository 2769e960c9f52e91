from . import test_fiscal_year
from . import test_year_end_closing
from . import test_year_end_reports
