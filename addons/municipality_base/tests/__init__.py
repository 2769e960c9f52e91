from . import test_citizen_record_report
from . import test_district
from . import test_ir_sequence
from . import test_report_helpers
from . import test_res_partner
from . import test_security
from . import test_translations
from . import test_ui
