"""A permit request against the detailed plan's zoning (طرح تفصیلی).

DOMAIN.md §5, stage 3 of a building permit: the planning opinion checks the
request against the detailed plan — use, density, floors, occupancy, setbacks
(بر و کف), street widening (گذربندی). Issue 11 asks for the excess "shown with
what it costs (density toll) or refused with the reason".

The figures:

* **net land area** = land area − the area in the street-widening line (the part
  the street will take is not built on and earns no density);
* **density** (تراکم) = the floor area counted for density ÷ net land area, in
  percent; basements, and the uses the zoning names (the parking of a «پیلوت»),
  are not counted unless the zoning says so;
* **occupancy** (سطح اشغال) = the building's footprint ÷ net land area, in percent;
  the footprint is given, or else taken as the largest floor at or above ground;
* **floors** = the number of distinct floors above ground, the ground floor
  included unless the zoning does not count it (a «پیلوت» parking floor).

The outcome:

* density above the zoning's maximum is **excess**: its area is assigned to
  floors from the top down (the floors that would not exist without it), one
  :class:`Excess` per floor × use, to be charged with
  :func:`.permit_fees.density_toll`; above ``max_density_with_excess`` (when the
  zoning sets one) the request is refused instead;
* a use the zoning does not allow, too many floors, too much occupancy, or a
  setback under the minimum are **refusals** with their reason.

Bad input is :class:`ZoningInputError`, or :class:`.permit_fees.FeeError` for a
negative or non-numeric figure; refusals are data (:class:`Refusal`),
each with a ``code`` and ``params`` for the Odoo layer to translate, and an
English ``message``.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .permit_fees import Floor, _decimal

INPUT_MESSAGES = {
    "land_area": "The land area must be greater than 0.",
    "widening": "The area in the street-widening line (%(widening)s m²) must be less than the land area "
                "(%(land)s m²).",
    "floor_number": "The floor number “%(floor)s” is not a whole number.",
    "no_floors": "The request has no floor.",
}

REFUSAL_MESSAGES = {
    "use": "The use “%(use)s” on floor %(floor)s is not allowed by the zoning (allowed: %(allowed)s).",
    "floors": "The request has %(requested)s floors; the zoning allows %(allowed)s.",
    "occupancy": "The building covers %(requested)s%% of the land; the zoning allows %(allowed)s%%.",
    "density": "The requested density, %(requested)s%%, is above %(allowed)s%%, the most the zoning allows even "
               "with excess density.",
    "setback": "The %(side)s setback is %(requested)s m; the zoning requires at least %(allowed)s m.",
    "setback_missing": "The %(side)s setback is not given; the zoning requires at least %(allowed)s m.",
}


class ZoningInputError(ValueError):
    """A request or zoning that cannot be checked; ``code`` is a key of :data:`INPUT_MESSAGES`."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(INPUT_MESSAGES[code] % params)


@dataclass(frozen=True)
class Zoning:
    """The detailed plan's rules for a parcel (a configurable record on the Odoo side).

    Percentages are of the net land area; ``None`` means "no limit".
    ``allowed_uses`` empty: any use. ``setbacks``: side → minimum in metres.
    """

    max_density: object = None
    max_floors: int = None
    max_occupancy: object = None
    allowed_uses: frozenset = frozenset()
    setbacks: dict = field(default_factory=dict)
    #: The density that can be reached by buying excess density; None: no ceiling.
    max_density_with_excess: object = None
    count_ground_floor: bool = True
    density_counts_basements: bool = False
    #: Uses whose area is not counted for density (often the parking of a «پیلوت» floor).
    density_excluded_uses: frozenset = frozenset()


@dataclass(frozen=True)
class Excess:
    """Area over a zoning limit that can be charged for: ``rule`` (``density``), on ``floor`` and ``use``."""

    rule: str
    floor: int
    use: str
    area: Decimal


@dataclass(frozen=True)
class Refusal:
    """A rule the request breaks and that no fee cures; ``code`` is a key of :data:`REFUSAL_MESSAGES`."""

    code: str
    params: dict

    @property
    def message(self):
        return REFUSAL_MESSAGES[self.code] % self.params


@dataclass(frozen=True)
class ZoningResult:
    net_land_area: Decimal
    density: Decimal
    allowed_area: Decimal
    occupancy: Decimal
    floor_count: int
    excesses: tuple
    refusals: tuple

    @property
    def ok(self):
        """No refusal (excesses may remain, to be paid for)."""
        return not self.refusals

    @property
    def excess_area(self):
        return sum((excess.area for excess in self.excesses), Decimal(0))

    @property
    def excess_areas(self):
        """``(floor, use, area)`` of the excesses, as :func:`.permit_fees.estimate_permit_fees` takes them."""
        return [(excess.floor, excess.use, excess.area) for excess in self.excesses]


