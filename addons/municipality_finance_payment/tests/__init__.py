from . import test_toll_online_payment
