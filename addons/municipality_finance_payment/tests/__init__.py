from . import test_toll_online_payment
from . import test_two_tabs_at_once
from . import test_toll_pay_rate_limit
