from . import verification
from . import certificate_verification
from . import supervision_portal
from . import permit_portal
from . import clearance_verification
