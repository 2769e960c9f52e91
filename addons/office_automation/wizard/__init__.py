from . import office_referral_wizard
