import datetime

import pytest

from office_automation_tools.retention import add_jalali_years, is_due, retention_end


@pytest.mark.parametrize(("day", "years", "expected"), [
    (datetime.date(2024, 7, 31), 5, datetime.date(2029, 7, 31)),   # 1403/05/10 → 1408/05/10
    (datetime.date(2025, 3, 20), 1, datetime.date(2026, 3, 20)),   # 1403/12/30 (leap) → 1404/12/29
    (datetime.date(2025, 3, 20), 5, datetime.date(2030, 3, 20)),   # 1403/12/30 → 1408/12/30 (leap again)
    (datetime.date(2025, 3, 21), 1, datetime.date(2026, 3, 21)),   # 1404/01/01 → 1405/01/01
    (datetime.date(2026, 3, 20), 1, datetime.date(2027, 3, 20)),   # 1404/12/29 → 1405/12/29
    (datetime.date(2025, 6, 1), 0, datetime.date(2025, 6, 1)),
])
def test_add_jalali_years(day, years, expected):
    assert add_jalali_years(day, years) == expected


def test_a_datetime_counts_from_its_day():
    assert add_jalali_years(datetime.datetime(2024, 7, 31, 23, 0), 5) == datetime.date(2029, 7, 31)


@pytest.mark.parametrize("years", [-1, 1.5, "5", None, True])
def test_bad_periods_are_refused(years):
    with pytest.raises(ValueError, match="whole number of years"):
        add_jalali_years(datetime.date(2025, 1, 1), years)


def test_bad_day_is_refused():
    with pytest.raises(ValueError, match="Expected a date"):
        add_jalali_years("1404/01/01", 1)


def test_period_beyond_the_calendar_is_refused():
    with pytest.raises(ValueError, match="ends after the year"):
        add_jalali_years(datetime.date(2025, 1, 1), 9000)


def test_retention_end_by_disposition():
    day = datetime.date(2024, 7, 31)
    assert retention_end(day, 5, "destroy") == datetime.date(2029, 7, 31)
    assert retention_end(day, 5, "review") == datetime.date(2029, 7, 31)
    assert retention_end(day, 5, "permanent") is None
    assert retention_end(None, 5, "destroy") is None


def test_is_due_includes_the_end_day():
    end = datetime.date(2029, 7, 31)
    assert not is_due(end, datetime.date(2029, 7, 30))
    assert is_due(end, end)
    assert is_due(end, datetime.date(2030, 1, 1))
    assert not is_due(None, datetime.date(2030, 1, 1))


def test_month_lengths_and_digits_have_a_single_owner():
    """The Jalali month length and the Persian digit table are municipality_base's, not copies (L-6)."""
    import municipality_base_tools.digits
    import municipality_base_tools.jalali
    import office_automation_tools.retention

    assert office_automation_tools.retention._month_length is municipality_base_tools.jalali.month_length
