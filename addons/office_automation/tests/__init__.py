from . import test_letter_numbering
from . import test_citizen_request
from . import test_deskweb_portal
from . import test_deskweb_open311
