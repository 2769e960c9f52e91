from . import test_property
from . import test_regional_value
from . import test_permit
from . import test_permit_http
from . import test_permit_tour
from . import test_renovation_toll
