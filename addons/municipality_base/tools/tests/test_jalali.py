import datetime

import jdatetime
import pytest

from municipality_base_tools import jalali

D = datetime.date


@pytest.mark.parametrize("jalali_date, gregorian", [
    ((1403, 1, 1), D(2024, 3, 20)),
    ((1403, 12, 30), D(2025, 3, 20)),
    ((1404, 1, 1), D(2025, 3, 21)),
    ((1404, 12, 29), D(2026, 3, 20)),
    ((1405, 1, 1), D(2026, 3, 21)),
])
def test_domain_examples_both_ways(jalali_date, gregorian):
    assert jalali.from_jalali(*jalali_date) == gregorian
    converted = jalali.to_jalali(gregorian)
    assert (converted.year, converted.month, converted.day) == jalali_date


def test_to_jalali_takes_the_date_of_a_datetime():
    assert jalali.to_jalali(datetime.datetime(2025, 3, 21, 23, 59)) == jdatetime.date(1404, 1, 1)


@pytest.mark.parametrize("year, leap", [
    (1399, True), (1403, True), (1408, True), (1412, True),
    (1400, False), (1404, False), (1405, False), (1406, False), (1407, False),
])
def test_leap_years_follow_the_33_year_rule(year, leap):
    assert jalali.is_leap(year) is leap
    assert jalali.month_length(year, 12) == (30 if leap else 29)
    assert (year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)) is leap


def test_leap_rule_agrees_with_the_33_year_cycle_over_three_centuries():
    for year in range(1300, 1600):
        assert jalali.is_leap(year) is (year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)), year


@pytest.mark.parametrize("year", [1403, 1404])
def test_every_month_boundary_of_1403_and_1404(year):
    """Each month starts the day after the previous one ends, and the year has 365/366 days."""
    first, last = jalali.fiscal_year_bounds(year)
    expected_start = first
    total = 0
    for month in range(1, 13):
        start, end = jalali.month_bounds(year, month)
        assert start == expected_start, (year, month)
        assert (end - start).days + 1 == jalali.month_length(year, month)
        assert jalali.to_jalali(start) == jdatetime.date(year, month, 1)
        assert jalali.to_jalali(end) == jdatetime.date(year, month, jalali.month_length(year, month))
        assert jalali.to_jalali(end + datetime.timedelta(days=1)).day == 1
        total += jalali.month_length(year, month)
        expected_start = end + datetime.timedelta(days=1)
    assert end == last
    assert total == (366 if year == 1403 else 365)
    assert (last - first).days + 1 == total


def test_month_lengths():
    assert [jalali.month_length(1404, m) for m in range(1, 13)] == [31] * 6 + [30] * 5 + [29]
    assert jalali.month_length(1403, 12) == 30


def test_fiscal_year_end_moves_between_march_19_and_20():
    assert jalali.fiscal_year_bounds(1403) == (D(2024, 3, 20), D(2025, 3, 20))
    assert jalali.fiscal_year_bounds(1404) == (D(2025, 3, 21), D(2026, 3, 20))
    assert jalali.fiscal_year_bounds(1407)[1] == D(2029, 3, 19)  # Nowruz 1408 is 2029-03-20
    ends = {jalali.fiscal_year_bounds(year)[1].day for year in range(1395, 1420)}
    assert ends == {19, 20}


def test_round_trip_every_day_of_a_century():
    day = jalali.from_jalali(1350, 1, 1)
    end = jalali.from_jalali(1450, 1, 1)
    while day < end:
        j = jalali.to_jalali(day)
        assert jalali.from_jalali(j.year, j.month, j.day) == day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize("args, message", [
    ((1404, 12, 30), "Esfand|اسفند"),
    ((1403, 12, 31), "30 days"),
    ((1404, 13, 1), "Month 13"),
    ((1404, 0, 1), "Month 0"),
    ((1404, 1, 0), "does not exist"),
    ((1404, 1, 32), "31 days"),
    ((1404, 7, 31), "30 days"),
    ((0, 1, 1), "out of range"),
    ((1404.0, 1, 1), "whole number"),
    (("1404", 1, 1), "whole number"),
])
def test_impossible_dates_raise_a_clear_error(args, message):
    with pytest.raises(ValueError, match=message):
        jalali.from_jalali(*args)