def _percent(part, whole):
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _shown(number):
    """A figure for a message: ``12.50`` → ``12.5``, ``40.00`` → ``40``."""
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_inputs(floors, land_area, widening_area):
    land = _decimal(land_area, "land area")
    widening = _decimal(widening_area or 0, "area in the street-widening line")
    areas = [_decimal(floor.area, "floor area") for floor in floors]
    if not land:
        raise ZoningInputError("land_area")
    if widening >= land:
        raise ZoningInputError("widening", widening=_shown(widening), land=_shown(land))
    if not floors:
        raise ZoningInputError("no_floors")
    for floor in floors:
        if isinstance(floor.floor, bool) or not isinstance(floor.floor, int):
            raise ZoningInputError("floor_number", floor=floor.floor)
    return land - widening, areas


def check_request(floors, land_area, zoning, widening_area=0, footprint_area=None, setbacks=None):
    """Compare a request with ``zoning`` (:class:`Zoning`) and return a :class:`ZoningResult`.

    ``floors``: :class:`.permit_fees.Floor` records (a floor with two uses is two
    records); ``land_area`` and ``widening_area`` in m²; ``footprint_area`` the
    building's footprint (default: the largest floor at or above ground);
    ``setbacks`` side → metres as drawn. Raises :class:`ZoningInputError` (or
    :class:`.permit_fees.FeeError` for a negative or non-numeric area).
    """
    net, areas = _check_inputs(floors, land_area, widening_area)
    refusals = []

    if zoning.allowed_uses:
        for floor in floors:
            if floor.use not in zoning.allowed_uses:
                refusals.append(Refusal("use", {"use": floor.use, "floor": floor.floor,
                                                "allowed": ", ".join(sorted(zoning.allowed_uses))}))

    lowest_counted = 0 if zoning.count_ground_floor else 1
    floor_count = len({floor.floor for floor in floors if floor.floor >= lowest_counted})
    if zoning.max_floors is not None and floor_count > zoning.max_floors:
        refusals.append(Refusal("floors", {"requested": floor_count, "allowed": zoning.max_floors}))

    per_floor = {}
    for floor, area in zip(floors, areas):
        if floor.floor >= 0:
            per_floor[floor.floor] = per_floor.get(floor.floor, Decimal(0)) + area
    if footprint_area is None:
        footprint = max(per_floor.values(), default=Decimal(0))
    else:
        footprint = _decimal(footprint_area, "footprint area")
    occupancy = _percent(footprint, net)
    if zoning.max_occupancy is not None:
        allowed = _decimal(zoning.max_occupancy, "maximum occupancy")
        if footprint * 100 > allowed * net:  # on the exact figures, not the rounded percentage
            refusals.append(Refusal("occupancy", {"requested": _shown(occupancy), "allowed": _shown(allowed)}))

    for side, minimum in sorted((zoning.setbacks or {}).items()):
        minimum = _decimal(minimum, "minimum setback")
        drawn = (setbacks or {}).get(side)
        if drawn is None:
            refusals.append(Refusal("setback_missing", {"side": side, "allowed": _shown(minimum)}))
        elif _decimal(drawn, "setback") < minimum:
            refusals.append(Refusal("setback", {"side": side, "requested": _shown(_decimal(drawn, "setback")),
                                                "allowed": _shown(minimum)}))

    counted = [(index, floor, area) for index, (floor, area) in enumerate(zip(floors, areas))
               if (floor.floor >= 0 or zoning.density_counts_basements)
               and floor.use not in zoning.density_excluded_uses]
    counted_area = sum((area for _index, _floor, area in counted), Decimal(0))
    density = _percent(counted_area, net)
    excesses = []
    allowed_area = counted_area
    if zoning.max_density is not None:
        allowed_area = net * _decimal(zoning.max_density, "maximum density") / 100
        ceiling = zoning.max_density_with_excess
        if ceiling is not None and counted_area > net * _decimal(ceiling, "maximum density with excess") / 100:
            refusals.append(Refusal("density", {"requested": _shown(density),
                                                "allowed": _shown(_decimal(ceiling, "maximum density with excess"))}))
        remaining = counted_area - allowed_area
        # From the top floor down; on one floor, the use listed last first.
        for index, floor, area in sorted(counted, key=lambda item: (item[1].floor, item[0]), reverse=True):
            if remaining <= 0:
                break
            part = min(area, remaining)
            if part:
                excesses.append(Excess("density", floor.floor, floor.use, part))
            remaining -= part
    return ZoningResult(net_land_area=net, density=density, allowed_area=allowed_area, occupancy=occupancy,
                        floor_count=floor_count, excesses=tuple(excesses), refusals=tuple(refusals))


__all__ = ["Excess", "Floor", "Refusal", "Zoning", "ZoningInputError", "ZoningResult", "check_request"]
