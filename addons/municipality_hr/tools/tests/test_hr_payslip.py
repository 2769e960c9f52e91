"""Payslips computed from DOMAIN.md §6's 1404 figures; every expected figure is
worked out by hand in the comments (rials; halves round up)."""

import pytest

from municipality_hr_tools.payslip import (
    bonus_tax, compute_arrears, compute_payslip, severance, wage_days, year_days, year_end_bonus)

from hr_payroll_examples import PARAMS_1404, WORKER, item, staff, whole


def test_full_month_mehr():
    slip = compute_payslip(1404, 7, whole(30, WORKER), PARAMS_1404)
    assert slip["month_days"] == 30 and slip["paid_days"] == 30 and slip["insurance_days"] == 30
    assert slip["lines"] == {"base": 103_909_680, "seniority": 2_820_000, "housing": 9_000_000,
                             "grocery": 22_000_000, "marriage": 5_000_000, "child": 10_390_968}
    # 106,729,680 + 9,000,000 + 22,000,000 + 5,000,000 + 10,390,968
    assert slip["gross"] == 153_120_648
    # daily wage 106,729,680 / 30 = 3,557,656; × 30 days = 106,729,680; benefits 9 + 22 + 5 million
    assert (slip["daily_wage"], slip["insurable_wage"], slip["insurable_benefits"]) == (
        3_557_656, 106_729_680, 36_000_000)
    assert slip["insurable"] == 142_729_680
    assert slip["insurance_ceiling"] == 727_367_760          # 7 × 3,463,656 × 30
    # 7 % = 9,991,077.6; 20 % = 28,545,936; 3 % = 4,281,890.4
    assert slip["insurance"] == {"employee": 9_991_078, "employer": 28_545_936, "unemployment": 4_281_890}
    # 2/7 × 9,991,078 = 2,854,593.7 → 2,854,594; taxable 153,120,648 − 2,854,594, under 240,000,000
    assert slip["insurance_tax_exemption"] == 2_854_594
    assert slip["taxable"] == 150_266_054
    assert slip["tax"] == 0
    assert slip["net"] == 143_129_570                        # 153,120,648 − 9,991,078
    assert slip["line_flags"]["child"] == {"insurable": False, "taxable": True}


def test_hire_on_the_16th_of_farvardin():
    slip = compute_payslip(1404, 1, [{"first_day": 16, "last_day": 31, "items": WORKER}], PARAMS_1404)
    # wages: days 16..30 of the 30-day grid = 15 days (half a month); insured: 16 calendar days
    assert slip["paid_days"] == 15 and slip["insurance_days"] == 16
    assert slip["lines"] == {"base": 51_954_840, "seniority": 1_410_000, "housing": 4_500_000,
                             "grocery": 11_000_000, "marriage": 2_500_000, "child": 5_195_484}
    assert slip["gross"] == 76_560_324                        # 153,120,648 / 2
    # 3,557,656 × 16 = 56,922,496; benefits 36,000,000 / 2 = 18,000,000
    assert slip["insurable_wage"] == 56_922_496 and slip["insurable_benefits"] == 18_000_000
    assert slip["insurance_ceiling"] == 387_929_472          # 7 × 3,463,656 × 16
    # 74,922,496 × 7 % = 5,244,574.72; × 20 % = 14,984,499.2; × 3 % = 2,247,674.88
    assert slip["insurance"] == {"employee": 5_244_575, "employer": 14_984_499, "unemployment": 2_247_675}
    assert slip["insurance_tax_exemption"] == 1_498_450       # 5,244,575 × 2 / 7, exactly
    assert slip["tax"] == 0
    assert slip["net"] == 71_315_749                          # 76,560,324 − 5,244,575


