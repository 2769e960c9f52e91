"""Year-end closing and trial balance arithmetic, free of Odoo.

Amounts are *balances*: debit minus credit, so a debit balance is positive and
a credit balance negative. Accounts and partners are opaque keys (the Odoo
side passes ids; ``None`` means "no partner").
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple


class EntryLine(NamedTuple):
    """One line of a closing or opening entry; ``amount`` is debit-positive.

    ``kind``: ``temporary`` brings a revenue or expense account to zero,
    ``result`` puts the year's result on the result account, ``permanent``
    brings a balance-sheet account to zero, ``opening`` re-opens one.
    (A named tuple: a closing makes 160,000 of them at 1,000,000 items; with a
    frozen dataclass, ``year_end_lines`` took 0.43 to 0.51 s of CPU for them
    against 0.36 to 0.42 s.)
    """

    account: object
    partner: object
    amount: float
    kind: str

    @property
    def debit(self):
        return self.amount if self.amount > 0 else 0.0

    @property
    def credit(self):
        return -self.amount if self.amount < 0 else 0.0


def _key(item):
    account, partner = item[0]
    return (str(account), str(partner) if partner is not None else "")


def year_end_lines(balances, temporary_accounts, result_account, surplus_account, digits=2):
    """The closing (سند اختتامیه) and opening (سند افتتاحیه) lines of a year.

    :param balances: iterable of ``(account, partner, balance)`` at the year's
        last day, before closing; the partner is kept only where it matters
        (pass ``None`` otherwise). Several items with the same key add up.
    :param temporary_accounts: the revenue and expense accounts (closed to the result).
    :param result_account: receives the year's result (surplus is a credit).
    :param surplus_account: where the opening entry carries the result account's
        balance (the accumulated surplus).
    :returns: ``(closing, opening)`` lists of :class:`EntryLine`; each list sums to zero.
    :raises ValueError: when the balances themselves do not sum to zero.

    Closing: every temporary account is brought to zero and the sum goes to
    the result account; then every balance-sheet account (per partner where
    given, the result account included) is brought to zero. Opening: the
    balance-sheet balances come back, the result account's on the surplus
    account. Odoo's balances are cumulative, so closing and re-opening the
    balance-sheet accounts leaves each of them where it was.
    """
    temporary_accounts = set(temporary_accounts)
    temporary = defaultdict(float)
    permanent = defaultdict(float)
    for account, partner, balance in balances:
        if account in temporary_accounts:
            temporary[account] += balance
        else:
            permanent[(account, partner)] += balance
    temporary = {account: round(balance, digits) for account, balance in temporary.items()}
    permanent = {key: round(balance, digits) for key, balance in permanent.items()}
    total = round(sum(temporary.values()) + sum(permanent.values()), digits)
    if total:
        raise ValueError(f"the balances do not sum to zero (difference {total})")

    closing = [
        EntryLine(account, None, -balance, "temporary")
        for account, balance in sorted(temporary.items(), key=lambda item: str(item[0])) if balance
    ]
    result = round(sum(temporary.values()), digits)
    if result:
        closing.append(EntryLine(result_account, None, result, "result"))
        permanent[(result_account, None)] = round(permanent.get((result_account, None), 0.0) + result, digits)
    carried = defaultdict(float)
    for (account, partner), balance in sorted(permanent.items(), key=_key):
        if not balance:
            continue
        closing.append(EntryLine(account, partner, -balance, "permanent"))
        carried[(surplus_account if account == result_account else account, partner)] += balance
    opening = [
        EntryLine(account, partner, round(balance, digits), "opening")
        for (account, partner), balance in sorted(carried.items(), key=_key) if round(balance, digits)
    ]
    return closing, opening


def split_balance(balance):
    """``(debit, credit)`` columns of a balance: 150 → (150, 0); -40 → (0, 40)."""
    return (balance, 0.0) if balance > 0 else (0.0, -balance if balance else 0.0)


@dataclass
class TrialBalanceRow:
    code: str
    name: str
    opening_debit: float = 0.0
    opening_credit: float = 0.0
    debit: float = 0.0
    credit: float = 0.0
    closing_debit: float = 0.0
    closing_credit: float = 0.0
    is_subtotal: bool = False

    def values(self):
        return [self.code, self.name, self.opening_debit, self.opening_credit, self.debit, self.credit,
                self.closing_debit, self.closing_credit]

    def add(self, other):
        for name in ("opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def trial_balance(accounts, opening, debit, credit, by_class=False, class_names=None, total_label="Total"):
    """Rows of a trial balance (تراز آزمایشی) with opening, movement and closing.

    :param accounts: ordered ``(key, code, name)`` of the accounts to show.
    :param opening: ``{key: balance}`` before the range.
    :param debit: ``{key: debit movement}``; ``credit``: ``{key: credit movement}`` in the range.
    :param by_class: add a subtotal row after each account class (first digit of the code).
    :param class_names: ``{digit: label}`` for those subtotal rows.
    :returns: ``(rows, totals)``; accounts with nothing to show are left out.
        Opening and closing are shown as the net balance in the debit or the
        credit column, movement as gross debit and credit: each pair of total
        columns is equal when the books balance.
    """
    class_names = class_names or {}
    rows, totals = [], TrialBalanceRow("", total_label, is_subtotal=True)
    subtotal = None
    for key, code, name in accounts:
        start = opening.get(key, 0.0)
        moved_debit, moved_credit = debit.get(key, 0.0), credit.get(key, 0.0)
        if not (start or moved_debit or moved_credit):
            continue
        end = start + moved_debit - moved_credit
        row = TrialBalanceRow(code, name, *split_balance(start), moved_debit, moved_credit, *split_balance(end))
        account_class = (code or " ")[0]
        if by_class and (subtotal is None or subtotal.code != account_class):
            if subtotal is not None:
                rows.append(subtotal)
            subtotal = TrialBalanceRow(account_class, class_names.get(account_class, account_class), is_subtotal=True)
        rows.append(row)
        totals.add(row)
        if subtotal is not None:
            subtotal.add(row)
    if subtotal is not None:
        rows.append(subtotal)
    return rows, totals


def running_balance(opening, movements):
    """``[(debit, credit, balance), ...]`` after each ``(debit, credit)`` movement, from ``opening``."""
    balance, result = opening, []
    for moved_debit, moved_credit in movements:
        balance += moved_debit - moved_credit
        result.append((moved_debit, moved_credit, balance))
    return result


def group_partner_lines(lines):
    """Split the lines of an entry for writing: ``(summary, details)``.

    ``summary`` has every line without a partner, and one line per account
    for the lines with a partner: the first partner's, carrying the total of
    the account (so the summary balances, like the entry). ``details`` maps
    each such account with several partners to its partner lines, the first
    one being the partner of its summary line: once the summary is posted,
    that line takes the first partner's amount and the others are added.
    """
    summary, by_account = [], {}
    for line in lines:
        if line.partner:
            by_account.setdefault(line.account, []).append(line)
        else:
            summary.append(line)
    details = {}
    for account, partner_lines in by_account.items():
        first = partner_lines[0]
        summary.append(EntryLine(account, first.partner, sum(line.amount for line in partner_lines), first.kind))
        if len(partner_lines) > 1:
            details[account] = partner_lines
    return summary, details
