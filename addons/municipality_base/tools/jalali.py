"""The Jalali (Solar Hijri) calendar, built on ``jdatetime``.

``jdatetime`` uses the 33-year arithmetic leap cycle (a year is leap when
``year % 33`` is one of 1, 5, 9, 13, 17, 22, 26, 30), which is the rule Shahr
follows: 1399, 1403 and 1408 are leap years, 1404 to 1407 are not.

Gregorian dates are ``datetime.date`` objects; Jalali dates are
``jdatetime.date`` objects. Errors are ``ValueError`` with a message that says
what is wrong, for the Odoo layer to translate and show.
"""

import datetime
import re
import zoneinfo

import jdatetime

from .digits import normalize_digits, to_persian_digits

MONTH_NAMES = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
#: Weekday names, Saturday first, as the Iranian week starts.
WEEKDAY_NAMES = ("شنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه")

#: The time zone in which a Jalali day starts when the user has chosen none.
IRAN_TZ = "Asia/Tehran"

MIN_YEAR = 1
MAX_YEAR = jdatetime.MAXYEAR  # 9377, within Gregorian 9999

_DATE_TEXT = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def is_leap(jalali_year):
    """Tell whether ``jalali_year`` has 366 days (Esfand has 30 days)."""
    _check_year(jalali_year)
    return jdatetime.date(jalali_year, 1, 1).isleap()


def month_length(jalali_year, month):
    """Number of days of a Jalali month: 31, 30, or 29/30 for Esfand."""
    _check_year(jalali_year)
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"Month {month!r} does not exist: a Jalali month is 1 to 12.")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(jalali_year) else 29


def iranian_tz(*preferred):
    """The first time zone given (the context's, the user's…), else Tehran's:
    a Jalali day and year start at midnight in Iran, not in UTC."""
    return next((tz for tz in preferred if tz), IRAN_TZ)


def today(*preferred_tz):
    """Today's Gregorian date where the day is lived: in the first time zone
    given (the context's, the user's…), else in Tehran. Between midnight and
    03:30 in Iran, UTC is still on the day before — and on 1 Farvardin, in
    the year before."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(iranian_tz(*preferred_tz))).date()


def to_jalali(value):
    """Convert a Gregorian ``date`` (or ``datetime``, whose date is taken) to a ``jdatetime.date``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        raise ValueError(f"Expected a date, got {value!r}.")
    return jdatetime.date.fromgregorian(date=value)


def from_jalali(year, month, day):
    """Return the Gregorian ``date`` of the Jalali date ``year/month/day``.

    Impossible dates raise ``ValueError`` saying why, for example
    ``1404/12/30`` (Esfand 1404 has 29 days) or ``1404/13/01``.
    """
    for name, part in (("year", year), ("month", month), ("day", day)):
        if not isinstance(part, int) or isinstance(part, bool):
            raise ValueError(f"The Jalali {name} must be a whole number, got {part!r}.")
    days = month_length(year, month)
    if not 1 <= day <= days:
        raise ValueError(
            f"{year}/{month:02d}/{day:02d} does not exist: "
            f"{MONTH_NAMES[month - 1]} {year} has {days} days."
        )
    return jdatetime.date(year, month, day).togregorian()


def parse_jalali(text):
    """Parse a typed Jalali date into a Gregorian ``date``.

    Accepts ``1404/01/15``, ``1404-1-15``, ``1404.01.15`` and the same with
    Persian or Arabic-Indic digits. Anything else raises ``ValueError``.
    """
    if not isinstance(text, str):
        raise ValueError(f"Expected a Jalali date as text such as 1404/01/15, got {text!r}.")
    match = _DATE_TEXT.match(normalize_digits(text))
    if not match:
        raise ValueError(f"{text!r} is not a Jalali date; write it as year/month/day, for example 1404/01/15.")
    year, month, day = (int(part) for part in match.groups())
    return from_jalali(year, month, day)


def format_jalali(value, pattern="%Y/%m/%d", persian_digits=False):
    """Format a Gregorian ``date`` or ``datetime`` in the Jalali calendar.

    ``pattern`` takes strftime directives: ``%Y`` year, ``%y`` two-digit
    year, ``%m`` month, ``%d`` day, ``%B`` Persian month name, ``%A``
    Persian weekday name, ``%H:%M:%S`` time of a ``datetime``. With
    ``persian_digits`` the digits are written ۰-۹. Empty values give ``""``.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        jvalue = jdatetime.datetime.fromgregorian(datetime=value, locale="fa_IR")
    elif isinstance(value, datetime.date):
        jvalue = jdatetime.date.fromgregorian(date=value, locale="fa_IR")
    else:
        raise ValueError(f"Expected a date, got {value!r}.")
    text = jvalue.strftime(pattern)
    return to_persian_digits(text) if persian_digits else text


def fiscal_year_bounds(jalali_year):
    """First and last Gregorian day of a Jalali (fiscal) year: 1 Farvardin to the end of Esfand."""
    return from_jalali(jalali_year, 1, 1), from_jalali(jalali_year, 12, month_length(jalali_year, 12))


def month_bounds(jalali_year, month):
    """First and last Gregorian day of the Jalali month ``month`` of ``jalali_year``."""
    return from_jalali(jalali_year, month, 1), from_jalali(jalali_year, month, month_length(jalali_year, month))


def _check_year(jalali_year):
    if not isinstance(jalali_year, int) or isinstance(jalali_year, bool) or not MIN_YEAR <= jalali_year <= MAX_YEAR:
        raise ValueError(f"Jalali year {jalali_year!r} is out of range ({MIN_YEAR} to {MAX_YEAR}).")


# ---------------------------------------------------------------------------
# Jalali periods (year, quarter, month, week, day), as grouped by the database
# ---------------------------------------------------------------------------

#: Period units, largest first, for grouping (the relative filters use the first three).
PERIOD_UNITS = ("year", "quarter", "month", "week", "day")

#: Quarters of the Jalali year are its seasons: Farvardin-Khordad is spring.
SEASON_NAMES = ("بهار", "تابستان", "پاییز", "زمستان")
#: Latin transliterations, for users who do not read Persian.
MONTH_NAMES_LATIN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)
SEASON_NAMES_LATIN = ("Spring", "Summer", "Autumn", "Winter")


def _as_day(value):
    """The Gregorian ``date`` of a ``date`` or ``datetime``."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if not isinstance(value, datetime.date):
        raise ValueError(f"Expected a date, got {value!r}.")
    return value


