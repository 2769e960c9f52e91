"""Wage tax and insurance shares on the figures of DOMAIN.md §6, computed by hand."""

from decimal import Decimal

import pytest

from municipality_hr_tools.payroll import (
    check_bands, insurance_ceiling, insurance_shares, monthly_wage_tax, round_rial)

# DOMAIN.md §6: 1404 and 1405 (unverified) monthly marginal bands, rial.
BANDS_1404 = [(240_000_000, 0), (300_000_000, 10), (380_000_000, 15), (500_000_000, 20),
              (666_666_667, 25), (None, 30)]
BANDS_1405 = [(400_000_000, 0), (800_000_000, 10), (1_000_000_000, 15), (1_200_000_000, 20),
              (1_400_000_000, 25), (None, 30)]
RATES = {"employee": 7, "employer": 20, "unemployment": 3}


@pytest.mark.parametrize(("taxable", "tax"), [
    (0, 0),
    (103_909_680, 0),                 # the 1404 minimum monthly wage: inside the 0 % band
    (240_000_000, 0),                 # edge of the 0 % band
    (240_000_001, 0),                 # 1 rial at 10 % = 0.1 → 0
    (240_000_004, 0),                 # 0.4 → 0
    (240_000_005, 1),                 # 0.5 → 1 (halves round up)
    (300_000_000, 6_000_000),         # 60,000,000 × 10 %
    (300_000_001, 6_000_000),         # + 0.15 → 6,000,000
    (380_000_000, 18_000_000),        # 6,000,000 + 80,000,000 × 15 %
    (380_000_010, 18_000_002),        # + 10 × 20 % = 2
    (500_000_000, 42_000_000),        # 18,000,000 + 120,000,000 × 20 %
    (666_666_667, 83_666_667),        # 42,000,000 + 166,666,667 × 25 % = 83,666,666.75
    (666_666_668, 83_666_667),        # 83,666,666.75 + 0.30 = 83,666,667.05
    (1_000_000_000, 183_666_667),     # 83,666,666.75 + 333,333,333 × 30 % = 183,666,666.65 (issue 12)
    (2_000_000_000, 483_666_667),     # 83,666,666.75 + 1,333,333,333 × 30 % = 483,666,666.65
])
def test_tax_1404_at_every_band_edge(taxable, tax):
    assert monthly_wage_tax(taxable, BANDS_1404) == tax


@pytest.mark.parametrize(("taxable", "tax"), [
    (0, 0),
    (400_000_000, 0),                 # edge of the 0 % band
    (400_000_001, 0),                 # 0.1 → 0
    (400_000_005, 1),                 # 0.5 → 1
    (800_000_000, 40_000_000),        # 400,000,000 × 10 %
    (1_000_000_000, 70_000_000),      # 40,000,000 + 200,000,000 × 15 %
    (1_000_000_003, 70_000_001),      # + 3 × 20 % = 0.6 → 1
    (1_200_000_000, 110_000_000),     # 70,000,000 + 200,000,000 × 20 %
    (1_400_000_000, 160_000_000),     # 110,000,000 + 200,000,000 × 25 %
    (1_400_000_001, 160_000_000),     # + 0.3 → 160,000,000
    (2_000_000_000, 340_000_000),     # 160,000,000 + 600,000,000 × 30 %
])
def test_tax_1405_at_every_band_edge(taxable, tax):
    assert monthly_wage_tax(taxable, BANDS_1405) == tax


def test_tax_accepts_whole_floats_as_odoo_reads_monetary_fields():
    assert monthly_wage_tax(1_000_000_000.0, BANDS_1404) == 183_666_667
    assert insurance_shares(103_909_680.0, 727_367_760.0, RATES)["employee"] == 7_273_678


def test_tax_accepts_tuples_decimals_and_fractional_rates():
    bands = ((100, Decimal("22.5")), (None, "30"))
    assert monthly_wage_tax(Decimal(101), bands) == 23     # 22.5 + 0.3 = 22.8 → 23
    assert monthly_wage_tax(2, bands) == 0                 # 0.45 → 0


