"""The rules of the Article 100 commission (کمیسیون ماده صد قانون شهرداری‌ها).

DOMAIN.md §5, "Article 100 commission":

* three members — a judge, a representative of the Interior Ministry, a
  council member; the municipality's representative explains without a vote;
  all three present (:func:`check_quorum`), two votes decide (:func:`decide`);
* rulings: demolition, or a fine per m² of the violation × the building's
  transactional value (ارزش معاملاتی ساختمان, a council-approved bylaw per year,
  note 11): excess area in residential use ½–3×, in commercial/office/industrial
  use 2–4×, missing parking 1–2×; encroachment on streets: demolition;
  construction without a permit that meets the rules: fine (note 4); change of
  use: closure or restore; a supervising engineer at fault is reported to the
  engineering organization (:func:`check_ruling`, :func:`fine_amount`);
* a demolition ruling must name the violated principle — planning, technical,
  health (Administrative Court ruling 577);
* appeal within 10 days of notice to a second panel whose ruling is final
  (:func:`appeal_deadline`); its members must not have sat in the first
  (issue 11; :func:`check_second_panel`);
* no late-payment charge on an Article 100 fine (ruling 227;
  :func:`check_fine_tariff`); an unpaid fine goes back to the commission for
  demolition (:func:`returns_to_commission`).

The ranges and the rulings allowed per violation are data (issue 11: "Ranges
and multipliers are data"): they are arguments here; the ``*_EXAMPLE``
constants hold DOMAIN.md's figures for demo data and tests.

Errors are :class:`Article100Error` with ``code`` and ``params``; ``str()`` is the
English message of :data:`MESSAGES`, which the Odoo layer translates.
"""

import datetime
from collections import Counter
from decimal import Decimal

from .permit_fees import _decimal, rial

VOTING_ROLES = ("judge", "interior_ministry", "council")
MUNICIPALITY_ROLE = "municipality"
ROLES = VOTING_ROLES + (MUNICIPALITY_ROLE,)
#: Votes that decide.
MAJORITY = 2

RULINGS = ("demolition", "fine", "closure", "restore_use", "report_engineer")
#: What a demolition ruling must name (ruling 577).
PRINCIPLES = ("planning", "technical", "health")

#: DOMAIN §5's rulings per violation kind (examples for data files and tests).
ALLOWED_RULINGS_EXAMPLE = {
    "excess_area": ("demolition", "fine"),
    "missing_parking": ("fine",),
    "encroachment": ("demolition",),
    "no_permit": ("demolition", "fine"),
    "change_of_use": ("closure", "restore_use"),
    "engineer_fault": ("report_engineer",),
}
#: DOMAIN §5's fine multiples of the transactional value per m², by (violation kind, use); use None: any use.
FINE_RANGES_EXAMPLE = {
    ("excess_area", "residential"): (Decimal("0.5"), Decimal(3)),
    ("excess_area", "commercial"): (Decimal(2), Decimal(4)),
    ("excess_area", "office"): (Decimal(2), Decimal(4)),
    ("excess_area", "industrial"): (Decimal(2), Decimal(4)),
    ("missing_parking", None): (Decimal(1), Decimal(2)),
}
#: Days to appeal after notice (calendar days: see :func:`appeal_deadline`).
APPEAL_DAYS = 10

MESSAGES = {
    "role": "“%(role)s” is not a role of the Article 100 commission.",
    "quorum": "The commission needs its three voting members present (judge, Interior Ministry representative, "
              "council member); missing: %(missing)s.",
    "same_role": "The %(role)s sits only once in a session.",
    "member_twice": "Member %(member)s is listed twice in the session: one person holds one seat.",
    "no_vote": "The municipality's representative explains the case but does not vote.",
    "not_present": "Member %(member)s voted without being present.",
    "no_majority": "No ruling has two votes: the commission has not decided.",
    "ruling": "“%(ruling)s” is not a ruling the commission can give for %(violation)s (allowed: %(allowed)s).",
    "principle": "A demolition ruling must name the violated principle (planning, technical or health).",
    "no_fine": "The fine ranges have no range for %(violation)s in %(use)s use.",
    "multiplier": "The multiplier %(multiplier)s is outside the legal range %(low)s–%(high)s for %(violation)s.",
    "same_member": "The appeal panel cannot include members who sat in the first panel: %(members)s.",
    "late_charge": "An Article 100 fine carries no late-payment charge (Administrative Court ruling 227): its "
                   "toll type's tariff must have no late penalty.",
    "dates": "The appeal date %(appeal)s is before the notice date %(notice)s.",
}


