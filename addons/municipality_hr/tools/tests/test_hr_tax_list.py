"""The monthly wage-tax list: rows by pay-type code, their totals and CSV text."""

import pytest

from municipality_hr_tools.payslip import compute_payslip
from municipality_hr_tools.tax_list import COLUMNS, tax_list_csv, tax_list_rows, tax_list_summary

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
