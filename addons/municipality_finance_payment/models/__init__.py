from . import municipality_toll_assessment
from . import payment_transaction
from . import municipality_rate_limit
