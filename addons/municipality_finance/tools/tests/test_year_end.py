import sys

import pytest

from municipality_finance_tools.year_end import (
    EntryLine, group_partner_lines, running_balance, split_balance, trial_balance, year_end_lines)

REVENUE, EXPENSE, CASH, RECEIVABLE, PAYABLE, RESULT, SURPLUS = (
    "601001", "801001", "100001", "103001", "301001", "503001", "502001")


def _by_key(lines):
    return {(line.account, line.partner, line.kind): line.amount for line in lines}


def test_closing_zeroes_temporary_accounts_and_reopens_the_balance_sheet():
    balances = [
        (REVENUE, None, -1000.0), (EXPENSE, None, 600.0),
        (CASH, None, 300.0), (RECEIVABLE, "ali", 150.0), (RECEIVABLE, "sara", 50.0),
        (PAYABLE, "contractor", -100.0), (SURPLUS, None, 0.0),
    ]
    closing, opening = year_end_lines(balances, {REVENUE, EXPENSE}, RESULT, SURPLUS)
    assert _by_key(closing) == {
        (EXPENSE, None, "temporary"): -600.0, (REVENUE, None, "temporary"): 1000.0,
        (RESULT, None, "result"): -400.0,
        (CASH, None, "permanent"): -300.0, (RECEIVABLE, "ali", "permanent"): -150.0,
        (RECEIVABLE, "sara", "permanent"): -50.0, (PAYABLE, "contractor", "permanent"): 100.0,
        (RESULT, None, "permanent"): 400.0,
    }
    assert _by_key(opening) == {
        (CASH, None, "opening"): 300.0, (RECEIVABLE, "ali", "opening"): 150.0,
        (RECEIVABLE, "sara", "opening"): 50.0, (PAYABLE, "contractor", "opening"): -100.0,
        (SURPLUS, None, "opening"): -400.0,
    }
    assert sum(line.amount for line in closing) == 0
    assert sum(line.amount for line in opening) == 0


def test_balances_after_closing_and_opening_equal_those_before_except_temporary():
    balances = [(REVENUE, None, -500.0), (EXPENSE, None, 700.0), (CASH, None, -200.0),
                (SURPLUS, None, -1000.0), (RESULT, None, 0.0), (CASH, None, 1000.0)]
    closing, opening = year_end_lines(balances, {REVENUE, EXPENSE}, RESULT, SURPLUS)
    after = {}
    for account, _partner, amount in balances:
        after[account] = after.get(account, 0.0) + amount
    for line in closing + opening:
        after[line.account] = after.get(line.account, 0.0) + line.amount
    assert after == {REVENUE: 0.0, EXPENSE: 0.0, CASH: 800.0, SURPLUS: -800.0, RESULT: 0.0}


def test_deficit_and_existing_balance_on_the_result_account():
    closing, opening = year_end_lines([(EXPENSE, None, 50.0), (RESULT, None, -20.0), (CASH, None, -30.0)],
                                      {EXPENSE}, RESULT, SURPLUS)
    assert _by_key(closing)[(RESULT, None, "result")] == 50.0
    assert _by_key(closing)[(RESULT, None, "permanent")] == -30.0
    assert _by_key(opening) == {(CASH, None, "opening"): -30.0, (SURPLUS, None, "opening"): 30.0}


def test_nothing_to_close_gives_no_lines():
    assert year_end_lines([(CASH, None, 0.0), (REVENUE, None, 0.004)], {REVENUE}, RESULT, SURPLUS) == ([], [])


def test_unbalanced_books_are_refused():
    with pytest.raises(ValueError, match="do not sum to zero"):
        year_end_lines([(CASH, None, 10.0)], set(), RESULT, SURPLUS)


def test_entry_line_columns():
    assert (EntryLine(CASH, None, 5.0, "opening").debit, EntryLine(CASH, None, 5.0, "opening").credit) == (5.0, 0.0)
    assert (EntryLine(CASH, None, -5.0, "opening").debit, EntryLine(CASH, None, -5.0, "opening").credit) == (0.0, 5.0)
    assert split_balance(0.0) == (0.0, 0.0)


def test_trial_balance_columns_and_totals_balance():
    accounts = [(1, "100001", "Cash"), (2, "601001", "Revenue"), (3, "801001", "Salaries"), (4, "201001", "Land")]
    rows, totals = trial_balance(accounts, opening={1: 500.0, 4: -500.0}, debit={1: 300.0, 3: 100.0},
                                 credit={2: 300.0, 1: 100.0})
    assert [row.values() for row in rows] == [
        ["100001", "Cash", 500.0, 0.0, 300.0, 100.0, 700.0, 0.0],
        ["601001", "Revenue", 0.0, 0.0, 0.0, 300.0, 0.0, 300.0],
        ["801001", "Salaries", 0.0, 0.0, 100.0, 0.0, 100.0, 0.0],
        ["201001", "Land", 0.0, 500.0, 0.0, 0.0, 0.0, 500.0],
    ]
    assert totals.values()[2:] == [500.0, 500.0, 400.0, 400.0, 800.0, 800.0]


def test_trial_balance_by_class_adds_subtotals_and_skips_empty_accounts():
    accounts = [(1, "100001", "Cash"), (5, "102001", "Cheques"), (2, "601001", "Revenue"), (9, "609001", "Other")]
    rows, totals = trial_balance(accounts, {1: 10.0}, {5: 5.0}, {2: 15.0}, by_class=True, class_names={"1": "Assets"})
    assert [(row.code, row.is_subtotal) for row in rows] == [
        ("100001", False), ("102001", False), ("1", True), ("601001", False), ("6", True)]
    assert rows[2].name == "Assets" and rows[2].closing_debit == 15.0
    assert rows[4].closing_credit == 15.0 and totals.closing_debit == totals.closing_credit == 15.0


def test_running_balance():
    assert running_balance(100.0, [(50.0, 0.0), (0.0, 200.0)]) == [(50.0, 0.0, 150.0), (0.0, 200.0, -50.0)]
    assert running_balance(0.0, []) == []


def test_year_end_does_not_import_odoo():
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)


def test_partner_lines_are_summed_per_account_for_the_summary():
    lines = [EntryLine(1, None, 100.0, "permanent"), EntryLine(2, 10, -30.0, "permanent"),
             EntryLine(2, 11, -50.0, "permanent"), EntryLine(3, 12, -20.0, "permanent")]
    summary, details = group_partner_lines(lines)
    assert summary == [EntryLine(1, None, 100.0, "permanent"), EntryLine(2, 10, -80.0, "permanent"),
                       EntryLine(3, 12, -20.0, "permanent")]
    assert sum(line.amount for line in summary) == 0
    assert details == {2: lines[1:3]}
