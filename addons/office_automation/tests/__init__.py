from . import test_letter_numbering
