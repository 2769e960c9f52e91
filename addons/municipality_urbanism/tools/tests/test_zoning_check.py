from decimal import Decimal

import pytest

from municipality_urbanism_tools.permit_fees import FeeError
from municipality_urbanism_tools.zoning_check import (
    INPUT_MESSAGES, REFUSAL_MESSAGES, Excess, Floor, Zoning, ZoningInputError, check_request)

# A parcel of 300 m², 20 m² of it in the street-widening line: 280 m² net.
ZONING = Zoning(max_density=160, max_floors=4, max_occupancy=60, allowed_uses=frozenset({"residential", "parking"}),
                setbacks={"front": 3}, count_ground_floor=False, density_excluded_uses=frozenset({"parking"}))


def building(top_area=100, ground_use="parking"):
    """A «پیلوت» parking floor and four residential floors of 168 m² (60 % of 280), the top one smaller."""
    return [Floor(0, ground_use, 168), Floor(1, "residential", 168), Floor(2, "residential", 168),
            Floor(3, "residential", 168), Floor(4, "residential", top_area)]


def test_within_the_zoning():
    floors = [Floor(0, "parking", 168), Floor(1, "residential", 150), Floor(2, "residential", 150)]
    result = check_request(floors, 300, ZONING, widening_area=20, setbacks={"front": 3})
    assert result.net_land_area == 280
    assert result.allowed_area == Decimal(448)            # 160 % of 280
    assert result.density == Decimal("107.14")            # 300 / 280, the parking not counted
    assert result.occupancy == Decimal("60.00")           # 168 / 280
    assert result.floor_count == 2                        # the «پیلوت» does not count
    assert result.ok and result.excesses == () and result.refusals == ()


def test_excess_density_goes_to_the_top_floors():
    result = check_request(building(), 300, ZONING, widening_area=20, setbacks={"front": Decimal("3.5")})
    # counted: 3 × 168 + 100 = 604 m² = 215.71 % of 280; allowed 448 m²; excess 156 m²:
    # the whole 4th floor (100 m²) and 56 m² of the 3rd
    assert result.density == Decimal("215.71")
    assert result.excesses == (Excess("density", 4, "residential", Decimal(100)),
                               Excess("density", 3, "residential", Decimal(56)))
    assert result.excess_area == 156
    assert result.excess_areas == [(4, "residential", Decimal(100)), (3, "residential", Decimal(56))]
    assert result.ok and result.refusals == ()


def test_exactly_at_the_limits():
    floors = [Floor(0, "parking", 168), Floor(1, "residential", 168), Floor(2, "residential", 168),
              Floor(3, "residential", 112)]   # 448 m² = 160 % exactly
    result = check_request(floors, 300, ZONING, widening_area=20, setbacks={"front": 3})
    assert result.density == 160 and result.excesses == () and result.ok


def test_a_floor_with_two_uses():
    zoning = Zoning(max_density=100)
    floors = [Floor(0, "commercial", 60), Floor(0, "residential", 40), Floor(1, "residential", 100)]
    result = check_request(floors, 150, zoning)
    # 200 m² counted, 150 allowed: 50 m² excess, taken from floor 1
    assert result.excesses == (Excess("density", 1, "residential", Decimal(50)),)
    result = check_request(floors, 90, zoning)
    # 110 m² excess: floor 1 (100), then the use listed last on the ground floor (10 of the residential 40)
    assert result.excesses == (Excess("density", 1, "residential", Decimal(100)),
                               Excess("density", 0, "residential", Decimal(10)))


def test_basements_count_only_when_the_zoning_says_so():
    floors = [Floor(-1, "parking", 100), Floor(0, "residential", 100)]
    assert check_request(floors, 100, Zoning(max_density=100)).excesses == ()
    result = check_request(floors, 100, Zoning(max_density=100, density_counts_basements=True))
    assert result.excesses == (Excess("density", 0, "residential", Decimal(100)),)
    # the ground floor counts as a floor unless the zoning says otherwise; basements never
    assert check_request(floors, 100, Zoning()).floor_count == 1


def refusal_codes(result):
    for refusal in result.refusals:
        assert refusal.message == REFUSAL_MESSAGES[refusal.code] % refusal.params
    return [refusal.code for refusal in result.refusals]


def test_refusals():
    floors = building(ground_use="commercial") + [Floor(5, "residential", 100)]
    result = check_request(floors, 300, ZONING, widening_area=20, footprint_area=Decimal("171.5"),
                           setbacks={"front": Decimal("2.5")})
    assert refusal_codes(result) == ["use", "floors", "occupancy", "setback"]
    messages = [refusal.message for refusal in result.refusals]
    assert messages[0] == ("The use “commercial” on floor 0 is not allowed by the zoning "
                           "(allowed: parking, residential).")
    assert messages[1] == "The request has 5 floors; the zoning allows 4."
    assert messages[2] == "The building covers 61.25% of the land; the zoning allows 60%."
    assert messages[3] == "The front setback is 2.5 m; the zoning requires at least 3 m."
    assert not result.ok


def test_occupancy_is_compared_on_the_exact_figures():
    # 168.01 m² of 280 is 60.0036 %, shown as 60.00 % but still over 60 %
    result = check_request([Floor(0, "residential", Decimal("168.01"))], 280, Zoning(max_occupancy=60))
    assert result.occupancy == Decimal("60.00")
    assert [refusal.code for refusal in result.refusals] == ["occupancy"]


def test_missing_setback():
    result = check_request(building(), 300, ZONING, widening_area=20)
    assert refusal_codes(result) == ["setback_missing"]
    assert result.refusals[0].message == "The front setback is not given; the zoning requires at least 3 m."


def test_density_above_what_can_be_bought():
    zoning = Zoning(max_density=160, max_density_with_excess=200, density_excluded_uses=frozenset({"parking"}))
    result = check_request(building(), 300, zoning, widening_area=20)
    assert refusal_codes(result) == ["density"]
    assert result.refusals[0].message == ("The requested density, 215.71%, is above 200%, the most the zoning allows "
                                          "even with excess density.")
    # the excess is still reported, so the expert sees how much is over
    assert result.excess_area == 156
    zoning = Zoning(max_density=160, max_density_with_excess=220, density_excluded_uses=frozenset({"parking"}))
    assert check_request(building(), 300, zoning, widening_area=20).ok


def test_no_limits():
    result = check_request(building(), 300, Zoning())
    assert result.ok and result.excesses == ()


@pytest.mark.parametrize("floors, land, widening, code", [
    ([Floor(0, "residential", 10)], 0, 0, "land_area"),
    ([Floor(0, "residential", 10)], 100, 100, "widening"),
    ([Floor(0, "residential", 10)], 100, 120, "widening"),
    ([], 100, 0, "no_floors"),
    ([Floor("1", "residential", 10)], 100, 0, "floor_number"),
    ([Floor(1.5, "residential", 10)], 100, 0, "floor_number"),
    ([Floor(True, "residential", 10)], 100, 0, "floor_number"),
])
def test_bad_input(floors, land, widening, code):
    with pytest.raises(ZoningInputError) as info:
        check_request(floors, land, Zoning(), widening_area=widening)
    assert info.value.code == code
    assert str(info.value) == INPUT_MESSAGES[code] % info.value.params


@pytest.mark.parametrize("floors, land", [([Floor(0, "residential", -10)], 100), ([Floor(0, "residential", 10)], -5),
                                          ([Floor(0, "residential", None)], 100)])
def test_bad_numbers(floors, land):
    with pytest.raises(FeeError):
        check_request(floors, land, Zoning())
