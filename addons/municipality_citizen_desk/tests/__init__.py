from . import test_citizen_request
from . import test_citizen_portal
from . import test_open311
from . import test_citizen_request_rules
from . import test_citizen_desk_hardening
from . import test_citizen_portal_photos_map
from . import test_citizen_lookup
from . import test_open311_attributes
