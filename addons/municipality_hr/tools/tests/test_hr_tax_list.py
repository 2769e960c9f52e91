"""The monthly wage-tax list: rows by pay-type code, their totals and CSV text; the portal's WH file."""

import pytest

from municipality_hr_tools.payslip import compute_payslip
from municipality_hr_tools.tax_list import (
    COLUMNS, WH_DEFAULTS, WH_EARNING_FIELDS, WH_FIELDS, tax_list_csv, tax_list_rows, tax_list_summary, wh_field,
    wh_file_name, wh_rows, wh_text)

from hr_payroll_examples import PARAMS_1404, staff, whole

# Pay-type codes as the pay items would carry them (test values, not the tax administration's list).
PAY_TYPES = {"base": "1001", "job": "1002", "overtime": "1010", "night": "1010"}


def person(national_id, first, last, slip):
    lines = [{"code": code, "pay_type": PAY_TYPES[code], "amount": amount}
             for code, amount in {**slip["lines"], **slip["arrears"]}.items()]
    return {"national_id": national_id, "first_name": first, "last_name": last, "lines": lines,
            "taxable": slip["taxable"], "tax": slip["tax"]}


def crowd():
    overtime = compute_payslip(1404, 7, whole(30, staff(300_000_000, 150_000_000)), PARAMS_1404,
                               hours={"overtime": 20, "night": 10})
    plain = compute_payslip(1404, 7, whole(30, staff(200_000_000, 50_000_000)), PARAMS_1404)
    return [person("0012345679", "علی", "رضایی", overtime), person("0023456787", "مریم", "کریمی", plain)]


def test_rows_by_pay_type():
    rows = tax_list_rows(1404, 7, crowd())
    # overtime and night share the code 1010: 38,181,818 + 4,772,727 = 42,954,545
    assert [(row["national_id"], row["pay_type"], row["amount"]) for row in rows] == [
        ("0012345679", "1001", 300_000_000), ("0012345679", "1002", 150_000_000),
        ("0012345679", "1010", 42_954_545),
        ("0023456787", "1001", 200_000_000), ("0023456787", "1002", 50_000_000)]
    # the person's taxable wage and tax once, on the first row (test_payslip: 483,095,454 and 38,619,091)
    assert [(row["taxable_wage"], row["tax"]) for row in rows[:3]] == [(483_095_454, 38_619_091), (0, 0), (0, 0)]
    # 250,000,000 − 2/7 × 17,500,000 = 245,000,000: 5,000,000 × 10 % = 500,000
    assert (rows[3]["taxable_wage"], rows[3]["tax"]) == (245_000_000, 500_000)


def test_summary_and_csv():
    rows = tax_list_rows(1404, 7, crowd())
    assert tax_list_summary(rows) == {
        "by_pay_type": {"1001": 500_000_000, "1002": 200_000_000, "1010": 42_954_545},
        "people": 2, "taxable_wage": 728_095_454, "tax": 39_119_091}
    text = tax_list_csv(rows)
    lines = text.split("\r\n")
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1] == "1404,7,0012345679,رضایی,علی,1001,300000000,483095454,38619091"
    assert len(lines) == 7 and lines[-1] == ""
    assert tax_list_csv(rows, ("national_id", "tax")).split("\r\n")[1] == "0012345679,38619091"


@pytest.mark.parametrize(("change", "message"), [
    (lambda people: people[0].update(national_id="0012345678"), "no valid national ID"),
    (lambda people: people[1].update(national_id="0012345679"), "listed twice"),
    (lambda people: people[0]["lines"][0].update(pay_type=""), "no pay-type code"),
    (lambda people: people[0]["lines"][0].update(amount=-1), "cannot be negative"),
    (lambda people: people[0].update(lines=[]), "no pay lines"),
    (lambda people: people[0].update(tax=-3), "cannot be negative"),
])
def test_bad_rows_are_refused(change, message):
    people = crowd()
    change(people)
    with pytest.raises(ValueError, match=message):
        tax_list_rows(1404, 7, people)


def test_bad_month_and_columns_are_refused():
    with pytest.raises(ValueError, match="Month 0"):
        tax_list_rows(1404, 0, crowd())
    with pytest.raises(ValueError, match="Unknown column"):
        tax_list_csv([], ("national_id", "salary"))


# ---------------------------------------------------------------- the portal's WH file

# The WH fields the shipped pay items feed (data/municipality_pay_item_data.xml).
WH_TYPES = {"base": "7", "job": "7", "overtime": "17", "night": "17"}


