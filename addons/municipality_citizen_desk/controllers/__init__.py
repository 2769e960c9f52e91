from . import citizen_portal
from . import open311
from . import citizen_portal_extras
from . import open311_attributes
