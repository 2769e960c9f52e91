from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .treasury_common import TreasuryCase


@tagged("post_install", "-at_install")
class TestCheque(TreasuryCase):

    def _flush_tracking(self):
        """Write the tracking values, as a commit would."""
        self.env.flush_all()
        self.cr.flush()

    def _entry(self, move):
        """[(account code, debit, credit)] of an entry, debit line first."""
        return [(line.account_id.code, line.debit, line.credit) for line in move.line_ids.sorted("credit")]

    def test_received_cheque_in_hand_deposited_cleared(self):
        cheque = self._cheque()
        self._flush_tracking()  # a record's creation is tracked as one message, its later changes one by one
        receivable = cheque.partner_id.with_company(self.company).property_account_receivable_id
        cheque.action_receive(self.day)
        self.assertEqual(cheque.state, "in_hand")
        self.assertEqual(self._entry(cheque.move_ids), [("102001", 1_250_000, 0), (receivable.code, 0, 1_250_000)])
        self.assertEqual(cheque.move_ids.journal_id, self.bank_journal)
        self.assertEqual(cheque.move_ids.state, "posted")

        cheque.action_deposit(self.day + timedelta(days=1))
        self.assertEqual((cheque.state, cheque.deposit_date), ("deposited", self.day + timedelta(days=1)))
        deposit = cheque.move_ids.sorted("id")[-1]
        self.assertEqual(self._entry(deposit), [("102002", 1_250_000, 0), ("102001", 0, 1_250_000)])
        self.assertEqual(deposit.date, self.day + timedelta(days=1))

        cheque.action_clear(self.day + timedelta(days=3))
        self.assertEqual((cheque.state, cheque.cleared_date), ("cleared", self.day + timedelta(days=3)))
        clearing = cheque.move_ids.sorted("id")[-1]
        self.assertEqual(self._entry(clearing), [(self.account_bank.code, 1_250_000, 0), ("102002", 0, 1_250_000)])
        self.assertEqual(len(cheque.move_ids), 3)
        # Nothing is left on the cheque accounts, and the steps are reconciled with each other.
        balances = self._balances(cheque)
        self.assertEqual((balances["102001"], balances["102002"]), (0, 0))
        self.assertTrue(all(line.reconciled for line in cheque.move_ids.line_ids
                            if line.account_id in (self.account_in_hand, self.account_collection)))
        self._flush_tracking()
        cheque.invalidate_recordset(["message_ids"])
        cleared = dict(cheque._fields["state"]._description_selection(cheque.env))["cleared"]
        self.assertIn(cleared, cheque.message_ids.tracking_value_ids.mapped("new_value_char"))

    def test_received_cheque_pays_the_invoice_and_a_bounce_reopens_it(self):
        invoice = self._invoice(self.citizen, 1_250_000)
        cheque = self._cheque(invoice_ids=[invoice.id])
        cheque.action_receive(self.day)
        self.assertEqual(invoice.payment_state, "paid")
        cheque.action_deposit(self.day)
        cheque.action_bounce(self.day)
        self.assertEqual((cheque.state, cheque.bounced_date), ("bounced", self.day))
        bounce = cheque.move_ids.sorted("id")[-1]
        self.assertEqual(self._entry(bounce), [(invoice.line_ids.filtered(
            lambda l: l.account_id.account_type == "asset_receivable").account_id.code, 1_250_000, 0),
            ("102002", 0, 1_250_000)])
        # The debt is back on the invoice; the cheque's own receivable lines cancel out.
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, 1_250_000)
        partner_lines = cheque.move_ids.line_ids.filtered(lambda l: l.account_id.account_type == "asset_receivable")
        self.assertTrue(all(partner_lines.mapped("reconciled")))
        self.assertEqual(self._balances(cheque)["102002"], 0)

    def test_cheque_returned_from_hand_bounces_without_deposit(self):
        cheque = self._cheque()
        cheque.action_receive(self.day)
        cheque.action_bounce(self.day)
        bounce = cheque.move_ids.sorted("id")[-1]
        receivable = cheque.partner_id.with_company(self.company).property_account_receivable_id
        self.assertEqual(self._entry(bounce), [(receivable.code, 1_250_000, 0), ("102001", 0, 1_250_000)])
        self.assertEqual(self._balances(cheque), {"102001": 0, receivable.code: 0})

    def test_issued_cheque_issue_clear(self):
        bill = self._invoice(self.contractor, 3_000_000, "in_invoice")
        cheque = self._cheque("issued", 3_000_000, invoice_ids=[bill.id])
        cheque.with_user(self.accountant).action_issue(self.day)
        self.assertEqual(cheque.state, "issued")
        self.assertEqual(self._entry(cheque.move_ids), [("301001", 3_000_000, 0), ("302001", 0, 3_000_000)])
        self.assertEqual(bill.payment_state, "paid")
        cheque.action_clear(self.day)
        clearing = cheque.move_ids.sorted("id")[-1]
        self.assertEqual(self._entry(clearing), [("302001", 3_000_000, 0), (self.account_bank.code, 0, 3_000_000)])
        self.assertEqual(self._balances(cheque)["302001"], 0)

    def test_issued_cheque_bounce_and_cancel_reverse_the_issue(self):
        for action in ("action_bounce", "action_cancel"):
            with self.subTest(action=action):
                bill = self._invoice(self.contractor, 2_000_000, "in_invoice")
                cheque = self._cheque("issued", 2_000_000, invoice_ids=[bill.id],
                                      sayad_number="999900001111" + ("2222" if action == "action_bounce" else "3333"))
                cheque.action_issue(self.day)
                getattr(cheque, action)(self.day)
                reversal = cheque.move_ids.sorted("id")[-1]
                self.assertEqual(self._entry(reversal), [("302001", 2_000_000, 0), ("301001", 0, 2_000_000)])
                self.assertEqual(bill.payment_state, "not_paid")
                self.assertEqual(self._balances(cheque), {"302001": 0, "301001": 0})

    def test_draft_cancel_posts_nothing(self):
        cheque = self._cheque(user=self.clerk)
        cheque.with_user(self.clerk).action_cancel()
        self.assertEqual((cheque.state, cheque.move_ids.ids), ("cancelled", []))

    def test_invalid_transitions_are_refused_and_post_nothing(self):
        cheque = self._cheque()
        moves_before = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        for action in ("action_deposit", "action_clear", "action_bounce", "action_issue"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(cheque, action)(self.day)
        cheque.action_receive(self.day)
        cheque.action_deposit(self.day)
        cheque.action_clear(self.day)
        for action in ("action_receive", "action_deposit", "action_bounce", "action_cancel", "action_clear"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(cheque, action)(self.day)
        self.assertEqual(cheque.state, "cleared")
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves_before + 3)

    def test_one_refused_cheque_stops_the_whole_batch(self):
        ok = self._cheque(sayad_number="1111222233334444")
        done = self._cheque(sayad_number="5555666677778888")
        done.action_receive(self.day)
        with self.assertRaises(UserError):
            (ok | done).action_receive(self.day)
        self.assertEqual((ok.state, ok.move_ids.ids), ("draft", []))

    def test_a_step_cannot_be_dated_before_the_cheque(self):
        cheque = self._cheque()
        with self.assertRaises(UserError):
            cheque.action_receive(self.day - timedelta(days=1))
        self.assertFalse(cheque.move_ids)

    def test_clerk_registers_but_does_not_deposit_or_issue(self):
        cheque = self._cheque(user=self.clerk)
        cheque.action_receive(self.day)
        self.assertEqual(cheque.state, "in_hand")
        with self.assertRaises(AccessError):  # a group check is an access error, as everywhere in finance
            cheque.action_deposit(self.day)
        issued = self._cheque("issued", sayad_number="1234123412341234")
        with self.assertRaises(AccessError):
            issued.with_user(self.clerk).action_issue(self.day)
        self.assertEqual((cheque.state, issued.state), ("in_hand", "draft"))
        # Issued cheques are not even visible to clerks.
        self.assertNotIn(issued, self.env["municipality.cheque"].with_user(self.clerk).search([]))

    def test_sayad_number_is_sixteen_digits_in_any_script(self):
        cheque = self._cheque(sayad_number="۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶")
        self.assertEqual(cheque.sayad_number, "1234567890123456")
        for bad in ("123456789012345", "12345678901234567", "12345678901234ab"):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self._cheque(sayad_number=bad)

    def test_sayad_number_is_unique(self):
        self._cheque()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._cheque(sayad_number="1234-5678-9012-3456")

    def test_posted_cheque_cannot_change_or_be_deleted(self):
        cheque = self._cheque()
        cheque.action_receive(self.day)
        with self.assertRaises(UserError):
            cheque.amount = 2_000_000
        with self.assertRaises(UserError):
            cheque.unlink()
        cheque.serial_number = "123456"  # not what was posted: still editable
        self.assertEqual(cheque.amount, 1_250_000)

    def test_only_invoices_of_the_drawer(self):
        other_invoice = self._invoice(self.contractor, 100_000)
        with self.assertRaises(ValidationError):
            self._cheque(invoice_ids=[other_invoice.id])
        bill = self._invoice(self.citizen, 100_000, "in_invoice")
        with self.assertRaises(ValidationError):
            self._cheque(invoice_ids=[bill.id])

    def test_company_accounts_are_set_by_the_chart_and_used(self):
        self.assertEqual(self.company.cheque_in_hand_account_id, self.account_in_hand)
        self.assertEqual(self.company.cheque_in_collection_account_id, self.account_collection)
        self.assertEqual(self.company.cheque_issued_account_id, self.account_issued)
        other = self.account_in_hand.copy({"code": "102009", "name": "Cheques in the safe"})
        self.company.cheque_in_hand_account_id = other
        cheque = self._cheque()
        cheque.action_receive(self.day)
        self.assertIn("102009", self._balances(cheque))

    def test_company_without_cheque_accounts_is_told_what_to_set(self):
        company = self.env["res.company"].create({"name": "بدون حساب چک"})
        company.cheque_in_hand_account_id = False
        with self.assertRaisesRegex(UserError, "Cheques Received in Hand"):
            company._municipality_cheque_accounts()

    def test_entry_labels_are_in_the_municipality_language_whoever_posts(self):
        """An accountant working in English posts a cheque step of a Persian municipality: the entry's text is
        Persian (it stayed «Cheque …: In Hand» for good)."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["municipality_finance"], ["fa_IR"])
        self.company.partner_id.lang = "fa_IR"
        self.accountant.lang = "en_US"
        cheque = self._cheque(sayad_number="1234567890123499")
        cheque.with_user(self.accountant).action_receive(self.day)
        move = cheque.move_ids
        persian_step = dict(cheque.with_context(lang="fa_IR")._fields["state"]._description_selection(
            cheque.with_context(lang="fa_IR").env))["in_hand"]
        self.assertIn(persian_step, move.ref)
        self.assertNotIn("In Hand", move.ref)
        self.assertNotIn("Cheque", move.ref)
        self.assertTrue(move.ref.startswith("چک "))
        self.assertTrue(all(persian_step in line.name for line in move.line_ids))
