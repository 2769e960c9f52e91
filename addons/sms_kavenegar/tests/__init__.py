from . import test_sms_kavenegar
