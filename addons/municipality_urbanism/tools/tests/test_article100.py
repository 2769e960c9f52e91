import datetime
from decimal import Decimal

import pytest

from municipality_urbanism_tools.article100 import (
    ALLOWED_RULINGS_EXAMPLE as RULINGS, FINE_RANGES_EXAMPLE as RANGES, MESSAGES, Article100Error, appeal_deadline,
    check_fine_tariff, check_quorum, check_ruling, check_second_panel, decide, fine_amount, fine_range,
    is_appeal_in_time, returns_to_commission)

FIRST = [(1, "judge"), (2, "interior_ministry"), (3, "council"), (4, "municipality")]
SECOND = [(11, "judge"), (12, "interior_ministry"), (13, "council"), (4, "municipality")]


def code(call, *args, **kwargs):
    with pytest.raises(Article100Error) as info:
        call(*args, **kwargs)
    assert str(info.value) == MESSAGES[info.value.code] % info.value.params
    return info.value


# -- quorum and votes -------------------------------------------------------------------------------------------
def test_quorum():
    check_quorum(FIRST)
    check_quorum(FIRST[:3])  # the municipality's representative is not needed for the quorum


@pytest.mark.parametrize("members, expected", [
    (FIRST[1:], "quorum"),
    ([(1, "judge"), (4, "municipality")], "quorum"),
    ([], "quorum"),
    (FIRST + [(5, "judge")], "same_role"),
    (FIRST + [(6, "mayor")], "role"),
    ([(1, "judge"), (1, "interior_ministry"), (3, "council")], "member_twice"),   # one person, two votes
])
def test_no_quorum(members, expected):
    assert code(check_quorum, members).code == expected


def test_quorum_message_names_who_is_missing():
    error = code(check_quorum, [(1, "judge"), (4, "municipality")])
    assert error.params == {"missing": "interior_ministry, council"}


def test_two_votes_decide():
    assert decide(FIRST, {1: "demolition", 2: "demolition", 3: "fine"}) == "demolition"
    assert decide(FIRST, {1: "fine", 2: "demolition", 3: "fine"}) == "fine"
    assert decide(FIRST, {1: "fine", 3: "fine"}) == "fine"  # one abstains
    assert decide(FIRST, {1: ("fine", Decimal(2)), 2: ("fine", Decimal(2)), 3: ("fine", Decimal(3))}) == (
        "fine", Decimal(2))


def test_no_decision():
    assert code(decide, FIRST, {1: "fine", 2: "demolition", 3: "closure"}).code == "no_majority"
    assert code(decide, FIRST, {1: "fine"}).code == "no_majority"
    assert code(decide, FIRST, {}).code == "no_majority"
    # two votes without the quorum decide nothing
    assert code(decide, FIRST[:2] + FIRST[3:], {1: "fine", 2: "fine"}).code == "quorum"


def test_the_municipality_does_not_vote():
    assert code(decide, FIRST, {1: "fine", 4: "fine"}).code == "no_vote"
    assert code(decide, FIRST, {1: "fine", 2: "fine", 99: "fine"}).code == "not_present"


# -- rulings and fines ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("violation, ruling", [
    ("excess_area", "fine"), ("excess_area", "demolition"), ("missing_parking", "fine"),
    ("encroachment", "demolition"), ("no_permit", "fine"), ("change_of_use", "closure"),
    ("change_of_use", "restore_use"), ("engineer_fault", "report_engineer"),
])
def test_allowed_rulings(violation, ruling):
    check_ruling(violation, ruling, RULINGS, principle="planning")


@pytest.mark.parametrize("violation, ruling", [
    ("encroachment", "fine"),        # a street is never bought: demolition
    ("change_of_use", "fine"), ("missing_parking", "demolition"), ("unknown", "fine"),
])
def test_refused_rulings(violation, ruling):
    assert code(check_ruling, violation, ruling, RULINGS, principle="planning").code == "ruling"


def test_demolition_names_the_violated_principle():
    for principle in ("planning", "technical", "health"):
        check_ruling("encroachment", "demolition", RULINGS, principle=principle)
    for principle in (None, "", "aesthetics"):
        assert code(check_ruling, "encroachment", "demolition", RULINGS, principle=principle).code == "principle"


