"""The fee formulas of DOMAIN.md §5, each checked on figures worked out by hand in the comments."""

from decimal import Decimal

import pytest

from municipality_urbanism_tools.permit_fees import (
    COMMERCIAL_FLOOR_PERCENTS_EXAMPLE as M, EDUCATION_SHARE_PERCENT_EXAMPLE, EXEMPT_USES_EXAMPLE,
    MASHHAD_PARKING_MULTIPLES_EXAMPLE as MASHHAD, MESSAGES, NASIRSHAHR_DENSITY_MULTIPLES_EXAMPLE as NASIRSHAHR,
    TEHRAN_REGION5_RESIDENTIAL_BANDS_EXAMPLE as TEHRAN5, FeeError, FeeLine, Floor, PermitTariff, Shop,
    band_percent, commercial_floor_kind, commercial_permit_toll, density_multiple, density_toll, education_share,
    estimate_permit_fees, is_exempt, municipal_total, parking_deficit_toll, parking_shortfall,
    residential_area_toll, rial)


def error_code(call, *args, **kwargs):
    with pytest.raises(FeeError) as info:
        call(*args, **kwargs)
    assert str(info.value) == MESSAGES[info.value.code] % info.value.params
    return info.value.code


# -- residential area toll: T = (S − 20 m² × parking) × P × X(S), Tehran region 5 bands -----------------------
@pytest.mark.parametrize("area, percent", [
    (0, 15), (120, 15), (200, 15), (Decimal("200.01"), 20), (400, 20), (401, 25), (600, 25), (600.5, 30), (5000, 30),
])
def test_tehran_region5_bands(area, percent):
    assert band_percent(area, TEHRAN5) == percent


@pytest.mark.parametrize("area, price, spaces, expected", [
    # (300 − 20×1) × 2,000,000 × 20 % = 280 × 400,000 = 112,000,000
    (300, 2_000_000, 1, 112_000_000),
    # 200 m² is still in the 15 % band: 200 × 1,000,000 × 15 % = 30,000,000
    (200, 1_000_000, 0, 30_000_000),
    # (650 − 60) × 1,500,000 × 30 % = 590 × 450,000 = 265,500,000
    (650, 1_500_000, 3, 265_500_000),
    # the band follows S, not S minus the parking: (410 − 40) × 1,000,000 × 25 % = 92,500,000
    (410, 1_000_000, 2, 92_500_000),
    # parking covering the whole area: nothing, not a negative toll
    (30, 1_000_000, 2, 0),
    # decimals: (120.5 − 20) × 1,234,567 × 15 % = 124,073,983.5 × 0.15 = 18,611,097.525 → 18,611,098
    (Decimal("120.5"), 1_234_567, 1, 18_611_098),
])
def test_residential_area_toll(area, price, spaces, expected):
    assert residential_area_toll(area, price, TEHRAN5, spaces) == expected


def test_residential_area_toll_rounds_half_up():
    # 1 m² × 5 rials × 10 % = 0.5 → 1
    assert residential_area_toll(1, 5, ((None, 10),)) == 1


@pytest.mark.parametrize("bands", [(), ((200, 15),), ((None, 15), (400, 20), (None, 25)),
                                   ((400, 15), (200, 20), (None, 25)), ((200, 15), (200, 20), (None, 25))])
def test_bad_bands(bands):
    assert error_code(band_percent, 100, bands) == "bands"


def test_negative_band_percent():
    assert error_code(band_percent, 100, ((200, -15), (None, 20))) == "negative"


# -- commercial «پذیره»: area × 5P × M(floor) × (1 + (L−3)/10 + (H−4)/10 + N/10) -----------------------------
@pytest.mark.parametrize("floor, kind", [(-2, "basement"), (-1, "basement"), (0, "ground"), (1, "first"),
                                         (2, "second"), (3, "upper"), (12, "upper")])
def test_commercial_floor_kind(floor, kind):
    assert commercial_floor_kind(floor) == kind


