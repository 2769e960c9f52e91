"""Retention of archived records, counted in Jalali years.

A letter filed in a class of the file plan is kept for the class's retention
period from the day it was archived. Municipal archives count in Jalali
years: a letter archived on 1403/05/10 and kept 5 years may be disposed of
from 1408/05/10. When that day does not exist in the target year (30 Esfand
of a leap year, kept into a common year), the period ends on the last day of
Esfand.
"""

import datetime

import jdatetime

try:
    from odoo.addons.municipality_base.tools.jalali import month_length as _month_length
except ImportError:  # pytest imports each addon's tools on their own, without Odoo (see conftest.py)
    from municipality_base_tools.jalali import month_length as _month_length


def add_jalali_years(day, years):
    """The Gregorian ``date`` ``years`` Jalali years after ``day`` (a Gregorian ``date``)."""
    if not isinstance(day, datetime.date):
        raise ValueError(f"Expected a date, got {day!r}.")
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not isinstance(years, int) or isinstance(years, bool) or years < 0:
        raise ValueError(f"A retention period is a whole number of years, zero or more; got {years!r}.")
    start = jdatetime.date.fromgregorian(date=day)
    year = start.year + years
    if year > jdatetime.MAXYEAR:
        raise ValueError(f"A retention of {years} years from {start.strftime('%Y/%m/%d')} ends after the year "
                         f"{jdatetime.MAXYEAR}.")
    end = jdatetime.date(year, start.month, min(start.day, _month_length(year, start.month)))
    return end.togregorian()


def retention_end(archived_on, years, disposition):
    """The day from which an archived record may be disposed of (or reviewed), or ``None``.

    ``disposition`` is ``"destroy"``, ``"review"`` or ``"permanent"``; a record kept
    permanently, or not archived yet, has no end.
    """
    if not archived_on or disposition == "permanent":
        return None
    return add_jalali_years(archived_on, years)


def is_due(end, today):
    """Whether a retention that ends on ``end`` has passed on ``today`` (the end day included)."""
    return bool(end) and end <= today