def test_decree_executed_mid_month():
    # Mehr 1404: the old decree days 1–10, an increase executed on the 11th (days 11–30)
    segments = [{"first_day": 11, "last_day": 30, "items": staff(390_000_000, 180_000_000)},
                {"first_day": 1, "last_day": 10, "items": staff(300_000_000, 150_000_000)}]
    slip = compute_payslip(1404, 7, segments, PARAMS_1404)
    # base 300,000,000 × 10/30 + 390,000,000 × 20/30 = 100,000,000 + 260,000,000
    # job  150,000,000 × 10/30 + 180,000,000 × 20/30 =  50,000,000 + 120,000,000
    assert slip["lines"] == {"base": 360_000_000, "job": 170_000_000}
    assert slip["gross"] == 530_000_000
    assert slip["daily_wage"] == 12_000_000                   # 360,000,000 / 30 insured days
    assert slip["insurable"] == 530_000_000
    assert slip["insurance"] == {"employee": 37_100_000, "employer": 106_000_000, "unemployment": 15_900_000}
    # 2/7 × 37,100,000 = 10,600,000; taxable 519,400,000:
    # 42,000,000 (to 500,000,000) + 19,400,000 × 25 % = 46,850,000
    assert slip["taxable"] == 519_400_000
    assert slip["tax"] == 46_850_000
    assert slip["net"] == 446_050_000                         # 530,000,000 − 37,100,000 − 46,850,000


def test_decree_executed_mid_farvardin_splits_thirty_days():
    # Farvardin (31 days): old decree days 1–15, new 16–31 → 15 + 15 wage days; 15 + 16 insured days
    segments = [{"first_day": 1, "last_day": 15, "items": staff(300_000_000, 150_000_000)},
                {"first_day": 16, "last_day": 31, "items": staff(360_000_000, 150_000_000)}]
    slip = compute_payslip(1404, 1, segments, PARAMS_1404)
    assert slip["paid_days"] == 30 and slip["insurance_days"] == 31
    assert slip["lines"] == {"base": 330_000_000, "job": 150_000_000}   # 150 M + 180 M; 75 M + 75 M
    # insured base: 10,000,000 × 15 + 12,000,000 × 16 = 342,000,000 over 31 days = 11,032,258.06
    assert slip["daily_wage"] == 11_032_258
    assert slip["insurable_wage"] == 341_999_998             # 11,032,258 × 31, as the list computes it


def test_unpaid_leave():
    slip = compute_payslip(1404, 7, whole(30, WORKER), PARAMS_1404, unpaid_days=3)
    assert slip["paid_days"] == 27 and slip["insurance_days"] == 27
    # every item × 27/30 = × 0.9; the child 9,351,871.2 → 9,351,871
    assert slip["lines"] == {"base": 93_518_712, "seniority": 2_538_000, "housing": 8_100_000,
                             "grocery": 19_800_000, "marriage": 4_500_000, "child": 9_351_871}
    assert slip["gross"] == 137_808_583
    # 3,557,656 × 27 = 96,056,712; benefits 8.1 + 19.8 + 4.5 million = 32,400,000
    assert slip["insurable"] == 128_456_712
    # 7 % = 8,991,969.84; 20 % = 25,691,342.4; 3 % = 3,853,701.36
    assert slip["insurance"] == {"employee": 8_991_970, "employer": 25_691_342, "unemployment": 3_853_701}
    assert slip["insurance_ceiling"] == 654_630_984         # 7 × 3,463,656 × 27 = 24,245,592 × 27
    assert slip["tax"] == 0
    assert slip["net"] == 128_816_613


def test_unpaid_days_come_off_the_latest_decree_first():
    segments = [{"first_day": 1, "last_day": 15, "items": staff(300_000_000, 0)},
                {"first_day": 16, "last_day": 30, "items": staff(600_000_000, 0)}]
    slip = compute_payslip(1404, 7, segments, PARAMS_1404, unpaid_days=5)
    # 300,000,000 × 15/30 + 600,000,000 × 10/30 = 150,000,000 + 200,000,000
    assert slip["lines"]["base"] == 350_000_000
    assert slip["paid_days"] == 25