@pytest.mark.parametrize("area, price, kind, shop, expected", [
    # 50 × 5 × 1,000,000 × 100 % × (1 + 0.2 + 0.05 + 0.1) = 250,000,000 × 1.35 = 337,500,000
    (50, 1_000_000, "ground", (5, Decimal("4.5"), 1), 337_500_000),
    (50, 1_000_000, "first", (5, Decimal("4.5"), 1), 168_750_000),      # M = 50 %
    (50, 1_000_000, "second", (5, Decimal("4.5"), 1), 151_875_000),     # M = 45 %
    (50, 1_000_000, "upper", (5, Decimal("4.5"), 1), 118_125_000),      # M = 35 %
    (50, 1_000_000, "storage", (5, Decimal("4.5"), 1), 67_500_000),     # M = 20 %
    (50, 1_000_000, "mezzanine", (5, Decimal("4.5"), 1), 33_750_000),   # M = 10 %
    # a standard shop (L 3 m, H 4 m, N 0): factor 1; 30 × 5 × 800,000 × 60 % = 72,000,000
    (30, 800_000, "basement", (3, 4, 0), 72_000_000),
    # a narrow low shop lowers the factor: 1 + (2−3)/10 + (3−4)/10 = 0.8; 10 × 5 × 1,000,000 × 0.8 = 40,000,000
    (10, 1_000_000, "ground", (2, 3, 0), 40_000_000),
])
def test_commercial_permit_toll(area, price, kind, shop, expected):
    assert commercial_permit_toll(area, price, M[kind], *shop) == expected


def test_commercial_factor_is_at_least_three_tenths():
    # L 0, H 0, N 0: 1 − 0.3 − 0.4 = 0.3; 10 × 5,000,000 × 0.3 = 15,000,000
    assert commercial_permit_toll(10, 1_000_000, 100, 0, 0, 0) == 15_000_000
    assert error_code(commercial_permit_toll, 10, 1_000_000, 100, -1, 4) == "negative"
    assert error_code(commercial_permit_toll, 10, 1_000_000, 100, 3, 4, -1) == "negative"


# -- parking deficit: T = M × P × S (Mashhad) ---------------------------------------------------------------
def test_parking_shortfall():
    assert parking_shortfall(3, 1) == 2
    assert parking_shortfall(2, 4) == 0


@pytest.mark.parametrize("missing, use, expected", [
    (0, "residential", 0),
    # one missing residential space of 25 m² at P 1,000,000: 50 × 1,000,000 × 25 = 1,250,000,000
    (1, "residential", 1_250_000_000),
    # three: (50 + 70 + 70) × 25,000,000 = 4,750,000,000
    (3, "residential", 4_750_000_000),
    # office: 80 × 25,000,000 = 2,000,000,000 per space
    (2, "office", 4_000_000_000),
    (2, "commercial", 5_000_000_000),
])
def test_parking_deficit_toll(missing, use, expected):
    assert parking_deficit_toll(missing, 1_000_000, 25, MASHHAD[use]) == expected


def test_parking_deficit_minimum():
    # 50 × 10,000 × 25 = 12,500,000, below a minimum of 20,000,000
    assert parking_deficit_toll(1, 10_000, 25, (50,), minimum=20_000_000) == 20_000_000
    assert parking_deficit_toll(0, 10_000, 25, (50,), minimum=20_000_000) == 0


def test_parking_deficit_refusals():
    assert error_code(parking_deficit_toll, -1, 1, 25, (50,)) == "negative"
    assert error_code(parking_deficit_toll, 1, 1, 25, ()) == "no_multiples"


# -- density per floor (Nasirshahr: 5×, 6×, 6×, 7×, 8×, 10×, 10× P × area) ----------------------------------
@pytest.mark.parametrize("floor, multiple", [(0, 5), (1, 5), (2, 6), (3, 6), (4, 7), (5, 8), (6, 10), (7, 10), (9, 10)])
def test_density_multiple(floor, multiple):
    assert density_multiple(floor, NASIRSHAHR) == multiple


def test_density_multiple_from_the_ground_floor():
    assert density_multiple(0, NASIRSHAHR, first_floor=0) == 5
    assert density_multiple(1, NASIRSHAHR, first_floor=0) == 6


def test_density_toll():
    # 4th floor, 100 m², P 1,000,000: 7 × 1,000,000 × 100 = 700,000,000
    assert density_toll(100, 1_000_000, density_multiple(4, NASIRSHAHR)) == 700_000_000
    # 7th floor, 12.5 m², P 850,000: 10 × 850,000 × 12.5 = 106,250,000
    assert density_toll(Decimal("12.5"), 850_000, density_multiple(7, NASIRSHAHR)) == 106_250_000


# -- education share ------------------------------------------------------------------------------------------
def test_education_share():
    assert education_share(112_000_000, 3) == 3_360_000
    assert education_share(112_000_000, 5) == 5_600_000
    assert education_share(50, 3) == 2           # 1.5 → 2, half up
    assert education_share(0, 3) == 0


# -- inputs ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, code", [(-1, "negative"), (None, "not_a_number"), (True, "not_a_number"),
                                         ("abc", "not_a_number"), (float("nan"), "not_a_number"),
                                         ("Infinity", "not_a_number")])
