"""Payment IDs (شناسه پرداخت) of toll assessments.

A payment ID is the number a citizen quotes (or a bank gateway sends back) to
pay one assessment. It is made only of digits and ends with a check digit, so
that a mistyped digit is caught before a payment is matched:

    payment ID = YY + NNNNNNNNN + C

* ``YY``: the last two digits of the Jalali year of the assessment;
* ``NNNNNNNNN``: a serial, unique in the database (the assessment's id), left
  padded with zeros to nine digits (more digits when it grows past that);
* ``C``: the check digit of the Iranian bill and payment IDs (شناسه قبض و
  پرداخت): multiply the digits, from the right, by the weights 2, 3, 4, 5, 6, 7,
  2, 3, … and add; ``r`` = sum mod 11; ``C`` = 0 when ``r`` is 0 or 1,
  else ``11 - r``.

The serial makes the ID unique; the year only helps a person read it.
"""

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.digits import normalize_digits

SERIAL_DIGITS = 9


def check_digit(digits):
    """The mod-11 check digit of a string of digits (weights 2..7 from the right)."""
    if not digits or not digits.isdigit() or not digits.isascii():
        raise ValueError(f"a check digit needs a non-empty string of digits, not {digits!r}")
    total = sum(int(digit) * (2 + index % 6) for index, digit in enumerate(reversed(digits)))
    remainder = total % 11
    return "0" if remainder < 2 else str(11 - remainder)


def make_payment_id(jalali_year, serial):
    """The payment ID for ``serial`` (a positive integer) in ``jalali_year``."""
    if not isinstance(serial, int) or isinstance(serial, bool) or serial <= 0:
        raise ValueError(f"the serial of a payment ID must be a positive integer, not {serial!r}")
    if not isinstance(jalali_year, int) or isinstance(jalali_year, bool) or jalali_year <= 0:
        raise ValueError(f"the year of a payment ID must be a positive Jalali year, not {jalali_year!r}")
    body = f"{jalali_year % 100:02d}{serial:0{SERIAL_DIGITS}d}"
    return body + check_digit(body)


def normalize_payment_id(text):
    """``text`` with Persian/Arabic digits made Latin and spaces and dashes removed."""
    return "".join(char for char in normalize_digits(str(text or "")) if char not in " -\u200c")


def is_valid_payment_id(text):
    """Whether ``text`` (Latin, Persian or Arabic-Indic digits) is a well-formed payment ID."""
    value = normalize_payment_id(text)
    if len(value) < 2 + SERIAL_DIGITS + 1 or not value.isdigit() or not value.isascii():
        return False
    if int(value[2:-1]) == 0:
        return False
    return check_digit(value[:-1]) == value[-1]
