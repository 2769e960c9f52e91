from . import office_letter_register_report
from . import office_letter_reject_wizard
from . import office_letter_cancel_wizard
from . import office_letter_archive_wizard
from . import office_referral_wizard
from . import office_clearance_wizard
