from . import res_company
from . import res_config_settings
from . import sms_sms
from . import sms_tracker
