from . import test_letter_numbering
from . import test_letter_report
from . import test_letter_register
from . import test_confidentiality
from . import test_letter_signatures
from . import test_letter_attachments_links
from . import test_letter_references
