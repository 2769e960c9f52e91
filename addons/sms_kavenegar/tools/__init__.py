from . import kavenegar