def test_overtime_night_and_a_loan():
    slip = compute_payslip(1404, 7, whole(30, staff(300_000_000, 150_000_000)), PARAMS_1404,
                           hours={"overtime": 20, "night": 10}, deductions={"loan": 10_000_000})
    # hourly 300,000,000 / 220; overtime 20 h × 140 % = 38,181,818.18; night 10 h × 35 % = 4,772,727.27
    assert slip["lines"] == {"base": 300_000_000, "job": 150_000_000,
                             "overtime": 38_181_818, "night": 4_772_727}
    assert slip["gross"] == 492_954_545
    # daily 10,000,000 × 30 = 300,000,000; benefits 150,000,000 + 38,181,818 + 4,772,727 = 192,954,545
    assert slip["insurable_benefits"] == 192_954_545 and slip["insurable"] == 492_954_545
    # 7 % = 34,506,818.15; 20 % = 98,590,909; 3 % = 14,788,636.35
    assert slip["insurance"] == {"employee": 34_506_818, "employer": 98_590_909, "unemployment": 14_788_636}
    # 2/7 × 34,506,818 = 9,859,090.86 → 9,859,091; taxable 483,095,454:
    # 18,000,000 + 103,095,454 × 20 % = 38,619,090.8 → 38,619,091
    assert slip["taxable"] == 483_095_454
    assert slip["tax"] == 38_619_091
    assert slip["deductions"] == {"loan": 10_000_000}
    assert slip["net"] == 409_828_636                         # 492,954,545 − 34,506,818 − 38,619,091 − 10 M


def test_holiday_hours_and_shift_allowance():
    slip = compute_payslip(1404, 7, whole(30, WORKER), PARAMS_1404, hours={"holiday": 8}, shift_percent=15)
    # 8 h × 140 % = 106,729,680 × 11.2 / 220 = 1,195,372,416 / 220 = 5,433,510.98 → 5,433,511;
    # shift 15 % × 106,729,680 = 16,009,452
    assert slip["lines"]["holiday"] == 5_433_511
    assert slip["lines"]["shift"] == 16_009_452
    # both insurable benefits: 36,000,000 + 5,433,511 + 16,009,452
    assert slip["insurable_benefits"] == 57_442_963


def test_non_insurable_hours_from_the_year_rates():
    params = dict(PARAMS_1404, hour_rates={"overtime": {"rate": 140, "insurable": False, "taxable": True}})
    slip = compute_payslip(1404, 7, whole(30, staff(300_000_000, 0)), params, hours={"overtime": 20})
    assert slip["lines"]["overtime"] == 38_181_818
    assert slip["insurable"] == 300_000_000


def test_farvardin_has_31_insured_days():
    slip = compute_payslip(1404, 1, whole(31, WORKER), PARAMS_1404)
    assert slip["month_days"] == 31 and slip["paid_days"] == 30 and slip["insurance_days"] == 31
    assert slip["gross"] == 153_120_648                       # wages: the 30-day month
    assert slip["insurable_wage"] == 110_287_336              # 3,557,656 × 31
    assert slip["insurable"] == 146_287_336
    assert slip["insurance_ceiling"] == 751_613_352           # 7 × 3,463,656 × 31
    assert slip["insurance"]["employee"] == 10_240_114       # 7 % = 10,240,113.52


def test_esfand_has_29_insured_days_in_1404_and_30_in_1403():
    slip = compute_payslip(1404, 12, whole(29, WORKER), PARAMS_1404)
    assert slip["month_days"] == 29 and slip["paid_days"] == 30 and slip["insurance_days"] == 29
    assert slip["gross"] == 153_120_648
    assert slip["insurable_wage"] == 103_172_024              # 3,557,656 × 29
    assert slip["insurance"]["employee"] == 9_742_042        # 139,172,024 × 7 % = 9,742,041.68
    assert slip["insurance_ceiling"] == 703_122_168           # 7 × 3,463,656 × 29
    # leaving on 28 Esfand: 28 wage days (the month's end is day 29)
    left = compute_payslip(1404, 12, [{"first_day": 1, "last_day": 28, "items": WORKER}], PARAMS_1404)
    assert left["paid_days"] == 28 and left["insurance_days"] == 28
    # 1403 is leap: Esfand has 30 days, all insured
    leap = compute_payslip(1403, 12, whole(30, WORKER), PARAMS_1404)
    assert leap["month_days"] == 30 and leap["insurance_days"] == 30 and leap["paid_days"] == 30
    with pytest.raises(ValueError, match="1 to 29"):
        compute_payslip(1404, 12, whole(30, WORKER), PARAMS_1404)


