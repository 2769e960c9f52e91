from . import office_citizen_request_category
from . import office_citizen_request_route
from . import office_citizen_request
from . import office_sms_message
from . import res_config_settings
from . import office_request_rate_limit
from . import office_open311_client
from . import office_citizen_request_public
