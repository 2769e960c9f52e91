from . import citizen_portal
from . import open311
