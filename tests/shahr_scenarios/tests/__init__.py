from . import test_access_everywhere
from . import test_citizen_entered_once
from . import test_municipal_finance_year
from . import test_persian_everywhere
from . import test_correspondence_across_units
from . import test_registry_and_sheba_across_units
from . import test_intray
