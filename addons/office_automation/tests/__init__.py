from . import test_letter_numbering
from . import test_letter_report
from . import test_letter_register
from . import test_confidentiality
