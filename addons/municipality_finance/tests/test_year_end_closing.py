from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL
from odoo.addons.municipality_finance.models.municipality_year_end import BALANCES_SETTINGS

from .common import create_municipality

LAST_DAY_1404, FIRST_DAY_1405 = date(2026, 3, 20), date(2026, 3, 21)  # 1404/12/29, 1405/01/01


class YearEndCase(TransactionCase):
    """A municipality with the municipal chart, fiscal year 1404 and a few posted entries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری اختتامیه")
        cls.FiscalYear = cls.env["municipality.fiscal.year"]
        cls.Move = cls.env["account.move"]
        cls.year = cls.FiscalYear.create({"jalali_year": 1404, "company_id": cls.company.id})
        cls.accounts = {account.code: account for account in cls.env["account.account"].search(
            [("company_ids", "in", cls.company.id)])}
        Journal = cls.env["account.journal"]
        cls.misc = Journal.search([("company_id", "=", cls.company.id), ("code", "=", "MISC")])
        cls.bank_journal = Journal.search([("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        cls.bank = cls.bank_journal.default_account_id
        Partner = cls.env["res.partner"]
        cls.ali, cls.sara, cls.contractor = Partner.create([{"name": "علی"}, {"name": "سارا"}, {"name": "پیمانکار"}])
        cls.entries = cls._post([
            (date(2025, 3, 21), [("bank", None, 5000), ("501001", None, -5000)]),
            (date(2025, 6, 1), [("103001", cls.ali, 1000), ("601002", None, -1000)]),
            (date(2025, 6, 2), [("103001", cls.sara, 500), ("601003", None, -500)]),
            (date(2025, 7, 1), [("bank", None, 400), ("103001", cls.ali, -400)]),
            (date(2025, 8, 1), [("801001", None, 300), ("301001", cls.contractor, -300)]),
            (date(2026, 3, 20), [("201001", None, 200), ("301001", cls.contractor, -200)]),
        ])

    @classmethod
    def _account(cls, code):
        return cls.bank if code == "bank" else cls.accounts[code]

    @classmethod
    def _post(cls, entries, post=True):
        moves = cls.Move.create([{
            "journal_id": cls.misc.id, "date": day, "line_ids": [Command.create({
                "account_id": cls._account(code).id, "partner_id": partner.id if partner else False,
                "debit": max(amount, 0), "credit": max(-amount, 0)}) for code, partner, amount in lines]}
            for day, lines in entries])
        if post:
            moves.action_post()
        return moves

    def _balances(self, day, by_partner=False):
        """``{(code,): balance}`` or ``{(code, partner name or False): balance}`` of the posted items up to ``day``."""
        groupby = ["account_id", "partner_id"] if by_partner else ["account_id"]
        balances = {}
        for *keys, balance in self.env["account.move.line"]._read_group(
                [("company_id", "=", self.company.id), ("parent_state", "=", "posted"), ("date", "<=", day)],
                groupby, ["balance:sum"]):
            if balance:
                balances[(keys[0].code, keys[1].name or False) if by_partner else (keys[0].code,)] = balance
        return balances

    @staticmethod
    def _lines(move):
        return sorted((line.account_id.code, line.partner_id.name or "", line.debit, line.credit) for line in move.line_ids)


@tagged("post_install", "-at_install")
class TestYearEndClosing(YearEndCase):

    def test_closing_and_opening_entries(self):
        moves = self.year.action_close() and (self.year.closing_move_id | self.year.opening_move_id)
        closing, opening = self.year.closing_move_id, self.year.opening_move_id
        self.assertEqual(len(moves), 2)
        bank = self.bank.code
        self.assertEqual(self._lines(closing), sorted([
            ("601002", "", 1000, 0), ("601003", "", 500, 0), ("801001", "", 0, 300), ("503001", "", 0, 1200),
            (bank, "", 0, 5400), ("103001", "علی", 0, 600), ("103001", "سارا", 0, 500), ("201001", "", 0, 200),
            ("301001", "پیمانکار", 500, 0), ("501001", "", 5000, 0), ("503001", "", 1200, 0),
        ]))
        self.assertEqual(self._lines(opening), sorted([
            (bank, "", 5400, 0), ("103001", "علی", 600, 0), ("103001", "سارا", 500, 0), ("201001", "", 200, 0),
            ("301001", "پیمانکار", 0, 500), ("501001", "", 0, 5000), ("502001", "", 0, 1200),
        ]))
        self.assertEqual((closing.date, opening.date), (LAST_DAY_1404, FIRST_DAY_1405))
        self.assertEqual((closing.journal_id.code, opening.journal_id.code), ("CLS", "OPN"))
        self.assertEqual((closing.year_end_type, opening.year_end_type), ("closing", "opening"))
        self.assertEqual(moves.mapped("state"), ["posted", "posted"])
        self.assertEqual((closing.amount_total, opening.amount_total), (8200, 6700), "totals include the bulk-written lines")
        self.assertEqual(moves.line_ids.filtered("partner_id").mapped("matching_number"),
                         [str(line.full_reconcile_id.id) for line in moves.line_ids.filtered("partner_id")])
        self.assertEqual(moves.year_end_fiscal_year_id, self.year)
        self.assertEqual(self.year.state, "closed")
        self.assertEqual(self.company.fiscalyear_lock_date, LAST_DAY_1404)
        self.assertEqual(self.FiscalYear.search([("company_id", "=", self.company.id), ("jalali_year", "=", 1405)]).date_from,
                         FIRST_DAY_1405, "the missing next year is created")

    def test_entry_totals_come_from_the_lines_written_not_from_the_table(self):
        """The closing stores each entry's total from the amounts it wrote (no second sum over the
        journal items), and that total is what the ORM computes from the lines."""
        YearEnd = self.registry["municipality.year.end"]
        with patch.object(YearEnd, "_recompute_entry_totals", side_effect=AssertionError("lines summed again")):
            self.year.action_close()
        moves = self.year.closing_move_id | self.year.opening_move_id
        stored = [(move.amount_total, move.amount_total_signed, move.amount_total_in_currency_signed,
                   move.amount_residual, move.amount_untaxed) for move in moves]
        self.assertEqual(stored, [(8200, 8200, 8200, 0, 0), (6700, 6700, 6700, 0, 0)])
        for move in moves:
            self.assertEqual(move.amount_total, sum(move.line_ids.mapped("debit")))
        for name in ("amount_total", "amount_total_signed", "amount_total_in_currency_signed", "amount_residual",
                     "amount_untaxed"):
            self.env.add_to_compute(moves._fields[name], moves)
        moves._recompute_recordset()
        self.assertEqual([(move.amount_total, move.amount_total_signed, move.amount_total_in_currency_signed,
                           move.amount_residual, move.amount_untaxed) for move in moves], stored)

    def test_balances_carry_over_and_temporary_accounts_end_at_zero(self):
        before = self._balances(LAST_DAY_1404, by_partner=True)
        self.year.action_close()
        at_year_end = self._balances(LAST_DAY_1404)
        self.assertEqual(at_year_end, {}, "every account is at zero after the closing entry")
        after = self._balances(FIRST_DAY_1405, by_partner=True)
        expected = {key: balance for key, balance in before.items() if key[0][0] not in "678"}
        expected[("502001", False)] = -1200
        self.assertEqual(after, expected)

    def test_partner_items_stay_the_original_invoices(self):
        self.year.action_close()
        receivable = self.accounts["103001"]
        year_end_lines = (self.year.closing_move_id | self.year.opening_move_id).line_ids.filtered(
            lambda line: line.account_id == receivable)
        self.assertEqual(len(year_end_lines), 4)
        self.assertTrue(all(year_end_lines.mapped("reconciled")))
        open_items = self.env["account.move.line"].search([
            ("account_id", "=", receivable.id), ("reconciled", "=", False), ("parent_state", "=", "posted")])
        self.assertEqual(open_items.move_id, self.entries[1:4])

    def test_result_goes_to_a_configured_account(self):
        self.company.year_end_surplus_account_id = self.accounts["501001"]
        self.year.action_close()
        self.assertIn(("501001", "", 0, 6200), self._lines(self.year.opening_move_id))

    def test_draft_entry_blocks_and_nothing_is_posted(self):
        draft = self._post([(date(2025, 9, 1), [("bank", None, 10), ("601001", None, -10)])], post=False)
        wizard = self.env["municipality.year.closing.wizard"].create({"fiscal_year_id": self.year.id})
        self.assertFalse(wizard.can_close)
        self.assertEqual(wizard.draft_count, 1)
        self.assertIn("1 draft entries", wizard.blockers_html)
        self.assertEqual(self.Move.search(wizard.action_show_drafts()["domain"]), draft)
        moves_before = self.Move.search_count([])
        with self.assertRaisesRegex(UserError, "draft entries"):
            wizard.action_close()
        self.assertEqual(self.Move.search_count([]), moves_before)
        self.assertEqual(self.year.state, "open")
        self.assertFalse(self.company.fiscalyear_lock_date)
        draft.action_post()
        wizard = self.env["municipality.year.closing.wizard"].create({"fiscal_year_id": self.year.id})
        self.assertTrue(wizard.can_close)
        wizard.action_close()
        self.assertEqual(self.year.state, "closed")

    def test_earlier_open_year_and_lock_date_block(self):
        earlier = self.FiscalYear.create({"jalali_year": 1403, "company_id": self.company.id})
        self.company.fiscalyear_lock_date = LAST_DAY_1404
        codes = [code for code, _message in self.year._closing_blockers()]
        self.assertEqual(codes, ["earlier_open", "lock_date"])
        with self.assertRaisesRegex(UserError, "۱۴۰۳"):
            self.year.action_close()
        self.company.fiscalyear_lock_date = False
        earlier.action_close()
        self.assertEqual(self.year._closing_blockers(), [])

    def test_hash_locked_closing_journal_blocks(self):
        closing_journal = self.company._year_end_setup()["closing_journal"]
        closing_journal.restrict_mode_hash_table = True
        self.assertEqual([code for code, _message in self.year._closing_blockers()], ["hash"])
        with self.assertRaises(UserError):
            self.year.action_close()
        self.assertEqual((self.year.state, self.year.closing_move_id.id), ("open", False))

    def test_closing_twice_creates_nothing(self):
        self.year.action_close()
        count = self.Move.search_count([])
        self.assertFalse(self.year._close_year())
        self.year.action_close()
        self.assertEqual(self.Move.search_count([]), count)

    def test_nothing_is_posted_in_the_closed_year(self):
        self.year.action_close()
        entry = self._post([(date(2026, 3, 10), [("bank", None, 10), ("601001", None, -10)])], post=False)
        with self.assertRaisesRegex(UserError, "closed"):
            entry.action_post()
        bill = self.Move.create({
            "move_type": "in_invoice", "partner_id": self.contractor.id, "invoice_date": date(2026, 3, 10),
            "date": date(2026, 3, 10),
            "invoice_line_ids": [Command.create({"name": "تعمیر", "quantity": 1, "price_unit": 100,
                                                 "account_id": self.accounts["803001"].id, "tax_ids": []})]})
        with self.assertRaisesRegex(UserError, "closed"):
            bill.action_post()
        self.bank_journal.inbound_payment_method_line_ids.payment_account_id = self.bank
        payment = self.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.ali.id, "amount": 50,
            "date": date(2026, 3, 10), "journal_id": self.bank_journal.id})
        with self.assertRaisesRegex(UserError, "closed"):
            payment.action_post()
        with self.assertRaisesRegex(UserError, "closed|prior to"):
            self.entries[1].button_draft()
        # Even with a lock date exception, the closed year stays closed.
        self.env["account.lock_exception"].create({
            "company_id": self.company.id, "fiscalyear_lock_date": False, "end_datetime": False})
        with self.assertRaisesRegex(UserError, "closed"):
            self.entries[1].button_draft()
        self.assertEqual(self.entries[1].state, "posted")
        self.assertEqual(self._balances(LAST_DAY_1404), {})

    def test_reopen_restores_everything(self):
        before = self._balances(FIRST_DAY_1405, by_partner=True)
        self.year.action_close()
        moves = self.year.closing_move_id | self.year.opening_move_id
        self.year.action_reopen()
        self.assertFalse(moves.exists())
        self.assertEqual(self.year.state, "open")
        self.assertFalse(self.company.fiscalyear_lock_date)
        self.assertEqual(self._balances(FIRST_DAY_1405, by_partner=True), before)
        self.assertFalse(self.year.action_reopen() and self.year.state != "open")
        self.year.action_close()
        self.assertEqual(self.year.state, "closed")
        self.assertEqual(len(self.year.closing_move_id.line_ids), 11)

    def test_reopen_keeps_a_restrictive_audit_trail(self):
        self.company.restrictive_audit_trail = True
        self.year.action_close()
        moves = self.year.closing_move_id | self.year.opening_move_id
        self.year.action_reopen()
        self.assertEqual(moves.mapped("state"), ["cancel", "cancel"])
        self.assertEqual(self._balances(LAST_DAY_1404)[("801001",)], 300)

    def test_reopen_needs_later_years_open_and_no_hard_lock(self):
        self.year.action_close()
        following = self.year._next_fiscal_year()
        following.action_close()
        with self.assertRaisesRegex(UserError, "later fiscal years"):
            self.year.action_reopen()
        following.action_reopen()
        with self.assertRaisesRegex(UserError, "not closed"):
            following.action_hard_lock()
        self.year.action_hard_lock()
        self.assertEqual(self.company.hard_lock_date, LAST_DAY_1404)
        self.assertTrue(self.year.hard_locked)
        with self.assertRaisesRegex(UserError, "hard-locked"):
            self.year.action_reopen()
        self.assertEqual(self.year.state, "closed")

    def test_leap_year_closes_on_30_esfand(self):
        year_1403 = self.FiscalYear.create({"jalali_year": 1403, "company_id": self.company.id})
        self._post([(date(2024, 5, 1), [("bank", None, 70), ("602001", None, -70)])])
        year_1403.action_close()
        self.assertEqual(year_1403.closing_move_id.date, date(2025, 3, 20))  # 1403/12/30
        self.assertEqual(year_1403.opening_move_id.date, date(2025, 3, 21))  # 1404/01/01
        self.assertEqual(self._lines(year_1403.opening_move_id), sorted([(self.bank.code, "", 70, 0), ("502001", "", 0, 70)]))

    def test_only_the_director_closes(self):
        accountant = new_test_user(self.env, "ye_accountant", groups="municipality_finance.group_finance_accountant",
                                   company_id=self.company.id, company_ids=[self.company.id])
        year = self.year.with_user(accountant)
        for action in (year.action_close, year.action_reopen, year.action_hard_lock, year.action_open_closing_wizard):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            self.env["municipality.year.closing.wizard"].with_user(accountant).create({"fiscal_year_id": self.year.id})
        self.assertEqual(self.year.state, "open")
        director = new_test_user(self.env, "ye_director", groups="municipality_finance.group_finance_director",
                                 company_id=self.company.id, company_ids=[self.company.id])
        self.year.with_user(director).action_close()
        self.assertEqual(self.year.state, "closed")
        self.year.with_user(director).action_reopen()
        self.assertEqual(self.year.state, "open")

    def test_partner_lines_get_their_own_analytic_distribution(self):
        """A partner line written in bulk does not inherit the distribution of the account's first partner (M-10)."""
        plan = self.env["account.analytic.plan"].create({"name": "پروژه‌ها"})
        park, road = self.env["account.analytic.account"].create([
            {"name": "پارک", "plan_id": plan.id, "company_id": self.company.id},
            {"name": "جاده", "plan_id": plan.id, "company_id": self.company.id}])
        self.env["account.analytic.distribution.model"].create([
            {"partner_id": self.ali.id, "analytic_distribution": {str(park.id): 100}, "company_id": self.company.id},
            {"partner_id": self.sara.id, "analytic_distribution": {str(road.id): 100}, "company_id": self.company.id}])
        self.year.action_close()
        receivable = self.accounts["103001"]
        for move in (self.year.closing_move_id, self.year.opening_move_id):
            lines = move.line_ids.filtered(lambda line: line.account_id == receivable)
            self.assertEqual(
                {line.partner_id: line.analytic_distribution for line in lines},
                {self.ali: {str(park.id): 100}, self.sara: {str(road.id): 100}})
            self.assertEqual(lines.analytic_line_ids.mapped("partner_id"), self.ali | self.sara)
        bank_line = self.year.closing_move_id.line_ids.filtered(lambda line: line.account_id == self.bank)
        self.assertFalse(bank_line.analytic_distribution)

    def test_a_journal_items_table_in_another_schema_is_ignored(self):
        """The bulk insert reads the columns of this schema's table only, and only those it is allowed to copy (M-10)."""
        self.env.cr.execute("CREATE SCHEMA ye_shadow; CREATE TABLE ye_shadow.account_move_line (id int, shadow_only int)")
        self.env.cr.execute("ALTER TABLE account_move_line ADD COLUMN ye_partner_note varchar")
        self.env.cr.execute("UPDATE account_move_line SET ye_partner_note = 'for ' || partner_id WHERE partner_id IS NOT NULL")
        self.year.action_close()
        opening = self.year.opening_move_id
        self.assertEqual(len(opening.line_ids.filtered("partner_id")), 3)
        self.env.cr.execute("SELECT count(*) FROM account_move_line WHERE move_id = %s AND ye_partner_note IS NOT NULL",
                            [opening.id])
        self.assertEqual(self.env.cr.fetchone()[0], 0, "a column the closing does not know is not copied")

    def test_a_failed_closing_leaves_nothing_behind(self):
        """A failure in the last phases rolls the whole closing back: no entry, the year open, no lock."""
        YearEnd = self.registry["municipality.year.end"]
        moves_before = self.Move.search_count([])
        with patch.object(YearEnd, "_reconcile_closing_with_opening", side_effect=UserError("reconciliation failed")), \
                self.assertRaisesRegex(UserError, "reconciliation failed"):
            self.year.action_close()
        self.assertEqual(self.Move.search_count([]), moves_before)
        self.assertEqual((self.year.state, self.year.closing_move_id.id), ("open", False))
        self.assertFalse(self.company.fiscalyear_lock_date)
        self.assertFalse(self.year._next_fiscal_year(), "the next year the closing created is gone too")
        self.year.action_close()
        self.assertEqual(self.year.state, "closed")

    def test_the_user_is_told_of_each_phase(self):
        sent = []
        YearEnd = self.registry["municipality.year.end"]
        with patch.object(YearEnd, "_send_progress", autospec=True, side_effect=lambda _self, message: sent.append(message)):
            self.year.action_close()
            closing_messages = list(sent)
            sent.clear()
            self.year.action_reopen()
        self.assertEqual([message["message"] for message in closing_messages], [
            "balances of the year", "closing entry", "opening entry", "partner lines of the closing and opening entries",
            "reconciliation of the closing with the opening", "lock and budget", "done"])
        self.assertEqual({message["title"] for message in closing_messages}, {"Closing fiscal year ۱۴۰۴"})
        self.assertEqual([message["message"] for message in sent], [
            "lock date and budget", "unreconciliation of the closing and opening entries",
            "removal of the closing and opening entries", "done"])

    def test_reopen_undoes_a_reconciliation_made_by_hand(self):
        """An opening line reconciled with a payment of the new year after the closing: reopening unreconciles it."""
        self.year.action_close()
        opening_line = self.year.opening_move_id.line_ids.filtered(lambda line: line.partner_id == self.ali)
        opening_line.remove_move_reconcile()
        payment = self._post([(date(2026, 4, 1), [("bank", None, 600), ("103001", self.ali, -600)])])
        payment_line = payment.line_ids.filtered("partner_id")
        (opening_line | payment_line).reconcile()
        self.assertTrue(payment_line.reconciled)
        self.year.action_reopen()
        self.assertFalse(payment_line.reconciled)
        self.assertEqual((payment_line.amount_residual, payment_line.matching_number), (-600, False))
        self.assertEqual(self.year.state, "open")


    #: Stored columns of a journal item that the bulk writes of the closing set (see ``_write_partner_lines``).
    LINE_COLUMNS = ("move_id", "account_id", "partner_id", "debit", "credit", "balance", "amount_currency",
                    "amount_residual", "amount_residual_currency", "reconciled", "currency_id", "company_currency_id",
                    "company_id", "journal_id", "date", "parent_state", "display_type", "name", "move_name")

    def _snapshot(self):
        """The closing and opening entries as rows of values, without ids (comparable between two closings)."""
        moves = self.year.closing_move_id | self.year.opening_move_id
        lines = sorted(
            (line.move_id.year_end_type, line.account_id.code, line.partner_id.name or "", line.balance,
             line.amount_residual, line.reconciled, bool(line.full_reconcile_id),
             line.matching_number == str(line.full_reconcile_id.id) if line.full_reconcile_id else line.matching_number)
            for line in moves.line_ids)
        totals = [(move.year_end_type, move.amount_total, move.amount_total_signed, move.amount_residual)
                  for move in moves]
        return lines, totals

    def test_bulk_written_lines_are_what_the_orm_computes(self):
        """Every stored column of the lines, reconciles and entries written with SQL is what the ORM
        computes for them; with per-row foreign-key checks (a role that may not skip them) or without,
        the closing writes the same rows."""
        YearEnd = self.registry["municipality.year.end"]
        for partner in (self.ali, self.sara, self.contractor):  # several partners per account
            self._post([(date(2025, 10, 1), [("103001", partner, 70), ("301001", partner, -70)])])
        original = self._balances(FIRST_DAY_1405, by_partner=True)
        with patch.object(YearEnd, "_may_skip_row_triggers", return_value=False):
            self.year.action_close()
        checked_row_by_row = self._snapshot()
        self.year.action_reopen()
        self.year.action_close()
        self.assertTrue(self.env["municipality.year.end"]._may_skip_row_triggers(), "the tests run as a superuser")
        self.assertEqual(self._snapshot(), checked_row_by_row)
        self.env.cr.execute("SHOW session_replication_role")
        self.assertEqual(self.env.cr.fetchone()[0], "origin", "the per-row checks are back on")

        moves = self.year.closing_move_id | self.year.opening_move_id
        lines = moves.line_ids
        self.assertEqual(len(lines.filtered("partner_id")), 2 * 6, "three partners on two accounts, in each entry")
        # What is stored, read from the database, against the ORM's computation from scratch.
        self.env.invalidate_all()
        stored = {line.id: {name: line[name] for name in self.LINE_COLUMNS} for line in lines}
        stored_totals = {move.id: {name: move[name] for name in move._fields if name.startswith("amount_")
                                   and move._fields[name].store and move._fields[name].compute} for move in moves}
        Line = self.env["account.move.line"]
        for name in ("amount_residual", "amount_residual_currency", "reconciled", "debit", "credit", "currency_id",
                     "company_currency_id", "company_id", "journal_id", "date", "parent_state"):
            self.env.add_to_compute(Line._fields[name], lines)
        for name in stored_totals[moves[0].id]:
            self.env.add_to_compute(moves._fields[name], moves)
        lines._recompute_recordset()
        moves._recompute_recordset()
        self.assertEqual({line.id: {name: line[name] for name in self.LINE_COLUMNS} for line in lines}, stored)
        self.assertEqual({move.id: {name: move[name] for name in stored_totals[move.id]} for move in moves},
                         stored_totals)
        self.assertTrue(moves[0].amount_total)

        # A pair reconciled by the closing, against the same pair reconciled by the ORM.
        closing_line = self.year.closing_move_id.line_ids.filtered(
            lambda line: line.partner_id == self.sara and line.account_id.code == "301001")
        opening_line = self.year.opening_move_id.line_ids.filtered(
            lambda line: line.partner_id == self.sara and line.account_id.code == "301001")
        pair = closing_line | opening_line
        partial = pair.matched_debit_ids | pair.matched_credit_ids
        self.assertEqual(len(partial), 1)
        partial_columns = ("debit_move_id", "credit_move_id", "amount", "debit_amount_currency",
                           "credit_amount_currency", "company_id", "debit_currency_id", "credit_currency_id")
        by_sql = [{name: partial[name] for name in partial_columns}, partial.full_reconcile_id.partial_reconcile_ids == partial,
                  partial.full_reconcile_id.reconciled_line_ids == pair,
                  [(line.amount_residual, line.reconciled, line.matching_number == str(line.full_reconcile_id.id))
                   for line in pair]]
        pair.remove_move_reconcile()
        self.assertEqual(pair.mapped("amount_residual"), pair.mapped("balance"))
        pair.reconcile()
        partial = pair.matched_debit_ids | pair.matched_credit_ids
        by_orm = [{name: partial[name] for name in partial_columns}, partial.full_reconcile_id.partial_reconcile_ids == partial,
                  partial.full_reconcile_id.reconciled_line_ids == pair,
                  [(line.amount_residual, line.reconciled, line.matching_number == str(line.full_reconcile_id.id))
                   for line in pair]]
        self.assertEqual(by_sql, by_orm)

        # Reopening with the per-row foreign-key actions of PostgreSQL (a role that may not skip them).
        with patch.object(YearEnd, "_may_skip_row_triggers", return_value=False):
            self.year.action_reopen()
        self.assertFalse(moves.exists())
        self.assertFalse(self.env["account.move.line"].search_count([("id", "in", lines.ids)]))
        self.assertFalse(partial.exists())
        self.assertEqual(self._balances(FIRST_DAY_1405, by_partner=True), original)
        self.assertEqual(self.year.state, "open")

    def test_sql_written_entry_is_what_the_orm_posts(self):
        """The opening entry, posted by the ORM as a two-line seed and completed with SQL, has the lines,
        name and totals the ORM gives the same entry posted line by line in the same journal."""
        for partner in (self.ali, self.sara, self.contractor):
            self._post([(date(2025, 10, 1), [("103001", partner, 70), ("301001", partner, -70)])])
        self.year.action_close()
        opening = self.year.opening_move_id
        self.assertGreater(len(opening.line_ids), 2, "more lines than the seed")
        by_orm = self.Move.create({
            "journal_id": opening.journal_id.id, "date": opening.date, "ref": opening.ref,
            "line_ids": [Command.create({
                "account_id": line.account_id.id, "partner_id": line.partner_id.id, "name": line.name,
                "debit": line.debit, "credit": line.credit}) for line in opening.line_ids.sorted("id")]})
        by_orm.action_post()
        self.env.invalidate_all()
        columns = ("account_id", "partner_id", "name", "debit", "credit", "balance", "amount_currency", "currency_id",
                   "company_currency_id", "company_id", "journal_id", "date", "date_maturity", "parent_state",
                   "display_type", "quantity", "price_unit", "price_subtotal", "price_total", "tax_base_amount",
                   "discount", "analytic_distribution", "move_name", "account_type")

        def rows(move):
            return sorted(tuple(str(line[name]) if name != "move_name" else line.move_id.name == line.move_name
                                for name in columns) for line in move.line_ids)

        self.assertEqual(rows(opening), rows(by_orm))
        for line in opening.line_ids.filtered(lambda line: not line.full_reconcile_id):
            twin = by_orm.line_ids.filtered(lambda other: (other.account_id, other.partner_id, other.balance)
                                            == (line.account_id, line.partner_id, line.balance))[:1]
            self.assertEqual((line.amount_residual, line.reconciled), (twin.amount_residual, twin.reconciled))
        self.assertEqual((opening.state, opening.sequence_prefix, opening.sequence_number + 1),
                         (by_orm.state, by_orm.sequence_prefix, by_orm.sequence_number),
                         "the entry's name is the journal sequence's")
        self.assertEqual((opening.amount_total, opening.amount_total_signed), (by_orm.amount_total, by_orm.amount_total_signed))
        self.assertEqual(sum(opening.line_ids.mapped("balance")), 0)

    def test_an_interrupted_closing_leaves_nothing_half_posted(self):
        """The closing cancelled by PostgreSQL while it writes the reconciliations (its partner lines are
        written already): no line, reconcile or entry is left, the year is open, the checks are back on."""
        YearEnd = self.registry["municipality.year.end"]
        original = YearEnd._set_based_checks
        calls = []

        @contextmanager
        def interrupted(model, locked_partners=()):
            with original(model, locked_partners=locked_partners):
                yield
                calls.append(True)
                if len(calls) == 2:  # the partials' writes, after the lines' and the full reconciles'
                    model.env.cr.execute("SET LOCAL statement_timeout = 1")
                    model.env.cr.execute("SELECT pg_sleep(1)", log_exceptions=False)

        counts = "SELECT (SELECT count(*) FROM account_move_line), (SELECT count(*) FROM account_partial_reconcile), " \
                 "(SELECT count(*) FROM account_full_reconcile), (SELECT count(*) FROM account_move)"
        self.env.flush_all()
        self.env.cr.execute(counts)
        before = self.env.cr.fetchone()
        with patch.object(YearEnd, "_set_based_checks", interrupted), \
                self.assertRaises(psycopg2.errors.QueryCanceled):
            self.year.action_close()
        self.assertEqual(len(calls), 2)
        self.env.invalidate_all()
        self.env.cr.execute(counts)
        self.assertEqual(self.env.cr.fetchone(), before)
        self.env.cr.execute("SELECT current_setting('session_replication_role'), current_setting('statement_timeout')")
        self.assertEqual(self.env.cr.fetchone(), ("origin", "0"))
        self.assertEqual((self.year.state, self.year.closing_move_id.id), ("open", False))
        self.assertFalse(self.company.fiscalyear_lock_date)
        self.year.action_close()
        self.assertEqual(self.year.state, "closed")
        self.assertEqual(self._balances(LAST_DAY_1404), {})
    def test_a_year_unknown_to_the_statistics_is_closed_without_analysing_the_journal_items(self):
        """Statistics that believe the journal items table nearly empty (as a bulk load leaves them): the
        balances' statement is planned without a join, so without a nested loop, and the closing leaves the
        statistics as they were instead of analysing a table of a million rows."""
        YearEnd = self.env["municipality.year.end"]
        cr = self.env.cr
        self.env.flush_all()
        for stale in (False, True):
            if stale:
                cr.execute("""UPDATE pg_class SET reltuples = 1, relpages = 1
                               WHERE oid = 'account_move_line'::regclass""")  # rolled back with the test
            else:
                cr.execute("ANALYZE account_move_line")
            with YearEnd._local_settings(**BALANCES_SETTINGS):
                cr.execute(SQL("EXPLAIN %s", YearEnd._balances_query(self.year)))
                plan = "\n".join(row[0] for row in cr.fetchall())
            self.assertNotIn("Nested Loop", plan)
            self.assertNotIn("Join", plan)
            self.assertNotIn("Sort", plan)
            self.assertIn("HashAggregate", plan)
        self.year.action_close()
        self.assertEqual(self._balances(LAST_DAY_1404), {})
        cr.execute("SELECT reltuples FROM pg_class WHERE oid = 'account_move_line'::regclass")
        self.assertEqual(cr.fetchone()[0], 1, "the closing did not analyse the journal items")

    def test_the_closing_balances_are_the_books_per_account_and_reconcilable_partner(self):
        """The balances the closing sums in one statement are the ORM's, per partner on reconcilable accounts
        only, memo accounts left out; the books balance, so the blockers need not sum them again."""
        balances, balanced = self.env["municipality.year.end"]._balances(self.year)
        self.assertIs(balanced, True)
        self.assertEqual(self.year._closing_blockers(balanced=True), self.year._closing_blockers())
        expected = {}
        for (code, partner), balance in self._balances(LAST_DAY_1404, by_partner=True).items():
            account = self.accounts[code]
            if account.account_type != "off_balance":
                key = (code, partner if account.reconcile else False)
                expected[key] = expected.get(key, 0) + balance
        Account, Partner = self.env["account.account"], self.env["res.partner"]
        self.assertEqual({(Account.browse(account).code, Partner.browse(partner).name if partner else False): balance
                          for account, partner, balance in balances if balance},
                         {key: balance for key, balance in expected.items() if balance})