def wh_person(national_id, first, last, slip):
    lines = [{"code": code, "pay_type": WH_TYPES[code], "amount": amount}
             for code, amount in {**slip["lines"], **slip["arrears"]}.items()]
    return {"national_id": national_id, "first_name": first, "last_name": last, "lines": lines,
            "taxable": slip["taxable"], "tax": slip["tax"], "insurance": slip["insurance"]["employee"],
            "net": slip["gross"] - slip["insurance"]["employee"] - slip["tax"]}


def wh_crowd():
    overtime = compute_payslip(1404, 7, whole(30, staff(300_000_000, 150_000_000)), PARAMS_1404,
                               hours={"overtime": 20, "night": 10})
    plain = compute_payslip(1404, 7, whole(30, staff(200_000_000, 50_000_000)), PARAMS_1404)
    return [wh_person("0012345679", "علی", "رضایی", overtime), wh_person("0023456787", "مریم", "کریمی", plain)]


def test_wh_layout():
    assert [number for number, _name in WH_FIELDS] == list(range(1, 40))
    assert WH_EARNING_FIELDS.isdisjoint({1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 33, 34, 35})
    assert wh_field("17") == 17 and wh_field(" 7 ") == 7
    assert [wh_field(code) for code in ("", None, "1001", "07", "33", "35", "x", "10")] == [None] * 8


def test_wh_lines():
    lines = wh_rows(1404, 7, wh_crowd())
    assert [len(fields) for fields in lines] == [39, 39]
    first = lines[0]
    assert first[0] == "0012345679"
    # the codes of tables 8-13 for an employee paid in rials: 1, 1, 1, 84 (rial), rate 1; housing, car 1
    assert first[1:6] == ["1", "1", "1", "84", "1"] and (first[8], first[10]) == ("1", "1")
    # continuous cash pay: base + job; overtime and night work both in field 17 (38,181,818 + 4,772,727)
    assert (first[6], first[16]) == ("450000000", "42954545")
    # field 33: the employee's insurance share (7 % of 492,954,545 capped at 7 × 3,463,656 × 30 = 727,367,760)
    assert first[32] == str(round(492_954_545 * 0.07))
    assert first[34] == str(492_954_545 - round(492_954_545 * 0.07) - 38_619_091)
    untouched = set(range(39)) - {0, 1, 2, 3, 4, 5, 6, 8, 10, 16, 32, 34}
    assert {first[index] for index in untouched} == {"0"}
    assert lines[1][6] == "250000000" and lines[1][16] == "0"
    text = wh_text(lines)
    assert text.count("\r\n") == 2 and text.endswith("\r\n")
    assert text.split("\r\n")[0] == ",".join(first)
    assert text.isascii(), "digits and commas only: the same bytes in any encoding"
    assert wh_file_name(1404, 7) == "WH140407.txt"


def test_wh_settings_and_people_without_pay():
    people = wh_crowd()
    people[1]["settings"] = {"service_place": "3"}
    people.append({"national_id": "0034567895", "first_name": "بی", "last_name": "حقوق", "lines": []})
    lines = wh_rows(1404, 7, people, settings={"currency": "84", "housing": "2"})
    assert len(lines) == 2, "nobody is listed for a month without pay"
    assert (lines[0][2], lines[0][8]) == ("1", "2") and (lines[1][2], lines[1][8]) == ("3", "2")
    assert WH_DEFAULTS["currency"] == "84"


@pytest.mark.parametrize(("change", "settings", "message"), [
    (lambda people: people[0]["lines"][0].update(pay_type="1001"), None, "'1001' of pay item 'base'"),
    (lambda people: people[0]["lines"][2].update(pay_type="35"), None, "not a field of the WH file"),
    (lambda people: people[0]["lines"][0].update(pay_type=""), None, "no pay-type code"),
    (lambda people: people[0].update(insurance=-1), None, "cannot be negative"),
    (lambda people: people[0].update(net=1.5), None, "whole amount"),
    (lambda people: None, {"currency": "ریال"}, "must be digits"),
    (lambda people: None, {"colour": "1"}, "Unknown WH setting"),
])
def test_bad_wh_input_is_refused(change, settings, message):
    people = wh_crowd()
    change(people)
    with pytest.raises(ValueError, match=message):
        wh_rows(1404, 7, people, settings)
    with pytest.raises(ValueError, match="Month 13"):
        wh_file_name(1404, 13)
