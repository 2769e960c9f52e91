from . import payment_transaction