@tagged("post_install", "-at_install")
class TestYearEndClosingScale(YearEndCase):
    """A year whose closing and opening entries have thousands of partner lines, on stale statistics."""

    PARTNERS = 1000

    def _journal_item_reads(self):
        """Rows of journal items this transaction read so far (sequential and index fetches)."""
        self.env.cr.execute("""
            SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
             WHERE relid = 'account_move_line'::regclass""")
        return self.env.cr.fetchone()[0]

    def test_thousands_of_partner_lines_on_stale_statistics(self):
        cr = self.env.cr
        # Statistics taken now, while the entries below do not exist: the planner
        # believes the table small and an entry a handful of lines.
        cr.execute("ANALYZE account_move_line")
        cr.execute("ANALYZE account_partial_reconcile")
        partners = self.env["res.partner"].create([{"name": f"شهروند {index}"} for index in range(self.PARTNERS)])
        lines = []
        for index, partner in enumerate(partners):
            lines += [("103001", partner, 1000 + index), ("301001", partner, -(500 + index))]
        total = sum(amount for _code, _partner, amount in lines)
        self._post([(date(2025, 9, 1), [*lines, ("601001", None, -total)])])
        self.env.invalidate_all()
        cr.execute("SELECT count(*) FROM account_move_line")
        table_rows = cr.fetchone()[0]

        reads, queries = self._journal_item_reads(), cr.sql_log_count
        self.year.action_close()
        reads, queries = self._journal_item_reads() - reads, cr.sql_log_count - queries
        opening = self.year.opening_move_id
        partner_lines = opening.line_ids.filtered("partner_id")
        self.assertEqual(len(partner_lines), 2 * self.PARTNERS + 3)
        self.assertTrue(all(partner_lines.mapped("reconciled")))
        self.assertEqual(self._balances(LAST_DAY_1404), {})
        # Linear: a few reads of each journal item (quadratic pairing would read
        # about 2,000 x 2,000 lines), and queries that do not grow with the partners
        # (the ORM reads the entries' lines 1,000 at a time to total them).
        print(f"closing: {reads} journal item rows read, {queries} queries, table {table_rows} rows")
        self.assertLess(reads, 12 * (table_rows + 2 * len(opening.line_ids)))
        self.assertLess(queries, 250)

        reads, queries = self._journal_item_reads(), cr.sql_log_count
        self.year.action_reopen()
        reads, queries = self._journal_item_reads() - reads, cr.sql_log_count - queries
        print(f"reopening: {reads} journal item rows read, {queries} queries")
        self.assertFalse(opening.exists())
        self.assertLess(reads, 12 * table_rows)
        self.assertLess(queries, 150)