@pytest.mark.parametrize("violation, use, multiplier, value, area, expected", [
    # residential excess area ½–3×: 2 × 15,000,000 × 30 m² = 900,000,000
    ("excess_area", "residential", 2, 15_000_000, 30, 900_000_000),
    ("excess_area", "residential", Decimal("0.5"), 15_000_000, 30, 225_000_000),   # the lowest
    ("excess_area", "residential", 3, 15_000_000, 30, 1_350_000_000),              # the highest
    # commercial 2–4×: 4 × 20,000,000 × 12.5 m² = 1,000,000,000
    ("excess_area", "commercial", 4, 20_000_000, Decimal("12.5"), 1_000_000_000),
    ("excess_area", "office", Decimal("2.5"), 20_000_000, 10, 500_000_000),
    # missing parking 1–2×, any use: 1.5 × 18,000,000 × 25 m² = 675,000,000
    ("missing_parking", "residential", Decimal("1.5"), 18_000_000, 25, 675_000_000),
    ("missing_parking", "commercial", 2, 18_000_000, 25, 900_000_000),
])
def test_fine_amount(violation, use, multiplier, value, area, expected):
    assert fine_amount(violation, use, multiplier, value, area, RANGES) == expected


@pytest.mark.parametrize("violation, use, multiplier", [
    ("excess_area", "residential", Decimal("0.49")), ("excess_area", "residential", Decimal("3.01")),
    ("excess_area", "commercial", Decimal("1.5")), ("excess_area", "commercial", 5),
    ("missing_parking", "residential", Decimal("0.9")), ("missing_parking", "residential", Decimal("2.5")),
])
def test_multiplier_out_of_range(violation, use, multiplier):
    error = code(fine_amount, violation, use, multiplier, 15_000_000, 30, RANGES)
    assert error.code == "multiplier"


def test_multiplier_message():
    error = code(fine_amount, "excess_area", "residential", 4, 15_000_000, 30, RANGES)
    assert str(error) == "The multiplier 4 is outside the legal range 0.5–3 for excess_area."


def test_no_fine_range():
    assert fine_range("excess_area", "commercial", RANGES) == (2, 4)
    assert code(fine_amount, "encroachment", "residential", 1, 1, 1, RANGES).code == "no_fine"
    assert code(fine_amount, "excess_area", "agricultural", 1, 1, 1, RANGES).code == "no_fine"


# -- appeal -----------------------------------------------------------------------------------------------------
def test_appeal_deadline_in_calendar_days():
    notice = datetime.date(2026, 4, 21)  # 1405/02/01, a Tuesday
    assert appeal_deadline(notice) == datetime.date(2026, 5, 1)
    assert is_appeal_in_time(notice, notice)
    assert is_appeal_in_time(notice, datetime.date(2026, 5, 1))
    assert not is_appeal_in_time(notice, datetime.date(2026, 5, 2))
    # across the end of Esfand 1404 (29 days, not a leap year): notice 1404/12/25 → 1405/01/06
    assert appeal_deadline(datetime.date(2026, 3, 16)) == datetime.date(2026, 3, 26)


def test_appeal_deadline_on_a_holiday_moves_to_the_next_working_day():
    notice = datetime.date(2026, 4, 21)
    # the 10th day, 2026-05-01, is a Friday
    assert appeal_deadline(notice, rest_weekdays=(3, 4)) == datetime.date(2026, 5, 2)
    assert appeal_deadline(notice, holidays={datetime.date(2026, 5, 2)}, rest_weekdays=(3, 4)) == datetime.date(
        2026, 5, 3)
    # a holiday inside the ten days does not lengthen them
    assert appeal_deadline(notice, holidays={datetime.date(2026, 4, 25)}) == datetime.date(2026, 5, 1)


def test_appeal_before_notice_is_an_error():
    assert code(is_appeal_in_time, datetime.date(2026, 4, 21), datetime.date(2026, 4, 20)).code == "dates"


def test_second_panel():
    check_second_panel(FIRST, SECOND)  # the municipality's representative may be the same
    error = code(check_second_panel, FIRST, [(1, "judge"), (12, "interior_ministry"), (3, "council")])
    assert error.params == {"members": "1, 3"}
    # the first panel's judge cannot come back in another role
    assert code(check_second_panel, FIRST, [(11, "judge"), (1, "interior_ministry"), (13, "council")]).code == (
        "same_member")
    assert code(check_second_panel, FIRST, SECOND[:2]).code == "quorum"


# -- payment ----------------------------------------------------------------------------------------------------
def test_no_late_charge_on_a_fine():
    check_fine_tariff(0)
    check_fine_tariff(None)
    assert code(check_fine_tariff, Decimal("2.5")).code == "late_charge"


def test_unpaid_fine_returns_to_the_commission():
    due = datetime.date(2026, 6, 1)
    assert returns_to_commission(False, due, datetime.date(2026, 6, 2))
    assert not returns_to_commission(False, due, due)
    assert not returns_to_commission(True, due, datetime.date(2026, 7, 1))
    assert not returns_to_commission(False, None, datetime.date(2030, 1, 1))
