"""Renovation codes (کد نوسازی).

DOMAIN.md §5, "The property file": municipalities key a property by its
renovation code, *district–block–parcel[–building–floor–unit]*. A code has
therefore three parts (a parcel: the land and what stands on it) or six (one
unit of a building on that parcel: an apartment, a shop).

People type codes in Latin (0-9), Persian (۰-۹) or Arabic-Indic (٠-٩) digits,
with whatever separator they are used to (``-``, ``/``, ``.``, ``،``, spaces,
a dash from a word processor) and with or without leading zeros. They are
stored in one canonical form: Latin digits without leading zeros joined by
``-`` (``5-123-45``, ``5-123-45-1-3-12``), so that the same code typed two
ways is the same value (unique per municipality, found by a plain ``=``).

Rules enforced:

* three or six parts (the bracket of DOMAIN §5 is one optional group);
* each part is a whole number of at most :data:`MAX_PART_DIGITS` digits;
* district, block and parcel are at least 1; building, floor and unit may be 0
  (the ground floor is floor 0 in many cities); a basement is not written with
  a minus sign (``-`` is a separator), cities number basement units their own way;
* between two parts exactly one separator mark (spaces around it are fine):
  ``5--123`` is an empty part, not a basement; letters are refused.

Errors are :class:`RenovationCodeError` with a ``code`` and ``params``; its
``str()`` is the English message of :data:`MESSAGES`, which the Odoo layer
translates.
"""

import unicodedata
from typing import NamedTuple

PART_NAMES = ("district", "block", "parcel", "building", "floor", "unit")
#: Parts of a parcel's code and of a unit's code.
PARCEL_PARTS = 3
UNIT_PARTS = 6
#: A sanity bound on each part (no city numbers a block or a parcel beyond this).
MAX_PART_DIGITS = 6
#: Longer text is refused before it is read (and is not repeated in the message).
MAX_TEXT_LENGTH = 64
#: Parts that must be at least 1.
POSITIVE_PARTS = ("district", "block", "parcel")
SEPARATOR = "-"

MESSAGES = {
    "empty": "The renovation code is empty.",
    "too_long_text": "A renovation code is at most %(max)s characters long.",
    "letters": "The renovation code “%(text)s” contains “%(character)s”: only digits and separators are allowed.",
    "empty_part": "The renovation code “%(text)s” has an empty part (two separators in a row, or one at an end).",
    "part_count": "A renovation code has 3 parts (district–block–parcel) or 6 "
                  "(district–block–parcel–building–floor–unit); “%(text)s” has %(count)s.",
    "too_long": "The %(part)s of the renovation code “%(text)s” has more than %(max)s digits.",
    "zero": "The %(part)s of the renovation code “%(text)s” cannot be 0.",
}


class RenovationCodeError(ValueError):
    """A text that is not a renovation code; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params)


class RenovationCode(NamedTuple):
    """A parsed renovation code; ``building``, ``floor`` and ``unit`` are ``None`` for a parcel."""

    district: int
    block: int
    parcel: int
    building: int = None
    floor: int = None
    unit: int = None

    @property
    def parts(self):
        """The numbers of the code, three or six."""
        return tuple(part for part in self if part is not None)

    @property
    def is_unit(self):
        """True for the code of a unit (six parts), False for a parcel."""
        return self.unit is not None

    @property
    def parcel_code(self):
        """The code of the parcel the unit stands on (itself for a parcel)."""
        return RenovationCode(self.district, self.block, self.parcel)

    def format(self, separator=SEPARATOR):
        """The code as text with Latin digits: ``5-123-45``. For Persian digits on screen and in
        reports, pass it through ``municipality_base``'s ``tools.digits.to_persian_digits``."""
        return separator.join(str(part) for part in self.parts)

    def __str__(self):
        return self.format()


def _is_blank(character):
    """Spaces and the invisible marks that RTL text carries (ZWNJ, RLM, LRM…)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def _split(text):
    """The digit groups of ``text``, checking what separates them: blanks and at most one mark."""
    groups, digits, marks = [], "", 0
    for character in text:
        if character.isdecimal():  # Latin, Persian, Arabic-Indic… (int() reads them all)
            if not digits and (marks > 1 or (marks and not groups)):
                raise RenovationCodeError("empty_part", text=text)
            digits += character
            continue
        if digits:
            groups.append(digits)
            digits, marks = "", 0
        if _is_blank(character):
            continue
        if character.isalnum() or unicodedata.category(character).startswith("M"):
            raise RenovationCodeError("letters", text=text, character=character)
        marks += 1
    if digits:
        groups.append(digits)
    elif marks:
        raise RenovationCodeError("empty_part", text=text)
    return groups


def _parse_parts(text, allowed_counts):
    if text is None or text is False:
        raise RenovationCodeError("empty")
    text = str(text)
    shown = text.strip()
    if not shown:
        raise RenovationCodeError("empty")
    if len(shown) > MAX_TEXT_LENGTH:
        raise RenovationCodeError("too_long_text", max=MAX_TEXT_LENGTH)
    groups = _split(shown)
    if len(groups) not in allowed_counts:
        raise RenovationCodeError("part_count", text=shown, count=len(groups))
    parts = []
    for name, group in zip(PART_NAMES, groups):
        value = int(group)
        if len(str(value)) > MAX_PART_DIGITS:
            raise RenovationCodeError("too_long", part=name, text=shown, max=MAX_PART_DIGITS)
        if value == 0 and name in POSITIVE_PARTS:
            raise RenovationCodeError("zero", part=name, text=shown)
        parts.append(value)
    return parts


def parse_renovation_code(text):
    """The :class:`RenovationCode` written in ``text``, or :class:`RenovationCodeError`.

    >>> parse_renovation_code("۰۵/۱۲۳/۴۵")
    RenovationCode(district=5, block=123, parcel=45, building=None, floor=None, unit=None)
    """
    return RenovationCode(*_parse_parts(text, (PARCEL_PARTS, UNIT_PARTS)))


def normalize_renovation_code(text):
    """The canonical form of the code in ``text`` (Latin digits, no leading zeros, ``-``);
    :class:`RenovationCodeError` when it is not a code. Store this."""
    return parse_renovation_code(text).format()


def format_renovation_code(text, separator=SEPARATOR):
    """The code in ``text`` written with ``separator`` between its parts (``5/123/45``), Latin digits;
    empty text stays empty. :class:`RenovationCodeError` when it is not a code."""
    if not text:
        return ""
    return parse_renovation_code(text).format(separator=separator)


def renovation_code_search_key(text):
    """What to look for when someone searches ``text``, or ``None`` when it is not (the start of) a code.

    Returns ``(key, complete)``: ``key`` is the canonical form of the 1 to 6
    parts typed; ``complete`` is True for a whole code (3 or 6 parts), to be
    found with ``=``. Every code that starts with the typed parts (the parcels
    of a block, the units of a parcel) matches ``=like key + "-%"``: the
    separator after the key keeps block 12 from matching block 123. Never
    raises: a search box may hold anything.
    """
    try:
        parts = _parse_parts(text, range(1, UNIT_PARTS + 1))
    except RenovationCodeError:
        return None
    return SEPARATOR.join(map(str, parts)), len(parts) in (PARCEL_PARTS, UNIT_PARTS)
