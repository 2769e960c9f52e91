import datetime

import pytest

from municipality_urbanism_tools.sla import (
    CalendarError, add_working_days, is_working_day, working_days_between, working_days_late)

D = datetime.date
# 1405/01/01 = 2026-03-21 (a Saturday); Nowruz 1–4 Farvardin, 12 and 13 Farvardin are public holidays.
NOWRUZ_1405 = {D(2026, 3, 21), D(2026, 3, 22), D(2026, 3, 23), D(2026, 3, 24), D(2026, 4, 1), D(2026, 4, 2)}


def test_is_working_day():
    assert is_working_day(D(2026, 4, 4))                       # Saturday
    assert not is_working_day(D(2026, 4, 2))                   # Thursday
    assert not is_working_day(D(2026, 4, 3))                   # Friday
    assert not is_working_day(D(2026, 3, 21), NOWRUZ_1405)     # Nowruz, a Saturday
    assert is_working_day(D(2026, 4, 2), rest_weekdays=(4,))   # a calendar with Thursday on


def test_add_working_days_in_an_ordinary_week():
    # Saturday 2026-04-04 + 5 working days: Sun, Mon, Tue, Wed, (Thu, Fri off), Sat → 2026-04-11
    assert add_working_days(D(2026, 4, 4), 5) == D(2026, 4, 11)
    assert add_working_days(D(2026, 4, 4), 0) == D(2026, 4, 4)
    # received on a Thursday: the first working day is Saturday
    assert add_working_days(D(2026, 4, 9), 1) == D(2026, 4, 11)


def test_add_working_days_over_nowruz():
    # a file received on Wednesday 1404/12/27 (2026-03-18) with a 3-working-day stage:
    # Thu, Fri off; 1405/01/01–04 holidays (Sat–Tue); Wed 03-25 is the 1st, Sat 03-28 the 2nd, Sun 03-29 the 3rd
    assert add_working_days(D(2026, 3, 18), 3, NOWRUZ_1405) == D(2026, 3, 29)
    # without the holidays recorded, Nowruz would count: Sat 03-21, Sun, Mon
    assert add_working_days(D(2026, 3, 18), 3) == D(2026, 3, 23)


def test_fifteen_days_for_a_school_permit():
    # 15 working days from Saturday 2026-04-04 (three weeks of five days)
    assert add_working_days(D(2026, 4, 4), 15) == D(2026, 4, 25)


def test_days_between_and_late():
    assert working_days_between(D(2026, 4, 4), D(2026, 4, 11)) == 5
    assert working_days_between(D(2026, 4, 11), D(2026, 4, 4)) == 0
    assert working_days_between(D(2026, 3, 18), D(2026, 3, 29), NOWRUZ_1405) == 3
    assert working_days_late(D(2026, 4, 11), D(2026, 4, 11)) == 0
    assert working_days_late(D(2026, 4, 11), D(2026, 4, 14)) == 3   # Sun, Mon, Tue


def test_round_trip():
    start = D(2026, 3, 10)
    for days in range(0, 40):
        end = add_working_days(start, days, NOWRUZ_1405)
        assert working_days_between(start, end, NOWRUZ_1405) == days


def test_bad_calendars():
    with pytest.raises(CalendarError):
        add_working_days(D(2026, 4, 4), 1, rest_weekdays=range(7))
    with pytest.raises(CalendarError):
        add_working_days(D(2026, 4, 4), 1, holidays={D(2026, 4, 4) + datetime.timedelta(days=i) for i in range(4000)})
    with pytest.raises(ValueError):
        add_working_days(D(2026, 4, 4), -1)
