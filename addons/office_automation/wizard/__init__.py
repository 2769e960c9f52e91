from . import office_letter_register_report
from . import office_letter_reject_wizard
