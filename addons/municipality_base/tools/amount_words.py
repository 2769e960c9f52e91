"""Amounts in formal Persian words, as cheques and receipts print them.

``num2words`` is not used: Odoo 19 pins num2words 0.5.10 on Python 3.11,
which has no Persian at all, and the releases that do (0.5.12 and later) say
«تومان» in currency mode and wrote teens colloquially until 0.5.14. Printed
amounts must not change with the version a server happens to have, so the
(small) rules of formal Persian numerals live here:

* groups of three digits are read from the largest scale down and joined
  with « و »: 1,250,000 → «یک میلیون و دویست و پنجاه هزار»;
* a thousand on its own is «هزار» (1,000 and 1,500), but «یک هزار» after a
  larger scale (1,001,000 → «یک میلیون و یک هزار»);
* 10^9 is «میلیارد» and 10^12 «تریلیون», as in Iranian usage.
"""

from decimal import Decimal, InvalidOperation

ZERO = "صفر"
MINUS = "منفی"
SEPARATOR = " و "
ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
HUNDREDS = ("", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")
SCALES = ("", "هزار", "میلیون", "میلیارد", "تریلیون", "کوادریلیون")
LIMIT = 1000 ** len(SCALES)


def _group_to_words(number):
    """Words for 1..999."""
    hundreds, rest = divmod(number, 100)
    parts = []
    if hundreds:
        parts.append(HUNDREDS[hundreds])
    if 10 <= rest < 20:
        parts.append(TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(TENS[tens])
        if ones:
            parts.append(ONES[ones])
    return SEPARATOR.join(parts)


def _as_integer(amount):
    if isinstance(amount, bool) or amount is None:
        raise ValueError(f"Expected an amount, got {amount!r}.")
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"{amount!r} is not a number.") from None
    if not value.is_finite():
        raise ValueError(f"{amount!r} is not a finite amount.")
    if value != value.to_integral_value():
        raise ValueError(
            f"{amount!r} has a fraction; amounts in words are whole units (rial), round the amount first."
        )
    return int(value)


def number_to_words_fa(number):
    """A whole number in formal Persian words: 19 → «نوزده», 0 → «صفر», -5 → «منفی پنج»."""
    number = _as_integer(number)
    if number == 0:
        return ZERO
    if number < 0:
        return f"{MINUS} {number_to_words_fa(-number)}"
    if number >= LIMIT:
        raise ValueError(f"{number} is too large to write in words (the limit is below 10^{3 * len(SCALES)}).")
    parts = []
    scale = 0
    while number:
        number, group = divmod(number, 1000)
        if group:
            words = _group_to_words(group)
            if scale:
                leading_thousand = scale == 1 and group == 1 and number == 0
                words = SCALES[scale] if leading_thousand else f"{words} {SCALES[scale]}"
            parts.append(words)
        scale += 1
    return SEPARATOR.join(reversed(parts))


def amount_to_words_fa(amount, unit="ریال"):
    """An amount in formal Persian words followed by its unit.

    1,250,000 → «یک میلیون و دویست و پنجاه هزار ریال»; 0 → «صفر ریال».
    Negative amounts start with «منفی»; an amount with a fraction, or one that
    is not a number, raises ``ValueError``. Pass ``unit=""`` for no unit.
    """
    words = number_to_words_fa(amount)
    return f"{words} {unit}" if unit else words
