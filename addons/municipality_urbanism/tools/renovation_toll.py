"""The yearly renovation toll of a property (عوارض نوسازی).

DOMAIN.md §5 "Renovation toll" and §4 "Renovation toll": yearly, on all land
and buildings within city limits, paid by the owners; 5‰ of the value in the
1347 law, later 1 %, reported as 2.5 % of the tax administration's
transactional value under Art. 3 of the 1401 Sustainable Revenue Law; cities
use local formulas — Bafgh: years × 1.5 % × P × land area; Nasirshahr:
(building value × building area + P × land area) × rate. Rate, base and
formula are data per year: every figure here is an argument.

§4's example: at 5‰, a value of 1,000,000,000 rials gives 5,000,000 rials.

What this module does not do, on purpose: the on-time discount and the late
penalty. They belong to the finance tariff of the toll type
(``municipality.toll.tariff``: ``discount_percent``, ``penalty_percent``,
``penalty_mode``, ``penalty_max_percent``), which applies them when the
assessment is made with ``create_assessment(..., due_date=...)``; the due date of
a year's renovation toll is the last day of that Jalali year. Computing them
here as well would be a second copy of that rule.

Bad figures raise :class:`.permit_fees.FeeError` (``code`` and ``params``).

This year's receipt is required for a permit or certificate (DOMAIN §5):
:func:`unpaid_years` and :func:`is_clear` say whether a property owes anything.
"""

from decimal import Decimal

from .permit_fees import FeeError, _decimal, rial

#: The inputs a renovation-toll tariff formula reads (the Odoo side's toll type declares them).
INPUT_KEYS = ("land_area", "land_value", "building_area", "building_value")


def property_value(land_area, land_value, building_area=0, building_value=0):
    """The property's value for the toll: land area × land value + building area × building value
    (the regional values of the year per m², land and building separately; DOMAIN §5, Nasirshahr)."""
    return (_decimal(land_area, "land area") * _decimal(land_value, "land value")
            + _decimal(building_area, "building area") * _decimal(building_value, "building value"))


def renovation_toll(value, rate_percent):
    """``rate_percent`` % of ``value`` in whole rials, half up: 0.5 for the 1347 law's 5‰,
    2.5 for the 1401 law's 2.5 % of the transactional value (DOMAIN §4, §5)."""
    return rial(_decimal(value, "value") * _decimal(rate_percent, "rate") / 100)


def property_toll(land_area, land_value, building_area, building_value, rate_percent):
    """The year's toll of a property: :func:`renovation_toll` of :func:`property_value`."""
    return renovation_toll(property_value(land_area, land_value, building_area, building_value), rate_percent)


def land_toll(years, rate_percent, land_value, land_area):
    """Bafgh's formula (DOMAIN §5): years × rate % × P × land area, in whole rials."""
    count = int(years)
    if count < 0:
        raise FeeError("negative", name="number of years", value=count)
    return rial(count * _decimal(rate_percent, "rate") * _decimal(land_value, "land value")
                * _decimal(land_area, "land area") / 100)


def apartment_land_area(land_area, unit_area, building_area):
    """An apartment's share of the parcel's land (عرصه مشاعی): the land area in
    proportion to the unit's area in the building's, when the deed does not give
    the share (common practice; unconfirmed: a city may use the deed's share)."""
    total = _decimal(building_area, "building area")
    if not total:
        return Decimal(0)
    return _decimal(land_area, "land area") * _decimal(unit_area, "unit area") / total


def unpaid_years(balances, up_to_year=None):
    """The years a property still owes, oldest first, with what it owes.

    ``balances``: year → ``(assessed, paid)`` amounts (or year → amount still
    due); years after ``up_to_year`` are left out. Returns ``[(year, due)]``
    for every year with something due.
    """
    owed = []
    for year in sorted(balances):
        if up_to_year is not None and year > up_to_year:
            continue
        balance = balances[year]
        due = balance[0] - balance[1] if isinstance(balance, (tuple, list)) else balance
        if _decimal(due, "amount due", allow_negative=True) > 0:
            owed.append((year, due))
    return owed


def arrears(balances, up_to_year=None):
    """The total a property owes across years (DOMAIN §5: a property's arrears)."""
    return sum((due for _year, due in unpaid_years(balances, up_to_year)), 0)


def is_clear(balances, year, assessed_years=None):
    """True when nothing is owed up to and including ``year`` and ``year``'s toll was assessed
    (a clearance, مفاصاحساب, needs this year's receipt: a year never assessed is not paid).
    ``assessed_years`` defaults to the years of ``balances``."""
    years = set(balances if assessed_years is None else assessed_years)
    return year in years and not unpaid_years(balances, year)
