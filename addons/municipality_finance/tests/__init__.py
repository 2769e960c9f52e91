from . import test_fiscal_year