@pytest.mark.parametrize("text, expected", [
    ("1404/01/15", D(2025, 4, 4)),
    ("1404-1-15", D(2025, 4, 4)),
    ("1404.01.15", D(2025, 4, 4)),
    (" 1404 / 1 / 15 ", D(2025, 4, 4)),
    ("۱۴۰۴/۰۱/۱۵", D(2025, 4, 4)),
    ("١٤٠٤/٠١/١٥", D(2025, 4, 4)),
    ("۱۴۰۳/۱۲/۳۰", D(2025, 3, 20)),
])
def test_parse_jalali(text, expected):
    assert jalali.parse_jalali(text) == expected


@pytest.mark.parametrize("text", [
    "1404/12/30", "1404/13/01", "14040115", "1404/01", "abcd/01/01", "", "1404/01/15/2",
    "1404//15", "1404/1a/15", "۱۴۰۴/۱۲/۳۰", 1404, None,
])
def test_parse_jalali_refuses_bad_input(text):
    with pytest.raises(ValueError):
        jalali.parse_jalali(text)


def test_format_jalali():
    day = D(2025, 4, 4)
    assert jalali.format_jalali(day) == "1404/01/15"
    assert jalali.format_jalali(day, persian_digits=True) == "۱۴۰۴/۰۱/۱۵"
    assert jalali.format_jalali(day, "%d %B %Y", persian_digits=True) == "۱۵ فروردین ۱۴۰۴"
    assert jalali.format_jalali(day, "%A") == "جمعه"
    assert jalali.format_jalali(D(2026, 3, 6), "%d %B %Y") == "15 اسفند 1404"
    assert jalali.format_jalali(datetime.datetime(2025, 3, 20, 13, 5), "%Y/%m/%d %H:%M") == "1403/12/30 13:05"
    assert jalali.format_jalali(False) == ""
    assert jalali.format_jalali(None) == ""
    with pytest.raises(ValueError):
        jalali.format_jalali("2025-04-04")


def test_week_starts_on_saturday():
    # 2025-03-22 was a Saturday: 1404/01/02.
    assert jalali.format_jalali(D(2025, 3, 22), "%A") == jalali.WEEKDAY_NAMES[0] == "شنبه"
    assert jalali.to_jalali(D(2025, 3, 22)).weekday() == 0


def test_month_names():
    assert [jalali.format_jalali(jalali.from_jalali(1404, m, 1), "%B") for m in range(1, 13)] == list(jalali.MONTH_NAMES)
    assert jalali.MONTH_NAMES[0] == "فروردین" and jalali.MONTH_NAMES[11] == "اسفند"


def test_bounds_refuse_bad_months():
    with pytest.raises(ValueError):
        jalali.month_bounds(1404, 13)
    with pytest.raises(ValueError):
        jalali.fiscal_year_bounds(-1)


def test_iranian_tz_prefers_the_chosen_zone_and_falls_back_to_tehran():
    assert jalali.iranian_tz("Europe/Paris", "Asia/Dubai") == "Europe/Paris"
    assert jalali.iranian_tz(False, "Asia/Dubai") == "Asia/Dubai"
    assert jalali.iranian_tz(None, False) == "Asia/Tehran" == jalali.IRAN_TZ
    assert jalali.iranian_tz() == "Asia/Tehran"


def test_today_is_the_day_in_iran_unless_another_zone_is_given():
    from freezegun import freeze_time

    with freeze_time("2026-03-20 21:00:00"):  # 00:30 on 1 Farvardin 1405 in Tehran, still 20 March in UTC
        assert jalali.today() == datetime.date(2026, 3, 21)
        assert jalali.today(None, "") == datetime.date(2026, 3, 21)
        assert jalali.today("UTC") == datetime.date(2026, 3, 20)
        assert jalali.to_jalali(jalali.today()).year == 1405
@pytest.mark.parametrize("value, unit, bounds", [
    (D(2026, 2, 25), "month", (D(2026, 2, 20), D(2026, 3, 21))),   # Esfand 1404 straddles Feb/March
    (D(2025, 3, 20), "month", (D(2025, 2, 19), D(2025, 3, 21))),   # 30 Esfand 1403 (leap)
    (D(2025, 3, 21), "month", (D(2025, 3, 21), D(2025, 4, 21))),   # 1 Farvardin 1404
    (D(2025, 3, 20), "quarter", (D(2024, 12, 21), D(2025, 3, 21))),
    (D(2025, 9, 23), "quarter", (D(2025, 9, 23), D(2025, 12, 22))),  # 1 Mehr 1404
    (D(2025, 3, 20), "year", (D(2024, 3, 20), D(2025, 3, 21))),
    (D(2025, 3, 21), "year", (D(2025, 3, 21), D(2026, 3, 21))),
])
def test_period_bounds(value, unit, bounds):
    assert jalali.period_bounds(value, unit) == bounds