def test_bad_area(value, code):
    assert error_code(residential_area_toll, value, 1_000_000, TEHRAN5) == code


def test_text_numbers_and_floats_are_read_as_written():
    assert residential_area_toll("300", "2000000", TEHRAN5, 1) == 112_000_000
    # 0.1 m² × 10 × 100 %: exactly 1 rial, not 0.99999…
    assert residential_area_toll(0.1, 10, ((None, 100),)) == 1


def test_rial():
    assert rial(Decimal("2.5")) == 3
    assert rial(Decimal("2.49")) == 2
    assert rial(7) == 7


# -- a whole permit ---------------------------------------------------------------------------------------------
TARIFF = PermitTariff(
    residential_bands=TEHRAN5, commercial_floor_percents=M, density_multiples=NASIRSHAHR,
    parking_multiples=MASHHAD, parking_space_area=25, education_share_percent=EDUCATION_SHARE_PERCENT_EXAMPLE,
    exempt_uses=EXEMPT_USES_EXAMPLE,
)


def test_estimate_of_a_residential_building():
    floors = [Floor(0, "parking", 120), Floor(1, "residential", 100, 1), Floor(2, "residential", 100, 1),
              Floor(3, "residential", 100, 1)]
    lines = estimate_permit_fees(floors, 2_000_000, TARIFF, parking_provided=1, parking_required=3,
                                 excess_areas=[(3, "residential", 40)])
    # residential S = 300: (300 − 20) × 2,000,000 × 20 % = 112,000,000, shared by area, adding up exactly
    assert [(l.kind, l.floor, l.amount) for l in lines if l.kind == "residential_area"] == [
        ("residential_area", 1, 37_333_334), ("residential_area", 2, 37_333_333), ("residential_area", 3, 37_333_333)]
    # excess density on floor 3: 6 × 2,000,000 × 40 = 480,000,000
    # parking: 2 missing, (50 + 70) × 2,000,000 × 25 = 6,000,000,000
    # education share: 3 % of (112,000,000 + 480,000,000) = 17,760,000 (not of the parking deficit)
    assert lines[3:] == [
        FeeLine("excess_density", 480_000_000, 3, "residential", Decimal(40)),
        FeeLine("parking_deficit", 6_000_000_000),
        FeeLine("education_share", 17_760_000, pass_through=True),
    ]
    assert municipal_total(lines) == 112_000_000 + 480_000_000 + 6_000_000_000
    assert sum(l.amount for l in lines) == municipal_total(lines) + 17_760_000


def test_estimate_of_a_mixed_building():
    floors = [Floor(-1, "commercial", 40, kind="storage"), Floor(0, "commercial", 60), Floor(1, "commercial", 60),
              Floor(2, "residential", 90), Floor(3, "residential", 90)]
    lines = estimate_permit_fees(floors, 1_000_000, TARIFF, parking_provided=2, parking_required=2,
                                 shop=Shop(frontage=4, height=5, n=0))
    # residential S = 180: (180 − 40) × 1,000,000 × 15 % = 21,000,000 → 10,500,000 per floor
    # commercial factor 1 + 0.1 + 0.1 = 1.2: storage 40 × 5,000,000 × 20 % × 1.2 = 48,000,000;
    # ground 60 × 5,000,000 × 1.2 = 360,000,000; first 60 × 5,000,000 × 50 % × 1.2 = 180,000,000
    assert [(l.kind, l.floor, l.amount) for l in lines] == [
        ("residential_area", 2, 10_500_000), ("residential_area", 3, 10_500_000),
        ("commercial_permit", -1, 48_000_000), ("commercial_permit", 0, 360_000_000),
        ("commercial_permit", 1, 180_000_000),
        ("education_share", None, 18_270_000),  # 3 % of 609,000,000
    ]


def test_a_school_pays_nothing():
    floors = [Floor(0, "school", 400), Floor(1, "school", 400)]
    assert is_exempt(floors, EXEMPT_USES_EXAMPLE)
    assert estimate_permit_fees(floors, 2_000_000, TARIFF, parking_required=4) == []
    assert not is_exempt([], EXEMPT_USES_EXAMPLE)
    assert not is_exempt(floors + [Floor(2, "residential", 50)], EXEMPT_USES_EXAMPLE)


def test_no_education_share_without_a_percentage():
    tariff = PermitTariff(residential_bands=TEHRAN5, commercial_floor_percents=M)
    lines = estimate_permit_fees([Floor(1, "residential", 100)], 1_000_000, tariff)
    assert lines == [FeeLine("residential_area", 15_000_000, 1, "residential", Decimal(100))]


