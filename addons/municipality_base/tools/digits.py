"""Persian and Arabic-Indic digits.

Iranian users type digits in three scripts: Latin (0-9), Persian (۰-۹) and
Arabic-Indic (٠-٩). Data is stored with Latin digits and shown with Persian
ones where the user asks for it.
"""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)


def normalize_digits(text):
    """Return ``text`` with Persian and Arabic-Indic digits turned into Latin ones.

    ``None`` and ``False`` (Odoo's empty value) are returned unchanged.
    """
    if not text:
        return text
    return str(text).translate(_TO_LATIN)


def to_persian_digits(text):
    """Return ``text`` with Latin and Arabic-Indic digits written as Persian digits."""
    if text is None or text is False:
        return text
    return str(text).translate(_TO_PERSIAN)


def format_rials(amount, persian_digits=True):
    """``48000000`` → ``۴۸,۰۰۰,۰۰۰``: a whole amount of rials grouped by thousands, as the suite prints rials
    (the portal, the printed reports, the SMS); Latin digits with ``persian_digits=False``. ``None`` and
    ``False`` are zero."""
    text = f"{int(round(amount or 0)):,}"
    return to_persian_digits(text) if persian_digits else text
