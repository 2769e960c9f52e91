from . import test_letter_numbering
from . import test_citizen_request
