"""Working days for the deadlines of permit stages (SLA in working days).

Issue 11: each permit stage has an SLA "in working days on the municipality's
Iranian calendar". The working week is Saturday to Wednesday (Thursday and
Friday off), and public holidays — the solar ones fixed, the lunar ones moving
every year — are data per year (docs/domain.md "Citizen requests", DOMAIN.md §1).
``municipality_base/tools`` has no working-day arithmetic, so here it is on
plain values: a set of holiday dates and the weekly rest days, which the Odoo
side reads from the company's ``resource.calendar`` and its public holidays
(``resource.calendar.leaves`` without a resource).

Counting follows the 137 desk: the day the file arrives is not counted; the
deadline is the N-th working day after it.
"""

import datetime

#: Python weekdays (Monday = 0): Thursday and Friday.
IRAN_REST_WEEKDAYS = (3, 4)
#: How far to look for a working day before deciding the calendar has none.
_MAX_SPAN_DAYS = 3660

_ONE_DAY = datetime.timedelta(days=1)


class CalendarError(ValueError):
    """A calendar without working days (every weekday a rest day)."""

    def __init__(self):
        super().__init__("The working calendar has no working day: check its rest days.")


def is_working_day(day, holidays=(), rest_weekdays=IRAN_REST_WEEKDAYS):
    """True when ``day`` is neither a weekly rest day nor a holiday."""
    return day.weekday() not in rest_weekdays and day not in holidays


def _check(rest_weekdays):
    if len(set(rest_weekdays) & set(range(7))) == 7:
        raise CalendarError()


def add_working_days(start, days, holidays=(), rest_weekdays=IRAN_REST_WEEKDAYS):
    """The ``days``-th working day after ``start`` (``start`` itself is not counted);
    ``days`` 0 gives ``start``. ``holidays``: a set of dates."""
    _check(rest_weekdays)
    holidays = frozenset(holidays)
    day, left = start, int(days)
    if left < 0:
        raise ValueError("The number of working days cannot be negative.")
    span = 0
    while left:
        day += _ONE_DAY
        span += 1
        if is_working_day(day, holidays, rest_weekdays):
            left -= 1
            span = 0
        elif span > _MAX_SPAN_DAYS:
            raise CalendarError()
    return day


def working_days_between(start, end, holidays=(), rest_weekdays=IRAN_REST_WEEKDAYS):
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after
    ``start``): the days a file has spent in a stage it entered on ``start``."""
    holidays = frozenset(holidays)
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        if is_working_day(day, holidays, rest_weekdays):
            count += 1
    return count


def working_days_late(deadline, today, holidays=(), rest_weekdays=IRAN_REST_WEEKDAYS):
    """Working days ``today`` is past ``deadline`` (0 when on time)."""
    return working_days_between(deadline, today, holidays, rest_weekdays)
