from decimal import Decimal

import pytest

from municipality_urbanism_tools.permit_fees import FeeError
from municipality_urbanism_tools.renovation_toll import (
    INPUT_KEYS, apartment_land_area, arrears, is_clear, land_toll, property_toll, property_value, renovation_toll,
    unpaid_years)


def test_domain_example_five_per_mille():
    # DOMAIN §4: at 5‰, a value of 1,000,000,000 rials gives 5,000,000 rials
    assert renovation_toll(1_000_000_000, Decimal("0.5")) == 5_000_000
    assert renovation_toll(1_000_000_000, 0.5) == 5_000_000


def test_rates_of_the_other_laws():
    # 1 %, and 2.5 % of the transactional value under the 1401 law
    assert renovation_toll(1_000_000_000, 1) == 10_000_000
    assert renovation_toll(1_000_000_000, Decimal("2.5")) == 25_000_000
    # half up: 0.5 % of 101 = 0.505 → 1
    assert renovation_toll(101, Decimal("0.5")) == 1
    assert renovation_toll(99, Decimal("0.5")) == 0


def test_property_value_and_toll():
    # Nasirshahr: 200 m² of land at 3,000,000 + 320 m² of building at 2,500,000 = 1,400,000,000
    assert property_value(200, 3_000_000, 320, 2_500_000) == 1_400_000_000
    # at 5‰: 7,000,000
    assert property_toll(200, 3_000_000, 320, 2_500_000, Decimal("0.5")) == 7_000_000
    # bare land
    assert property_value(500, 2_000_000) == 1_000_000_000
    assert property_toll(500, 2_000_000, 0, 0, Decimal("0.5")) == 5_000_000


def test_bafgh_land_formula():
    # 3 years × 1.5 % × 2,000,000 × 250 m² = 22,500,000
    assert land_toll(3, Decimal("1.5"), 2_000_000, 250) == 22_500_000
    assert land_toll(0, Decimal("1.5"), 2_000_000, 250) == 0
    with pytest.raises(FeeError):
        land_toll(-1, Decimal("1.5"), 2_000_000, 250)


def test_apartment_land_area():
    # a 90 m² flat in a 360 m² building on 200 m² of land: 50 m²
    assert apartment_land_area(200, 90, 360) == 50
    assert apartment_land_area(200, 90, 0) == 0


@pytest.mark.parametrize("call", [
    lambda: property_value(-1, 1), lambda: property_value(1, None), lambda: renovation_toll(1, -1),
    lambda: renovation_toll("x", 1), lambda: property_toll(1, 1, -5, 1, 1),
])
def test_bad_figures(call):
    with pytest.raises(FeeError):
        call()


def test_tariff_formula_in_the_finance_language():
    from municipality_finance_tools.toll_formula import check_formula, evaluate, round_rial
    formula = "(land_area * land_value + building_area * building_value) * 0.5 / 100"
    assert check_formula(formula, INPUT_KEYS) == set(INPUT_KEYS)
    values = dict(zip(INPUT_KEYS, (200, 3_000_000, 320, 2_500_000)))
    assert round_rial(evaluate(formula, values)) == property_toll(*values.values(), Decimal("0.5")) == 7_000_000


BALANCES = {1402: (4_000_000, 4_000_000), 1403: (5_000_000, 2_000_000), 1404: (6_000_000, 0), 1405: (7_000_000, 0)}


def test_unpaid_years_and_arrears():
    assert unpaid_years(BALANCES) == [(1403, 3_000_000), (1404, 6_000_000), (1405, 7_000_000)]
    assert unpaid_years(BALANCES, up_to_year=1403) == [(1403, 3_000_000)]
    assert arrears(BALANCES) == 16_000_000
    assert arrears(BALANCES, up_to_year=1402) == 0
    assert unpaid_years({1404: 0, 1405: 1_000}) == [(1405, 1_000)]
    # an overpayment of one year does not hide another year's debt
    assert arrears({1404: (1_000, 1_500), 1405: (2_000, 0)}) == 2_000


def test_clearance():
    paid = {1403: (5_000_000, 5_000_000), 1404: (6_000_000, 6_000_000)}
    assert is_clear(paid, 1404)
    assert not is_clear(paid, 1405)                       # this year's toll not assessed yet
    assert not is_clear(BALANCES, 1404)                   # 1403 and 1404 unpaid
    assert not is_clear({1404: (6_000_000, 5_999_999)}, 1404)
    assert is_clear({}, 1404, assessed_years=[1404])      # a year with nothing to pay (exempt, or zero)
    assert not is_clear({}, 1404)