def test_insurance_capped_at_seven_minimum_wages_a_day():
    slip = compute_payslip(1404, 7, whole(30, staff(600_000_000, 400_000_000)), PARAMS_1404)
    assert slip["insurable"] == 1_000_000_000
    # capped at 727,367,760: 7 % = 50,915,743.2; 20 % = 145,473,552; 3 % = 21,821,032.8
    assert slip["insurance"] == {"employee": 50_915_743, "employer": 145_473_552, "unemployment": 21_821_033}
    # 2/7 × 50,915,743 = 14,547,355.1; taxable 985,452,645:
    # 83,666,666.75 + (985,452,645 − 666,666,667) × 30 % = 83,666,666.75 + 95,635,793.4 = 179,302,460.15
    assert slip["taxable"] == 985_452_645
    assert slip["tax"] == 179_302_460


def test_retroactive_arrears():
    # An increase executed on 1 Mehr 1404, issued after Mehr (with 10 overtime hours) and Aban were paid.
    old, new = staff(300_000_000, 150_000_000), staff(330_000_000, 165_000_000)
    months = [{"year": 1404, "month": 7, "paid_segments": whole(30, old), "new_segments": whole(30, new),
               "hours": {"overtime": 10}},
              {"year": 1404, "month": 8, "paid_segments": whole(30, old), "new_segments": whole(30, new)}]
    arrears = compute_arrears(months, PARAMS_1404)
    # overtime 10 h × 140 %: 300,000,000 → 19,090,909.09; 330,000,000 → 21,000,000: + 1,909,091
    assert arrears["by_month"] == [
        {"year": 1404, "month": 7, "lines": {"base": 30_000_000, "job": 15_000_000, "overtime": 1_909_091}},
        {"year": 1404, "month": 8, "lines": {"base": 30_000_000, "job": 15_000_000}}]
    assert arrears["items"] == [
        {"code": "base", "amount": 60_000_000, "insurable": True, "taxable": True},
        {"code": "job", "amount": 30_000_000, "insurable": True, "taxable": True},
        {"code": "overtime", "amount": 1_909_091, "insurable": True, "taxable": True}]
    assert arrears["total"] == 91_909_091

    slip = compute_payslip(1404, 9, whole(30, new), PARAMS_1404, arrears=arrears["items"])
    assert slip["lines"] == {"base": 330_000_000, "job": 165_000_000}
    assert slip["arrears"] == {"base": 60_000_000, "job": 30_000_000, "overtime": 1_909_091}
    assert slip["gross"] == 586_909_091                       # 495,000,000 + 91,909,091
    # insured: 330,000,000 + benefits 165,000,000 + 91,909,091 = 586,909,091
    # 7 % = 41,083,636.37; 20 % = 117,381,818.2; 3 % = 17,607,272.73
    assert slip["insurance"] == {"employee": 41_083_636, "employer": 117_381_818, "unemployment": 17_607_273}
    # 2/7 × 41,083,636 = 11,738,181.7 → 11,738,182; taxable 575,170,909:
    # 42,000,000 + 75,170,909 × 25 % = 60,792,727.25
    assert slip["taxable"] == 575_170_909
    assert slip["tax"] == 60_792_727
    assert slip["net"] == 485_032_728                         # 586,909,091 − 41,083,636 − 60,792,727