class Article100Error(ValueError):
    """A session, vote or ruling the rules refuse; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params)


def check_quorum(members):
    """Raise unless the three voting roles are each present exactly once.

    ``members``: ``(member, role)`` pairs of those present (``member`` any key:
    a partner id); the municipality's representative may be there too.
    """
    roles = Counter()
    seen = set()
    for member, role in members:
        if role not in ROLES:
            raise Article100Error("role", role=role)
        if member in seen:
            raise Article100Error("member_twice", member=member)
        seen.add(member)
        roles[role] += 1
    for role, count in roles.items():
        if count > 1:
            raise Article100Error("same_role", role=role)
    missing = [role for role in VOTING_ROLES if not roles[role]]
    if missing:
        raise Article100Error("quorum", missing=", ".join(missing))


def decide(members, votes):
    """The ruling two voting members agree on.

    ``members``: ``(member, role)`` of those present (checked with
    :func:`check_quorum`); ``votes``: member → the ruling they vote for (any
    comparable value: ``"demolition"``, ``("fine", Decimal("2"))``…). A vote of
    the municipality's representative, or of someone not present, is refused;
    a member may abstain. Raises ``no_majority`` when no ruling has two votes.
    """
    members = list(members)
    check_quorum(members)
    role_of = dict(members)
    for member in votes:
        if member not in role_of:
            raise Article100Error("not_present", member=member)
        if role_of[member] == MUNICIPALITY_ROLE:
            raise Article100Error("no_vote")
    tally = Counter(votes.values())
    decided = [ruling for ruling, count in tally.items() if count >= MAJORITY]
    if not decided:
        raise Article100Error("no_majority")
    return decided[0]  # three voters: two rulings cannot both have two votes


def check_ruling(violation, ruling, allowed_rulings, principle=None):
    """Raise unless ``ruling`` is allowed for the ``violation`` kind (``allowed_rulings``:
    kind → rulings, e.g. :data:`ALLOWED_RULINGS_EXAMPLE`), and a demolition names
    its violated ``principle`` (one of :data:`PRINCIPLES`; ruling 577)."""
    allowed = tuple(allowed_rulings.get(violation, ()))
    if ruling not in allowed:
        raise Article100Error("ruling", ruling=ruling, violation=violation, allowed=", ".join(allowed) or "-")
    if ruling == "demolition" and principle not in PRINCIPLES:
        raise Article100Error("principle")


def fine_range(violation, use, ranges):
    """``(low, high)`` multiples for the ``violation`` kind in ``use`` from ``ranges``
    (``(kind, use)`` → range, ``(kind, None)`` for any use)."""
    found = ranges.get((violation, use)) or ranges.get((violation, None))
    if not found:
        raise Article100Error("no_fine", violation=violation, use=use or "-")
    return _decimal(found[0], "lowest multiplier"), _decimal(found[1], "highest multiplier")


def fine_amount(violation, use, multiplier, transactional_value, area, ranges):
    """The fine in whole rials: multiplier × the building's transactional value per m² × m² of
    the violation, the multiplier checked against the legal range of the violation and use.
    The bounds are allowed (½× and 3× for residential excess area)."""
    low, high = fine_range(violation, use, ranges)
    factor = _decimal(multiplier, "multiplier")
    if not low <= factor <= high:
        raise Article100Error("multiplier", multiplier=_text(factor), low=_text(low), high=_text(high),
                              violation=violation)
    return rial(factor * _decimal(transactional_value, "transactional value") * _decimal(area, "area"))


def _text(number):
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def appeal_deadline(notice_date, days=APPEAL_DAYS, holidays=(), rest_weekdays=()):
    """The last day an appeal may be filed.

    DOMAIN §5 says "within 10 days of notice" without saying working days;
    Article 100's own text says ten days (ده روز), so they are **calendar days**,
    counted from the day after the notice: notice on the 1st → last day the
    11th. When ``holidays`` (dates) or ``rest_weekdays`` (Python weekdays,
    Friday = 4) are given and the last day falls on one, it moves to the next
    working day, as the civil procedure code does for a deadline that ends on a
    holiday (unconfirmed for Article 100; leave them empty to count strictly).
    """
    last = notice_date + datetime.timedelta(days=int(days))
    closed = set(holidays)
    while last in closed or last.weekday() in rest_weekdays:
        last += datetime.timedelta(days=1)
    return last


def is_appeal_in_time(notice_date, appeal_date, days=APPEAL_DAYS, holidays=(), rest_weekdays=()):
    """True when ``appeal_date`` is on or before :func:`appeal_deadline`."""
    if appeal_date < notice_date:
        raise Article100Error("dates", appeal=appeal_date, notice=notice_date)
    return appeal_date <= appeal_deadline(notice_date, days, holidays, rest_weekdays)


def check_second_panel(first_members, second_members):
    """Raise unless the appeal panel has its quorum and none of the first panel's members
    (issue 11: "a second panel whose members did not sit in the first"); the
    municipality's representative may be the same person."""
    second = list(second_members)
    check_quorum(second)
    first = {member for member, role in first_members if role != MUNICIPALITY_ROLE}
    both = sorted((member for member, role in second if role != MUNICIPALITY_ROLE and member in first), key=str)
    if both:
        raise Article100Error("same_member", members=", ".join(map(str, both)))


def check_fine_tariff(penalty_percent):
    """Raise when the toll type that bills Article 100 fines has a late penalty: a fine carries
    no late-payment charge (Administrative Court ruling 227). Create the fine's assessment
    without a ``due_date`` as well, so that finance never counts it late."""
    if _decimal(penalty_percent or 0, "penalty percent"):
        raise Article100Error("late_charge")


def returns_to_commission(paid, due_date, today):
    """True when an unpaid fine is past its due date: it goes back to the commission,
    which then rules on demolition (DOMAIN §5). ``due_date`` is the municipality's
    payment deadline for the fine (data); ``None``: no deadline, never."""
    return not paid and due_date is not None and today > due_date
