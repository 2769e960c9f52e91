"""Building-permit tolls (عوارض پروانه ساختمانی) of the local tariff book.

DOMAIN.md §5, "Fees (local tariff book)". Every figure a council sets
(regional value, bands, coefficients, multiples, the education share's
percentage) is an argument: these functions hold the *shapes* of the formulas
DOMAIN.md cites, never a city's figures. The figures DOMAIN.md quotes are kept
below as ``*_EXAMPLE`` constants, for demo data and tests only.

The formulas, with P the regional value (قیمت منطقه‌ای) per m² of the block or
street segment:

* residential area toll: ``T = (S − 20 m² × parking spaces provided) × P × X(S)``,
  X in bands of the building's residential area S (:func:`residential_area_toll`);
* commercial «پذیره» per m²: ``5P × M(floor) × (1 + (L−3)/10 + (H−4)/10 + N/10)``,
  M by floor (:func:`commercial_permit_toll`);
* parking deficit: ``T = M × P × S`` (:func:`parking_deficit_toll`);
* density per floor: ``multiple(floor) × P × area`` (:func:`density_toll`), used for
  the excess density that :mod:`.zoning_check` finds, floor by floor;
* the education share (5 % in older practice, 3 % under a 1403 cabinet
  decision): a percentage of the tolls, collected for the treasury — a
  pass-through liability, not municipal revenue (:func:`education_share`);
* schools and seminaries pay no permit toll (law of 1386/01/22): their floors
  give no line (:func:`estimate_permit_fees`).

Amounts are whole rials (``int``), each line rounded half up; arithmetic is in
:class:`~decimal.Decimal`, so ``0.15 × …`` is exact. One line per floor × use,
as the assessments are made (DOMAIN.md §5). In Odoo, the citizen's estimate and
the assessments compute the fees with the finance tariff formulas of the permit
type's toll types (data the municipality enters); these functions are the
reference those formulas are checked against (``tests/test_permit_fees.py``,
``TARIFF_FORMULAS``).

Errors are :class:`FeeError` with ``code`` and ``params``; ``str()`` is the
English message of :data:`MESSAGES`, which the Odoo layer translates.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

#: The tariff figures DOMAIN.md §5 quotes (examples for demo data and tests, not defaults).
#: Tehran region 5, multi-unit residential: X = 15 % up to 200 m², 20 % to 400, 25 % to 600, 30 % above.
TEHRAN_REGION5_RESIDENTIAL_BANDS_EXAMPLE = ((200, 15), (400, 20), (600, 25), (None, 30))
#: M(floor) of the commercial «پذیره», in percent.
COMMERCIAL_FLOOR_PERCENTS_EXAMPLE = {
    "ground": 100, "basement": 60, "first": 50, "second": 45, "upper": 35, "storage": 20, "mezzanine": 10,
}
#: Mashhad's parking-deficit multiples M by use: residential 50 for one space, 70 for more.
MASHHAD_PARKING_MULTIPLES_EXAMPLE = {
    "residential": (50, 70), "office": (80,), "industrial": (80,), "commercial": (100,),
}
#: Nasirshahr's density multiples of P, floor by floor from the first floor up (the last repeats).
NASIRSHAHR_DENSITY_MULTIPLES_EXAMPLE = (5, 6, 6, 7, 8, 10, 10)
#: The education share: 5 % in older practice, 3 % under the 1403 cabinet decision.
EDUCATION_SHARE_PERCENT_EXAMPLE = 3
#: Uses exempt from permit tolls (law of 1386/01/22), with the days the permit must be issued in.
EXEMPT_USES_EXAMPLE = frozenset({"school", "seminary"})
EXEMPT_PERMIT_DAYS = 15
#: m² of floor area deducted per parking space provided (residential area toll).
PARKING_ALLOWANCE_M2 = 20

#: Floor kinds of the commercial coefficient M.
FLOOR_KINDS = ("basement", "ground", "first", "second", "upper", "storage", "mezzanine")

MESSAGES = {
    "negative": "The %(name)s cannot be negative (%(value)s).",
    "not_a_number": "The %(name)s must be a number, not “%(value)s”.",
    "bands": "The area bands must rise, end with an open band and have no negative coefficient.",
    "floor_kind": "“%(kind)s” is not a floor kind (use one of: %(kinds)s).",
    "no_floor_percent": "The tariff has no commercial coefficient for the floor kind “%(kind)s”.",
    "no_multiples": "The tariff has no multiples for %(what)s.",
    "no_formula": "The tariff has no permit toll formula for the use “%(use)s”.",
    "floor_number": "The floor number “%(floor)s” is not a whole number.",
}


class FeeError(ValueError):
    """Inputs or tariff figures the formulas cannot use; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params)