def test_arrears_refuse_a_decrease_and_bad_months():
    months = [{"year": 1404, "month": 7, "paid_segments": whole(30, staff(300_000_000, 0)),
               "new_segments": whole(30, staff(200_000_000, 0))}]
    with pytest.raises(ValueError, match="recovery"):
        compute_arrears(months, PARAMS_1404)
    with pytest.raises(ValueError, match="at least one paid month"):
        compute_arrears([], PARAMS_1404)


def test_arrears_across_two_years_take_each_year_parameters():
    params_1403 = dict(PARAMS_1404, min_daily_wage=2_388_728)
    months = [{"year": year, "month": month, "paid_segments": whole(days, staff(300_000_000, 0)),
               "new_segments": whole(days, staff(310_000_000, 0))}
              for year, month, days in ((1403, 12, 30), (1404, 1, 31))]
    arrears = compute_arrears(months, {1403: params_1403, 1404: PARAMS_1404})
    assert arrears["items"] == [{"code": "base", "amount": 20_000_000, "insurable": True, "taxable": True}]


def test_year_end_bonus():
    assert year_days(1404) == 365 and year_days(1403) == 366
    # the worker: 60 × 3,557,656 = 213,459,360, between 60 × 3,463,656 = 207,819,360 and 90 × … = 311,729,040
    bonus = year_end_bonus(1404, 3_557_656, 365, PARAMS_1404)
    assert bonus == {"amount": 213_459_360, "tax_exempt": 213_459_360, "taxable": 0}
    # a daily wage of 10,000,000: 600,000,000, capped at 311,729,040; exempt up to 240,000,000
    bonus = year_end_bonus(1404, 10_000_000, 365, PARAMS_1404)
    assert bonus == {"amount": 311_729_040, "tax_exempt": 240_000_000, "taxable": 71_729_040}
    # below the minimum wage: raised to 207,819,360
    assert year_end_bonus(1404, 3_000_000, 365, PARAMS_1404)["amount"] == 207_819_360
    # hired on 1 Mehr: 5 × 30 + 29 = 179 days; 213,459,360 × 179 / 365 = 38,209,225,440 / 365
    # = 104,682,809.4 → 104,682,809
    assert year_end_bonus(1404, 3_557_656, 179, PARAMS_1404)["amount"] == 104_682_809
    # 1403 is leap: a full year is 366 days
    assert year_end_bonus(1403, 3_557_656, 366, PARAMS_1404)["amount"] == 213_459_360
    # the taxable 71,729,040 on top of a month taxed to 380,000,000: all at 20 % = 14,345,808
    assert bonus_tax(71_729_040, 380_000_000, PARAMS_1404["tax_bands"]) == 14_345_808
    with pytest.raises(ValueError, match="more than the 365 days"):
        year_end_bonus(1404, 3_557_656, 366, PARAMS_1404)
    with pytest.raises(ValueError, match="bonus_min_days"):
        year_end_bonus(1404, 3_557_656, 365, {k: v for k, v in PARAMS_1404.items() if k != "bonus_min_days"})


def test_severance():
    assert severance(106_729_680, 365) == 106_729_680         # one month per full year
    # 3 years and 100 days: 106,729,680 × 1,195 / 365 = 349,430,048.2
    assert severance(106_729_680, 3 * 365 + 100) == 349_430_048
    assert severance(106_729_680, 0) == 0
    # 45 days of wage a year (1.5 months), half a year: 106,729,680 × 1.5 × 182.5 / 365 = 80,047,260
    assert severance(106_729_680, 365, days_per_year=730.0, months_per_year=45 / 30) == 80_047_260
    with pytest.raises(ValueError, match="months of wage"):
        severance(106_729_680, 365, months_per_year=0)
    with pytest.raises(ValueError, match="cannot be negative"):
        severance(-1, 365)
    with pytest.raises(ValueError, match="days of service"):
        severance(106_729_680, -5)


