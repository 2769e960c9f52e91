from . import test_letter_numbering
from . import test_citizen_request
from . import test_letter_signatures
from . import test_letter_attachments_links
from . import test_letter_references
from . import test_archive
from . import test_archive_report
