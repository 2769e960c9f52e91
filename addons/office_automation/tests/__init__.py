from . import test_letter_numbering
from . import test_archive
from . import test_archive_report