def test_wage_days_grid():
    assert wage_days(1, 31, 31) == 30 and wage_days(1, 30, 31) == 30 and wage_days(31, 31, 31) == 1
    assert wage_days(1, 29, 29) == 30 and wage_days(29, 29, 29) == 2 and wage_days(1, 28, 29) == 28
    assert wage_days(16, 31, 31) == 15 and wage_days(16, 30, 30) == 15 and wage_days(16, 29, 29) == 15
    assert wage_days(1, 15, 31) == 15


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"segments": []}, "at least one decree period"),
    ({"segments": [{"first_day": 0, "last_day": 30, "items": WORKER}]}, "1 to 30"),
    ({"segments": [{"first_day": 10, "last_day": 5, "items": WORKER}]}, "before it starts"),
    ({"segments": [{"first_day": 1, "last_day": 15, "items": WORKER},
                   {"first_day": 15, "last_day": 30, "items": WORKER}]}, "overlap"),
    ({"segments": whole(30, [item("base", -1)])}, "cannot be negative"),
    ({"segments": whole(30, [item("base", 1), item("base", 2)])}, "appears twice"),
    ({"segments": whole(30, [{"amount": 5}])}, "with a code"),
    ({"unpaid_days": -1}, "not negative"),
    ({"unpaid_days": 31}, "more than the 30 days paid"),
    ({"hours": {"overtime": -2}}, "cannot be negative"),
    ({"hours": {"weekend": 2}}, "No rate is set this year for weekend"),
    ({"segments": whole(30, [item("job", 100_000_000)]), "hours": {"overtime": 2}}, "base wage"),
    ({"deductions": {"loan": -5}}, "cannot be negative"),
    ({"deductions": {"loan": 200_000_000}}, "deductions"),
    ({"shift_percent": -10}, "positive"),
    ({"params": {k: v for k, v in PARAMS_1404.items() if k != "tax_bands"}}, "lack tax_bands"),
    ({"params": dict(PARAMS_1404, insurance_tax_exemption="9/7")}, "between 0 and 1"),
    ({"params": dict(PARAMS_1404, hours_divisor=0)}, "hours divisor"),
    ({"month": 13}, "Month 13 does not exist"),
])
def test_payslip_refuses_bad_input(kwargs, message):
    args = {"year": 1404, "month": 7, "segments": whole(30, WORKER), "params": PARAMS_1404}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        compute_payslip(**args)


def test_another_fund_without_a_ceiling():
    params = dict(PARAMS_1404, insurance_ceiling_multiple=0, insurance_rates={"employee": 9, "employer": 18})
    slip = compute_payslip(1404, 7, whole(30, staff(600_000_000, 400_000_000)), params)
    assert slip["insurance_ceiling"] is None
    # 1,000,000,000 × 9 % and × 18 %, no cap
    assert slip["insurance"] == {"employee": 90_000_000, "employer": 180_000_000}


def test_odoo_floats_give_the_same_payslip():
    # Odoo reads monetary, float and integer fields as float/int: whole floats are the same figures
    params = dict(PARAMS_1404, min_daily_wage=3_463_656.0, insurance_ceiling_multiple=7.0, hours_divisor=220.0,
                  hour_rates={"overtime": 140.0, "night": 35.0, "holiday": 140.0})
    floats = [dict(line, amount=float(line["amount"])) for line in staff(300_000_000, 150_000_000)]
    slip = compute_payslip(1404, 7, whole(30, floats), params, unpaid_days=0.0, hours={"overtime": 20.0})
    expected = compute_payslip(1404, 7, whole(30, staff(300_000_000, 150_000_000)), PARAMS_1404,
                               hours={"overtime": 20})
    assert slip == expected
    with pytest.raises(ValueError, match="whole amount"):
        compute_payslip(1404, 7, whole(30, [item("base", 1.5, base_wage=True)]), PARAMS_1404)
    with pytest.raises(ValueError, match="whole number of days"):
        compute_payslip(1404, 7, whole(30, WORKER), PARAMS_1404, unpaid_days=1.5)