@pytest.mark.parametrize(("taxable", "bands", "message"), [
    (-1, BANDS_1404, "cannot be negative"),
    (1.5, BANDS_1404, "whole amount"),
    (float("inf"), BANDS_1404, "whole amount"),
    (Decimal("NaN"), BANDS_1404, "whole amount"),
    (Decimal("1.5"), BANDS_1404, "whole amount"),
    ("100", BANDS_1404, "whole amount"),
    (True, BANDS_1404, "whole amount"),
    (100, [], "non-empty"),
    (100, None, "non-empty"),
    (100, [(240_000_000, 0), (300_000_000, 10)], "last tax band must have no upper bound"),
    (100, [(None, 0), (300_000_000, 10), (None, 30)], "Only the last tax band"),
    (100, [(300_000_000, 10), (240_000_000, 0), (None, 30)], "ascending order"),
    (100, [(240_000_000, 0), (240_000_000, 10), (None, 30)], "ascending order"),
    (100, [(-5, 0), (None, 30)], "cannot be negative"),
    (100, [(240_000_000, -1), (None, 30)], "between 0 and 100"),
    (100, [(240_000_000, 0), (None, 130)], "between 0 and 100"),
    (100, [(240_000_000, "ten"), (None, 30)], "number of percent"),
    (100, [(240_000_000,), (None, 30)], "pair"),
])
def test_tax_refuses_bad_input(taxable, bands, message):
    with pytest.raises(ValueError, match=message):
        monthly_wage_tax(taxable, bands)


def test_check_bands_normalises():
    assert check_bands(BANDS_1404)[-1] == (None, Decimal(30))
    assert check_bands([[10, 5], [None, 10]]) == [(10, Decimal(5)), (None, Decimal(10))]


def test_insurance_ceiling_1404():
    # 7 × 3,463,656 = 24,245,592 a day
    assert insurance_ceiling(3_463_656, 30) == 727_367_760
    assert insurance_ceiling(3_463_656, 31) == 751_613_352
    assert insurance_ceiling(3_463_656, 29) == 703_122_168
    assert insurance_ceiling(3_463_656, 0) == 0
    with pytest.raises(ValueError, match="cannot be negative"):
        insurance_ceiling(-1, 30)
    with pytest.raises(ValueError, match="multiple"):
        insurance_ceiling(3_463_656, 30, multiple=0)


def test_insurance_below_the_ceiling():
    # 103,909,680 × 7 % = 7,273,677.6 → 7,273,678; × 20 % = 20,781,936; × 3 % = 3,117,290.4 → 3,117,290
    assert insurance_shares(103_909_680, 727_367_760, RATES) == {
        "employee": 7_273_678, "employer": 20_781_936, "unemployment": 3_117_290}


def test_insurance_capped_at_the_ceiling():
    # min(1,000,000,000, 727,367,760) = 727,367,760:
    # 7 % = 50,915,743.2 → 50,915,743; 20 % = 145,473,552; 3 % = 21,821,032.8 → 21,821,033
    expected = {"employee": 50_915_743, "employer": 145_473_552, "unemployment": 21_821_033}
    assert insurance_shares(1_000_000_000, 727_367_760, RATES) == expected
    assert insurance_shares(727_367_760, 727_367_760, RATES) == expected
    # one rial under the cap is not capped: 727,367,759 × 7 % = 50,915,743.13
    assert insurance_shares(727_367_759, 727_367_760, RATES)["employee"] == 50_915_743


def test_insurance_other_fund_rates_and_no_ceiling():
    # another fund: its own keys and rates; None = no ceiling; 0.5 rial rounds up
    assert insurance_shares(1_000_000_005, None, {"employee": 9, "employer": Decimal("13.5")}) == {
        "employee": 90_000_000, "employer": 135_000_001}   # 90,000,000.45; 135,000,000.675
    assert insurance_shares(0, 727_367_760, RATES) == {"employee": 0, "employer": 0, "unemployment": 0}


@pytest.mark.parametrize(("insurable", "ceiling", "rates", "message"), [
    (-1, 727_367_760, RATES, "insurable wage cannot be negative"),
    (100, -1, RATES, "insurance ceiling cannot be negative"),
    (100.5, 727_367_760, RATES, "whole amount"),
    (100, 727_367_760, {}, "non-empty dict"),
    (100, 727_367_760, [7, 20, 3], "non-empty dict"),
    (100, 727_367_760, {"employee": -7}, "between 0 and 100"),
    (100, 727_367_760, {"employee": None}, "number of percent"),
])
def test_insurance_refuses_bad_input(insurable, ceiling, rates, message):
    with pytest.raises(ValueError, match=message):
        insurance_shares(insurable, ceiling, rates)


def test_round_rial_halves_up():
    assert round_rial(Decimal("0.5")) == 1
    assert round_rial(Decimal("1.49")) == 1
    assert round_rial(Decimal("2.5")) == 3
    assert round_rial(7) == 7
