from . import test_fiscal_year
from . import test_treasury_cheque
from . import test_treasury_payment_order
from . import test_treasury_sheba
from . import test_treasury_report
