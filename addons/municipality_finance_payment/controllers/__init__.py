from . import toll_payment
