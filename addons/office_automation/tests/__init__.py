from . import test_letter_numbering
from . import test_referral
from . import test_referral_ui