def test_estimate_refusals():
    assert error_code(estimate_permit_fees, [Floor(1, "hotel", 100)], 1_000_000, TARIFF) == "no_formula"
    assert error_code(estimate_permit_fees, [Floor(1, "commercial", 100, kind="roof")], 1_000_000,
                      TARIFF) == "floor_kind"
    tariff = PermitTariff(residential_bands=TEHRAN5, commercial_floor_percents={"ground": 100})
    assert error_code(estimate_permit_fees, [Floor(1, "commercial", 100)], 1_000_000, tariff) == "no_floor_percent"
    assert error_code(estimate_permit_fees, [Floor(1, "residential", 100)], 1_000_000, tariff,
                      parking_required=1) == "no_multiples"
    assert error_code(estimate_permit_fees, [Floor(1, "residential", -5)], 1_000_000, TARIFF) == "negative"
    assert error_code(estimate_permit_fees, [Floor("2", "residential", 5)], 1_000_000, TARIFF) == "floor_number"


# -- the same formulas written in finance's tariff language give the same amounts --------------------------------
# (the tariffs of the toll types a permit type's fee lines charge, over the keys a permit file gives the formulas:
# see municipality.permit.fee.line; the coefficients are the tariff's, in the formula. The Odoo tests
# tests/test_permit_fee_examples.py assess them on permit files.)
TARIFF_FORMULAS = {
    "residential_area": "max(residential_area - 20 * parking_spaces, 0) * regional_value"
                        " * (15 if residential_area <= 200 else 20 if residential_area <= 400"
                        " else 25 if residential_area <= 600 else 30) / 100",
    "commercial_permit": "area * 5 * regional_value"
                         " * (100 if floor_number == 0 else 60 if floor_number < 0 else 50 if floor_number == 1"
                         " else 45 if floor_number == 2 else 35) / 100"
                         " * (1 + (frontage - 3) / 10 + (height - 4) / 10)",
    "density": "(5 if floor_number <= 1 else 6 if floor_number <= 3 else 7 if floor_number == 4"
               " else 8 if floor_number == 5 else 10) * regional_value * excess_area",
    "parking_deficit": "(50 * min(max(units - parking_spaces, 0), 1) + 70 * max(units - parking_spaces - 1, 0))"
                       " * regional_value * 25",
    "education_share": "fees_amount * 3 / 100",
}


def _tariff(name, **values):
    from municipality_finance_tools.toll_formula import evaluate, round_rial
    return round_rial(evaluate(TARIFF_FORMULAS[name], values))


@pytest.mark.parametrize("area, price, spaces", [(300, 2_000_000, 1), (200, 1_000_000, 0), (650, 1_500_000, 3),
                                                 (30, 1_000_000, 2), (Decimal("120.5"), 1_234_567, 1)])
def test_residential_formula_in_the_tariff_language(area, price, spaces):
    assert _tariff("residential_area", residential_area=area, regional_value=price,
                   parking_spaces=spaces) == residential_area_toll(area, price, TEHRAN5, spaces)


@pytest.mark.parametrize("floor", [-1, 0, 1, 2, 3, 7])
def test_commercial_formula_in_the_tariff_language(floor):
    expected = commercial_permit_toll(50, 1_000_000, M[commercial_floor_kind(floor)], 5, Decimal("4.5"))
    assert _tariff("commercial_permit", area=50, regional_value=1_000_000, floor_number=floor, frontage=5,
                   height=Decimal("4.5")) == expected


@pytest.mark.parametrize("floor", [0, 1, 2, 3, 4, 5, 6, 9])
def test_density_formula_in_the_tariff_language(floor):
    assert _tariff("density", floor_number=floor, regional_value=850_000, excess_area=Decimal("12.5")) == density_toll(
        Decimal("12.5"), 850_000, density_multiple(floor, NASIRSHAHR))


@pytest.mark.parametrize("units, spaces", [(1, 1), (1, 0), (4, 2), (5, 2), (2, 5)])
def test_parking_formula_in_the_tariff_language(units, spaces):
    expected = parking_deficit_toll(parking_shortfall(units, spaces), 1_000_000, 25, MASHHAD["residential"])
    assert _tariff("parking_deficit", units=units, parking_spaces=spaces, regional_value=1_000_000) == expected


def test_education_share_in_the_tariff_language():
    assert _tariff("education_share", fees_amount=50) == education_share(50, 3) == 2
    assert _tariff("education_share", fees_amount=592_000_000) == education_share(592_000_000, 3) == 17_760_000
