from . import verification
from . import certificate_verification