def _decimal(value, name, allow_negative=False):
    """``value`` as the Decimal it is written as (``0.1`` → ``Decimal('0.1')``), checked."""
    if isinstance(value, bool) or value is None:
        raise FeeError("not_a_number", name=name, value=value)
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        raise FeeError("not_a_number", name=name, value=value) from None
    if not number.is_finite():
        raise FeeError("not_a_number", name=name, value=value)
    if number < 0 and not allow_negative:
        raise FeeError("negative", name=name, value=value)
    return number


def rial(value):
    """``value`` in whole rials, half up (2.5 → 3), as an ``int``."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ----------------------------------------------------------------------------
# The formulas
# ----------------------------------------------------------------------------
def band_percent(area, bands):
    """X(S): the percent of the band ``area`` falls in.

    ``bands`` is a sequence of ``(upper limit in m² or None, percent)``, rising,
    the last one open (``None``); an area on a limit belongs to the lower band
    ("15 % to 200 m²": 200 m² pays 15 %). The whole area takes its band's
    percent (DOMAIN §5 writes X(S), not a progressive scale).
    """
    area = _decimal(area, "area")
    if not bands or bands[-1][0] is not None or any(limit is None for limit, _percent in bands[:-1]):
        raise FeeError("bands")
    limits = [_decimal(limit, "band limit") for limit, _percent in bands[:-1]]
    if any(low >= high for low, high in zip(limits, limits[1:])):
        raise FeeError("bands")
    for _limit, percent in bands:
        _decimal(percent, "band percent")
    for limit, percent in bands[:-1]:
        if area <= _decimal(limit, "band limit"):
            return _decimal(percent, "band percent")
    return _decimal(bands[-1][1], "band percent")


def residential_area_toll(area, regional_value, bands, parking_spaces=0, parking_allowance=PARKING_ALLOWANCE_M2):
    """T = (S − 20 m² × parking spaces provided) × P × X(S), in whole rials (DOMAIN §5).

    ``area`` is S, the building's residential floor area in m²; X(S) from
    ``bands`` (see :func:`band_percent`). The deduction never makes the toll
    negative: a building whose parking covers its area pays 0.
    """
    area = _decimal(area, "area")
    price = _decimal(regional_value, "regional value")
    spaces = _decimal(parking_spaces, "number of parking spaces")
    allowance = _decimal(parking_allowance, "parking allowance")
    base = max(area - allowance * spaces, Decimal(0))
    return rial(base * price * band_percent(area, bands) / 100)


def commercial_floor_kind(floor):
    """The floor kind of the commercial coefficient M for floor number ``floor``:
    0 ground, below 0 basement, 1 first, 2 second, 3 and above upper. Storage and
    mezzanine are not a floor number: the caller names them."""
    floor = int(floor)
    if floor < 0:
        return "basement"
    return ("ground", "first", "second")[floor] if floor < 3 else "upper"


def commercial_permit_toll(area, regional_value, floor_percent, frontage, height, n=0, base_multiple=5):
    """The commercial «پذیره» of ``area`` m², in whole rials (DOMAIN §5):
    area × 5P × M(floor) × (1 + (L−3)/10 + (H−4)/10 + N/10).

    ``floor_percent`` is M in percent (100 ground, 60 basement, 50 first… in
    Tehran); ``frontage`` L and ``height`` H in metres (in the tariff books
    using this formula, the shop's front and height; unconfirmed), ``n`` N as
    the tariff book defines it. ``base_multiple`` is the 5 of 5P. The adjustment
    factor is used as written: a front under 3 m or a height under 4 m lowers it
    (to 0.3 at the least, since L, H and N cannot be negative).
    """
    area = _decimal(area, "area")
    price = _decimal(regional_value, "regional value")
    percent = _decimal(floor_percent, "floor coefficient")
    length = _decimal(frontage, "frontage")
    tall = _decimal(height, "height")
    extra = _decimal(n, "N")
    multiple = _decimal(base_multiple, "base multiple")
    factor = 1 + (length - 3) / 10 + (tall - 4) / 10 + extra / 10
    return rial(area * multiple * price * percent / 100 * factor)


def parking_shortfall(required, provided):
    """Parking spaces missing: required minus provided, never below 0."""
    return max(int(required) - int(provided), 0)


def _nth(multiples, position, what):
    """The multiple at 1-based ``position``; past the end, the last one."""
    if not multiples:
        raise FeeError("no_multiples", what=what)
    return _decimal(multiples[min(position, len(multiples)) - 1], what)


def parking_deficit_toll(missing_spaces, regional_value, space_area, multiples, minimum=0):
    """T = M × P × S for the missing parking spaces, in whole rials (DOMAIN §5).

    Each missing space is S = ``space_area`` m² (the standard space of the
    tariff book) at M = ``multiples[i]`` for the i-th missing space, the last
    multiple repeating: Mashhad residential ``(50, 70)`` charges 50 for the
    first missing space and 70 for each further one; commercial ``(100,)``
    charges 100 for each. ``minimum`` is the least the tariff charges when a
    space is missing at all (DOMAIN: "with minimums").
    """
    count = int(missing_spaces)
    if count < 0:
        raise FeeError("negative", name="number of missing parking spaces", value=count)
    if not count:
        return 0
    price = _decimal(regional_value, "regional value")
    area = _decimal(space_area, "parking space area")
    total = sum(_nth(multiples, i, "parking") * price * area for i in range(1, count + 1))
    return max(rial(total), rial(_decimal(minimum, "minimum parking toll")))


def density_multiple(floor, multiples, first_floor=1):
    """The density multiple of floor number ``floor``: ``multiples[0]`` for
    ``first_floor``, the next for the floor above, the last for every higher
    floor (Nasirshahr: 5×, 6×, 6×, 7×, 8×, 10×, 10×). Floors below
    ``first_floor`` (ground, basements) take the first multiple."""
    position = max(int(floor) - int(first_floor) + 1, 1)
    return _nth(multiples, position, "density")


def density_toll(area, regional_value, multiple):
    """multiple × P × area, in whole rials (density, or excess density, of one floor; DOMAIN §5)."""
    return rial(_decimal(multiple, "density multiple") * _decimal(regional_value, "regional value")
                * _decimal(area, "area"))


def education_share(amount, percent):
    """The education share: ``percent`` % of ``amount`` in whole rials (DOMAIN §5: 5 % in older
    practice, 3 % under a 1403 cabinet decision). It is collected for the treasury: a
    pass-through liability, not municipal revenue."""
    return rial(_decimal(amount, "amount") * _decimal(percent, "education share percent") / 100)


# ----------------------------------------------------------------------------
# A whole permit: one line per floor × use
# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Floor:
    """One requested floor and use: ``floor`` number (0 ground, −1 first basement),
    ``use`` key, ``area`` in m², and for a commercial floor, its ``kind`` when it is
    ``"storage"`` or ``"mezzanine"`` (otherwise the kind follows the floor number)."""

    floor: int
    use: str
    area: object
    units: int = 0
    kind: str = None


@dataclass(frozen=True)
class Shop:
    """The commercial adjustment inputs: front L and height H in metres, and N."""

    frontage: object = 3
    height: object = 4
    n: object = 0


@dataclass(frozen=True)
class PermitTariff:
    """The council's figures for one fiscal year and zone (data, never constants)."""

    residential_bands: tuple
    commercial_floor_percents: dict
    density_multiples: tuple = ()
    parking_multiples: dict = field(default_factory=dict)
    parking_space_area: object = 25
    parking_minimum: object = 0
    education_share_percent: object = 0
    residential_uses: frozenset = frozenset({"residential"})
    commercial_uses: frozenset = frozenset({"commercial"})
    #: Uses with no area toll of their own (parking, a residential storage room...).
    ancillary_uses: frozenset = frozenset({"parking"})
    exempt_uses: frozenset = frozenset()
    commercial_base_multiple: object = 5
    parking_allowance: object = PARKING_ALLOWANCE_M2
    density_first_floor: int = 1
    #: The lines the education share is a percentage of.
    education_share_kinds: frozenset = frozenset({"residential_area", "commercial_permit", "excess_density"})


@dataclass(frozen=True)
class FeeLine:
    """One line of the fees: ``kind`` (``residential_area``, ``commercial_permit``,
    ``excess_density``, ``parking_deficit``, ``education_share``), the floor and use it
    is for (``None`` for the whole building), the area it is computed on, the amount
    in rials, and ``pass_through`` for money collected for someone else."""

    kind: str
    amount: int
    floor: int = None
    use: str = None
    area: Decimal = None
    pass_through: bool = False


def _allocate(total, weights):
    """Split ``total`` rials over ``weights`` in proportion, by largest remainder, so the parts add up."""
    weight_sum = sum(weights)
    if not weight_sum:
        return [0] * len(weights)
    exact = [Decimal(total) * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def is_exempt(floors, exempt_uses):
    """True when every floor's use is exempt (a school or a seminary): no permit toll at all,
    and the permit is due within :data:`EXEMPT_PERMIT_DAYS` days (law of 1386/01/22)."""
    return bool(floors) and all(floor.use in exempt_uses for floor in floors)


def estimate_permit_fees(floors, regional_value, tariff, parking_provided=0, parking_required=0,
                         excess_areas=(), parking_use="residential", shop=None):
    """The permit's fee lines, for the citizen's estimate and for the assessments.

    ``floors``: :class:`Floor` records; ``tariff``: :class:`PermitTariff`;
    ``excess_areas``: ``(floor, use, area)`` of the density over the zoning
    (:func:`.zoning_check.check_request` gives them); ``parking_use`` picks the
    parking multiples; ``shop`` the commercial adjustment (:class:`Shop`).

    * Residential: the formula is over the building's residential area S, so its
      amount is computed once and shared among the residential floors in
      proportion to their area (the lines add up to the formula exactly).
    * Commercial: one «پذیره» line per commercial floor.
    * Excess density: one line per floor × use of ``excess_areas``.
    * Parking deficit: one line for the building.
    * Education share: one pass-through line, a percentage of the lines of the kinds
      ``tariff.education_share_kinds`` (by default the area, «پذیره» and density
      tolls, not the parking deficit).

    Floors of an exempt use give no line; a building all of exempt uses
    (a school) pays nothing at all.
    """
    shop = shop or Shop()
    for f in floors:
        if isinstance(f.floor, bool) or not isinstance(f.floor, int):
            raise FeeError("floor_number", floor=f.floor)
    if is_exempt(floors, tariff.exempt_uses):
        return []
    lines = []
    residential = [f for f in floors if f.use in tariff.residential_uses]
    if residential:
        areas = [_decimal(f.area, "area") for f in residential]
        total = residential_area_toll(sum(areas), regional_value, tariff.residential_bands, parking_provided,
                                      tariff.parking_allowance)
        for f, area, amount in zip(residential, areas, _allocate(total, areas)):
            lines.append(FeeLine("residential_area", amount, f.floor, f.use, area))
    for f in floors:
        if f.use in tariff.residential_uses or f.use in tariff.ancillary_uses or f.use in tariff.exempt_uses:
            continue
        if f.use not in tariff.commercial_uses:
            raise FeeError("no_formula", use=f.use)
        kind = f.kind or commercial_floor_kind(f.floor)
        if kind not in FLOOR_KINDS:
            raise FeeError("floor_kind", kind=kind, kinds=", ".join(FLOOR_KINDS))
        if kind not in tariff.commercial_floor_percents:
            raise FeeError("no_floor_percent", kind=kind)
        amount = commercial_permit_toll(f.area, regional_value, tariff.commercial_floor_percents[kind],
                                        shop.frontage, shop.height, shop.n, tariff.commercial_base_multiple)
        lines.append(FeeLine("commercial_permit", amount, f.floor, f.use, _decimal(f.area, "area")))
    for floor, use, area in excess_areas:
        if use in tariff.exempt_uses or not _decimal(area, "excess area"):
            continue
        multiple = density_multiple(floor, tariff.density_multiples, tariff.density_first_floor)
        lines.append(FeeLine("excess_density", density_toll(area, regional_value, multiple), floor, use,
                             _decimal(area, "excess area")))
    missing = parking_shortfall(parking_required, parking_provided)
    if missing:
        multiples = tariff.parking_multiples.get(parking_use)
        if not multiples:
            raise FeeError("no_multiples", what=f"parking ({parking_use})")
        lines.append(FeeLine("parking_deficit", parking_deficit_toll(
            missing, regional_value, tariff.parking_space_area, multiples, tariff.parking_minimum)))
    if _decimal(tariff.education_share_percent, "education share percent"):
        base = sum(line.amount for line in lines if line.kind in tariff.education_share_kinds)
        lines.append(FeeLine("education_share", education_share(base, tariff.education_share_percent),
                             pass_through=True))
    return lines


def municipal_total(lines):
    """The municipality's revenue of ``lines``: without the pass-through lines."""
    return sum(line.amount for line in lines if not line.pass_through)
