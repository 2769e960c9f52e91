"""Letter numbers from a secretariat's pattern.

A pattern is text with placeholders in braces, for example ``{jyear}/{seq}/ص``:

``{seq}``
    the letter's serial within the secretariat and Jalali year (required, once);
``{jyear}`` / ``{jy}``
    the Jalali year of registration, four or two digits (one of them is required:
    serials restart every Jalali year, so a number without its year would repeat);
``{jmonth}``
    the Jalali month of registration, two digits;
``{code}``
    the secretariat's code.

Errors are :class:`InvalidPattern` with a ``reason`` the Odoo layer turns into a
translated message.
"""

import string

PLACEHOLDERS = ("seq", "jyear", "jy", "jmonth", "code")
YEAR_PLACEHOLDERS = ("jyear", "jy")


class InvalidPattern(ValueError):
    """``reason`` is one of ``syntax``, ``unknown``, ``no_seq``, ``many_seq``, ``no_year``;
    ``detail`` names the offending placeholder where there is one."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def _fields(pattern):
    try:
        parsed = list(string.Formatter().parse(pattern or ""))
    except ValueError as error:
        raise InvalidPattern("syntax", str(error)) from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise InvalidPattern("unknown", "{%s}" % name)
        names.append(name)
    return names


def check_pattern(pattern):
    """Raise :class:`InvalidPattern` unless ``pattern`` gives unique numbers."""
    names = _fields(pattern)
    if "seq" not in names:
        raise InvalidPattern("no_seq")
    if names.count("seq") > 1:
        raise InvalidPattern("many_seq")
    if not any(name in YEAR_PLACEHOLDERS for name in names):
        raise InvalidPattern("no_year")


def format_number(pattern, serial, jalali_year, jalali_month, code="", padding=0):
    """The number of the ``serial``-th letter of ``jalali_year``.

    >>> format_number("{jyear}/{seq}/ص", 123, 1404, 12)
    '1404/123/ص'
    """
    check_pattern(pattern)
    if serial < 1:
        raise ValueError("serial starts at 1")
    return pattern.format(
        seq=str(serial).zfill(padding), jyear=f"{jalali_year:04d}", jy=f"{jalali_year % 100:02d}",
        jmonth=f"{jalali_month:02d}", code=code or "")
