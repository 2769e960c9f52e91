from . import res_users
from . import office_letter_linked_mixin
from . import office_secretariat
from . import office_letter
from . import res_partner
from . import hr_employee
from . import hr_department
from . import office_request_rate_limit
