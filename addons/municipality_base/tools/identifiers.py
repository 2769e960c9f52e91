"""Iranian identifiers (docs/domain.md, Identifiers): national ID, legal-entity ID, Sheba,
postal code and mobile number.

Every function accepts Persian and Arabic-Indic digits. Validators return a
bool and never raise on bad input; ``normalize_mobile`` returns ``None`` for a
number it cannot read as an Iranian mobile.
"""

import re

from .digits import normalize_digits

__all__ = [
    "normalize_digits",
    "normalize_national_id",
    "national_id_check_digit",
    "national_id_from_serial",
    "is_valid_national_id",
    "is_valid_legal_id",
    "is_valid_sheba",
    "is_valid_postal_code",
    "normalize_mobile",
]

_LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17)
_MOBILE = re.compile(r"^(?:\+98|0098|98)?0?(9\d{9})$")
_MOBILE_NOISE = re.compile(r"[\s\-().]")


def _digits_only(value, length):
    """``value`` with Latin digits when it is exactly ``length`` digits, else ``None``."""
    if not isinstance(value, str):
        return None
    value = normalize_digits(value.strip())
    if len(value) != length or not value.isascii() or not value.isdigit():
        return None
    return value


def normalize_national_id(value, restore_leading_zeros=False):
    """A national ID as stored: Latin digits, no spaces or dashes.

    With ``restore_leading_zeros`` (for imported files: spreadsheets turn
    0084575948 into 84575948) a number of eight or nine digits gets its zeros
    back. Not for typed input, where a missing digit would be padded into a
    wrong ID that passes the check one time in ten. Anything else is returned
    cleaned but otherwise as typed, for the validator to refuse.
    """
    if not isinstance(value, str):
        return value
    code = re.sub(r"[\s\-]", "", normalize_digits(value))
    if restore_leading_zeros and code.isascii() and code.isdigit() and 8 <= len(code) < 10:
        code = code.zfill(10)
    return code


def national_id_check_digit(first_nine):
    """The check digit that completes the nine digits ``first_nine`` into a national ID.

    s = Σ d[i]·(10−i) for i = 0..8, r = s mod 11; the check digit is r when
    r < 2, else 11 − r (10 is possible: no national ID starts with those nine
    digits then).
    """
    remainder = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return remainder if remainder < 2 else 11 - remainder


def national_id_from_serial(prefix, serial):
    """A valid national ID made of the two-digit ``prefix``, ``serial`` on
    seven digits and its check digit: distinct IDs for tests and benchmarks.
    """
    first_nine = f"{prefix:02d}{serial:07d}"
    if len(first_nine) != 9:
        raise ValueError(f"prefix {prefix} and serial {serial} do not make nine digits")
    return first_nine + str(national_id_check_digit(first_nine))


def is_valid_national_id(value):
    """Check a 10-digit national ID (کد ملی) by its check digit
    (``national_id_check_digit``). Ten equal digits (0000000000, 1111111111,
    …) are refused although they pass the checksum.
    """
    code = _digits_only(value, 10)
    if code is None or len(set(code)) == 1:
        return False
    return int(code[9]) == national_id_check_digit(code[:9])


def is_valid_legal_id(value):
    """Check an 11-digit legal-entity national ID (شناسه ملی) by its check digit.

    d = digit[9] + 2; s = Σ (d + digit[i])·w[i mod 5] for i = 0..9 with the
    weights 29, 27, 23, 19, 17; r = s mod 11, 10 counting as 0; valid when
    r = digit[10]. Codes whose digits 4 to 9 are all zero are not issued and
    are refused too.
    """
    code = _digits_only(value, 11)
    if code is None or len(set(code)) == 1 or code[3:9] == "000000":
        return False
    digits = [int(c) for c in code]
    shift = digits[9] + 2
    remainder = sum((shift + digits[i]) * _LEGAL_ID_WEIGHTS[i % 5] for i in range(10)) % 11
    return (0 if remainder == 10 else remainder) == digits[10]


def is_valid_sheba(value):
    """Check an Iranian IBAN (شبا): ``IR`` and 24 digits, ISO 7064 mod 97 = 1.

    Spaces are ignored and the prefix may be lower case.
    """
    if not isinstance(value, str):
        return False
    sheba = normalize_digits(value).replace(" ", "").upper()
    if len(sheba) != 26 or not sheba.startswith("IR") or not sheba[2:].isascii() or not sheba[2:].isdigit():
        return False
    rearranged = sheba[4:] + "1827" + sheba[2:4]  # I = 18, R = 27
    return int(rearranged) % 97 == 1


def is_valid_postal_code(value):
    """An Iranian postal code is exactly 10 digits (a dash after the fifth is tolerated)."""
    if not isinstance(value, str):
        return False
    return _digits_only(value.replace("-", ""), 10) is not None


def normalize_mobile(value):
    """Write an Iranian mobile number as ``09XXXXXXXXX``.

    Accepts the +98, 0098, 98 and 0 prefixes (and the common +98 0912…),
    spaces, dashes, brackets and Persian digits. Returns ``None`` when the number is not an Iranian mobile.
    """
    if not isinstance(value, str):
        return None
    number = _MOBILE_NOISE.sub("", normalize_digits(value.strip()))
    match = _MOBILE.match(number) if number.isascii() else None
    return f"0{match.group(1)}" if match else None


def mobile_forms(value):
    """The forms an Iranian mobile number is written in elsewhere (``09…``, ``+989…``, ``989…``, ``00989…``), to
    look it up in lists that store numbers as typed or in E.164 (Odoo's phone blacklist). Empty when ``value``
    is not an Iranian mobile."""
    number = normalize_mobile(value)
    if not number:
        return []
    return [number, "+98" + number[1:], "98" + number[1:], "0098" + number[1:]]
