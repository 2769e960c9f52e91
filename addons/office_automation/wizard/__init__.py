from . import office_letter_reject_wizard
