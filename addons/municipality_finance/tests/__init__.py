from . import test_fiscal_year
from . import test_tolls
from . import test_tolls_report
