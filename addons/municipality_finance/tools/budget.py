"""Budget arithmetic (no Odoo import): the figures of a budget line and how a
posting splits between a commitment and the line's free balance.

Amounts are plain numbers in the company currency (rials have no decimals,
but nothing here assumes it).
"""


def final_amount(approved, amendments, transfers):
    """The final budget of a line: the council's original plus approved
    amendments and transfers (both signed)."""
    return approved + amendments + transfers


def available_amount(final, committed, actual):
    """What may still be committed or spent on a line."""
    return final - committed - actual


def execution_rate(actual, final):
    """Share of the final budget executed, as a fraction (0.25 = 25 %); 0 when
    the line has no final budget."""
    if not final:
        return 0.0
    return actual / final


def commitment_remaining(amount, consumed):
    """The part of an approved commitment no bill has consumed yet (never negative)."""
    return max(amount - consumed, 0)


def posting_excess(amount, commitment_left):
    """How much of a posted expense ``amount`` falls on the line's free balance
    when ``commitment_left`` of it is covered by a commitment.

    A refund (negative amount) frees budget and needs nothing.
    """
    if amount <= 0:
        return 0
    return max(amount - max(commitment_left, 0), 0)


def shortfall(needed, available):
    """How much is missing when ``needed`` must come out of ``available``
    (0 when it fits)."""
    return max(needed - available, 0)
