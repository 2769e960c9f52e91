"""Cheque life cycle and postings (treasury), without Odoo.

A received cheque (چک دریافتی) is registered, kept in hand, deposited for
collection and then cleared by the bank or bounced (برگشت). An issued cheque
(چک پرداختی) is drafted, issued to the payee and then cleared, bounced or
cancelled. Every move between two states is posted as one journal entry whose
debit and credit accounts are given here as *roles*; the Odoo model maps the
roles onto the company's accounts:

``receivable``  the drawer's receivable account
``payable``     the payee's payable account
``in_hand``     cheques received in hand (اسناد دریافتنی نزد صندوق)
``collection``  cheques in collection (اسناد دریافتنی در جریان وصول)
``issued``      cheques issued (اسناد پرداختنی)
``bank``        the bank journal's account
"""

import re

__all__ = [
    "SAYAD_LENGTH",
    "TRANSITIONS",
    "normalize_sayad",
    "is_valid_sayad",
    "transition_legs",
    "allowed_targets",
]

#: The Sayad ID (شناسه صیادی) the Central Bank gives every cheque leaf: 16 digits.
SAYAD_LENGTH = 16
_SAYAD_NOISE = re.compile(r"[\s\-]")

#: (direction, from state, to state) → (debit role, credit role), or ``None`` when
#: the move posts nothing (a draft that is cancelled).
TRANSITIONS = {
    ("received", "draft", "in_hand"): ("in_hand", "receivable"),
    ("received", "draft", "cancelled"): None,
    ("received", "in_hand", "deposited"): ("collection", "in_hand"),
    ("received", "in_hand", "bounced"): ("receivable", "in_hand"),  # returned to the drawer
    ("received", "deposited", "cleared"): ("bank", "collection"),
    ("received", "deposited", "bounced"): ("receivable", "collection"),
    ("issued", "draft", "issued"): ("payable", "issued"),
    ("issued", "draft", "cancelled"): None,
    ("issued", "issued", "cleared"): ("issued", "bank"),
    ("issued", "issued", "bounced"): ("issued", "payable"),
    ("issued", "issued", "cancelled"): ("issued", "payable"),
}


def normalize_sayad(value):
    """A Sayad ID as stored: 16 Latin digits without spaces or dashes.

    ``value`` must already have Latin digits (normalise Persian ones first).
    Anything that is not 16 digits once spaces and dashes are gone is
    returned cleaned, for ``is_valid_sayad`` to refuse.
    """
    if not isinstance(value, str):
        return value
    return _SAYAD_NOISE.sub("", value)


def is_valid_sayad(value):
    """True when ``value`` (Latin digits) is a 16-digit Sayad ID."""
    value = normalize_sayad(value)
    return isinstance(value, str) and len(value) == SAYAD_LENGTH and value.isascii() and value.isdigit()


def allowed_targets(direction, state):
    """The states a cheque of ``direction`` in ``state`` may move to."""
    return {to for (d, frm, to) in TRANSITIONS if d == direction and frm == state}


def transition_legs(direction, from_state, to_state):
    """(debit role, credit role) posted when a cheque moves, or ``None`` when nothing is posted.

    Raises ``KeyError`` for a move the life cycle does not allow.
    """
    return TRANSITIONS[(direction, from_state, to_state)]