def test_add_periods_crosses_years_both_ways():
    assert jalali.add_periods(D(2025, 3, 21), "month", -1) == D(2025, 2, 19)  # Esfand 1403
    assert jalali.add_periods(D(2025, 3, 21), "quarter", -1) == D(2024, 12, 21)
    assert jalali.add_periods(D(2025, 3, 21), "year", -2) == jalali.from_jalali(1402, 1, 1)
    assert jalali.add_periods(D(2026, 3, 1), "month", 1) == D(2026, 3, 21)
    assert jalali.add_periods(D(2025, 3, 21), "month", 25) == jalali.from_jalali(1406, 2, 1)


def test_period_labels():
    assert jalali.period_label(D(2026, 3, 1), "month") == "اسفند ۱۴۰۴"
    assert jalali.period_label(D(2026, 3, 1), "quarter") == "زمستان ۱۴۰۴"
    assert jalali.period_label(D(2025, 3, 21), "quarter") == "بهار ۱۴۰۴"
    assert jalali.period_label(D(2026, 3, 1), "year") == "۱۴۰۴"
    assert jalali.period_label(D(2026, 3, 1), "month", persian=False) == "Esfand 1404"
    assert jalali.period_label(D(2026, 3, 1), "quarter", persian=False) == "Winter 1404"
    with pytest.raises(ValueError, match="Unknown Jalali period"):
        jalali.period_start(D(2026, 3, 1), "decade")


def test_weeks_start_on_saturday_and_days_are_days():
    # 2025-03-20 (30 Esfand 1403) is a Thursday: its week started on Saturday 2025-03-15 (25 Esfand)
    assert jalali.period_start(D(2025, 3, 20), "week") == D(2025, 3, 15)
    assert jalali.period_start(D(2025, 3, 15), "week") == D(2025, 3, 15)
    assert jalali.period_start(D(2025, 3, 21), "week") == D(2025, 3, 15)  # Friday, Nowruz 1404
    assert jalali.period_start(D(2025, 3, 22), "week") == D(2025, 3, 22)
    assert jalali.add_periods(D(2025, 3, 20), "week", 1) == D(2025, 3, 22)
    assert jalali.add_periods(D(2025, 3, 20), "day", 1) == D(2025, 3, 21)
    assert jalali.period_label(D(2025, 3, 20), "week") == "هفتهٔ ۲۵ اسفند ۱۴۰۳"
    assert jalali.period_label(D(2025, 3, 20), "week", persian=False) == "Week of 25 Esfand 1403"
    assert jalali.period_label(D(2025, 3, 20), "day") == "۳۰ اسفند ۱۴۰۳"
    assert jalali.period_label(D(2025, 3, 21), "day", persian=False) == "1 Farvardin 1404"


@pytest.mark.parametrize("start, months, expected", [
    ((1405, 1, 15), 1, (1405, 2, 15)),
    ((1405, 6, 31), 1, (1405, 7, 30)),  # Mehr has 30 days
    ((1404, 11, 30), 1, (1404, 12, 29)),  # Esfand 1404 has 29 days
    ((1403, 11, 30), 1, (1403, 12, 30)),  # 1403 is leap: Esfand has 30
    ((1405, 12, 29), 1, (1406, 1, 29)),
    ((1405, 1, 31), -1, (1404, 12, 29)),
    ((1405, 3, 10), 12, (1406, 3, 10)),
])
def test_add_months_keeps_the_day_or_takes_the_last(start, months, expected):
    assert jalali.add_months(jalali.from_jalali(*start), months) == jalali.from_jalali(*expected)


@pytest.mark.parametrize("start, end, expected", [
    ((1405, 1, 15), (1405, 1, 15), 0),
    ((1405, 1, 15), (1405, 1, 10), 0),
    ((1405, 1, 15), (1405, 1, 16), 1),
    ((1405, 1, 15), (1405, 2, 15), 1),  # one whole Jalali month (31 days)
    ((1405, 1, 15), (1405, 2, 16), 2),
    ((1405, 7, 1), (1405, 8, 1), 1),  # 30 days in Mehr: one month, as 30-day months would also say
    ((1405, 1, 1), (1405, 2, 1), 1),  # 31 days: still one month (30-day months would say 2)
    ((1404, 12, 29), (1405, 12, 29), 12),
])
def test_months_started(start, end, expected):
    assert jalali.months_started(jalali.from_jalali(*start), jalali.from_jalali(*end)) == expected