def _check_unit(unit):
    if unit not in PERIOD_UNITS:
        raise ValueError(f"Unknown Jalali period {unit!r}: use one of {', '.join(PERIOD_UNITS)}.")


def period_start(value, unit):
    """First Gregorian day of the Jalali ``unit`` (year, quarter, month, week or
    day) containing ``value``. An Iranian week starts on Saturday."""
    _check_unit(unit)
    if unit == "week":
        value = _as_day(value)
        return value - datetime.timedelta(days=(value.weekday() + 2) % 7)
    if unit == "day":
        return _as_day(value)
    jvalue = to_jalali(value)
    if unit == "year":
        month = 1
    elif unit == "quarter":
        month = (jvalue.month - 1) // 3 * 3 + 1
    else:
        month = jvalue.month
    return from_jalali(jvalue.year, month, 1)


def add_periods(start, unit, count):
    """First Gregorian day of the Jalali period ``count`` periods after (or before,
    when negative) the one containing ``start``."""
    _check_unit(unit)
    if unit in ("week", "day"):
        return period_start(start, unit) + datetime.timedelta(days=count * (7 if unit == "week" else 1))
    jvalue = to_jalali(start)
    months = {"year": 12, "quarter": 3, "month": 1}[unit] * count
    if unit == "year":
        index = (jvalue.year * 12) + months
    elif unit == "quarter":
        index = jvalue.year * 12 + (jvalue.month - 1) // 3 * 3 + months
    else:
        index = jvalue.year * 12 + jvalue.month - 1 + months
    return from_jalali(index // 12, index % 12 + 1, 1)


def add_months(value, months):
    """The Gregorian date ``months`` Jalali months after (or before, when
    negative) ``value``, on the same day of the month, or the month's last day
    when it is shorter (31 Shahrivar + 1 month → 30 Mehr; 30 Bahman + 1 month →
    29 Esfand in a common year)."""
    jvalue = to_jalali(value)
    index = jvalue.year * 12 + jvalue.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return from_jalali(year, month, min(jvalue.day, month_length(year, month)))


def months_started(start, end):
    """How many Jalali months have started from ``start`` to ``end``: 0 when
    ``end`` is not after ``start``; 1 up to the same day of the next month; and
    so on (a late penalty per started month counts this)."""
    if end <= start:
        return 0
    jstart, jend = to_jalali(start), to_jalali(end)
    count = max((jend.year - jstart.year) * 12 + jend.month - jstart.month, 1)
    while add_months(start, count) < end:
        count += 1
    while count > 1 and add_months(start, count - 1) >= end:
        count -= 1
    return count


def period_bounds(value, unit):
    """Gregorian ``(first day, first day of the next period)`` of the Jalali
    period containing ``value``: a half-open range, as a domain needs it."""
    start = period_start(value, unit)
    return start, add_periods(start, unit, 1)


def period_label(value, unit, persian=True):
    """Name of the Jalali period containing ``value``.

    In Persian (the default): «اسفند ۱۴۰۴» for a month, «زمستان ۱۴۰۴» for a
    quarter (the quarters of the Jalali year are its seasons), «۱۴۰۴» for a
    year, «هفتهٔ ۲۶ اسفند ۱۴۰۳» for the week starting on that Saturday,
    «۳۰ اسفند ۱۴۰۳» for a day. Otherwise the same with Latin names and
    digits: ``Esfand 1404``, ``Winter 1404``, ``1404``, ``Week of 26 Esfand
    1403``, ``30 Esfand 1403``.
    """
    _check_unit(unit)
    if unit in ("week", "day"):
        jstart = to_jalali(period_start(value, unit))
        names = MONTH_NAMES if persian else MONTH_NAMES_LATIN
        text = f"{jstart.day} {names[jstart.month - 1]} {jstart.year}"
        if unit == "week":
            text = f"هفتهٔ {text}" if persian else f"Week of {text}"
        return to_persian_digits(text) if persian else text
    jvalue = to_jalali(value)
    if unit == "year":
        text = str(jvalue.year)
    elif unit == "quarter":
        names = SEASON_NAMES if persian else SEASON_NAMES_LATIN
        text = f"{names[(jvalue.month - 1) // 3]} {jvalue.year}"
    else:
        names = MONTH_NAMES if persian else MONTH_NAMES_LATIN
        text = f"{names[jvalue.month - 1]} {jvalue.year}"
    return to_persian_digits(text) if persian else text
