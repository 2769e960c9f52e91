from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .treasury_common import TreasuryCase


@tagged("post_install", "-at_install")
class TestPaymentOrder(TreasuryCase):

    def _order(self, **values):
        return self.env["municipality.payment.order"].create({
            "partner_id": self.contractor.id,
            "partner_bank_id": self.contractor_sheba.id,
            "amount": 1_250_000,
            "journal_id": self.bank_journal.id,
            "purpose": "لکه‌گیری آسفالت",
            "date": self.day,
            "company_id": self.company.id,
            **values,
        })

    def _signed(self, **values):
        order = self._order(**values)
        order.action_submit()
        order.with_user(self.director).action_sign_director()
        order.with_user(self.mayor).action_sign_mayor()
        return order

    def test_number_follows_the_jalali_year(self):
        order = self._order()
        self.assertRegex(order.name, r"^PO/1405/\d{4}$")

    def test_both_signatures_in_any_order_approve(self):
        order = self._order()
        order.action_submit()
        order.with_user(self.mayor).action_sign_mayor()
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.mayor_signer_id, self.mayor)
        self.assertTrue(order.mayor_signed_on)
        order.with_user(self.director).action_sign_director()
        self.assertEqual(order.state, "approved")
        self.assertEqual(order.director_signer_id, self.director)

    def test_an_order_waits_in_the_signers_activities(self):
        """A submitted order is an activity of each finance director and of the mayor until they sign; set
        back to draft, it waits for nobody (issue 15 item 15)."""
        order = self._order()
        self.assertFalse(order.activity_ids)
        order.action_submit()

        def waiting_for():
            return order.sudo().activity_ids.user_id

        self.assertEqual(waiting_for(), self.director | self.mayor | self.director_and_mayor)
        self.assertNotIn(self.accountant, waiting_for())
        order.with_user(self.director).action_sign_director()
        self.assertEqual(waiting_for(), self.mayor | self.director_and_mayor, "the directors' signature is given")
        self.assertIn("mayor", order.sudo().activity_ids.filtered(lambda a: a.user_id == self.mayor).summary)
        order.action_draft()
        self.assertFalse(order.sudo().activity_ids)

    def test_the_same_user_cannot_sign_twice(self):
        order = self._order()
        order.action_submit()
        order.with_user(self.director_and_mayor).action_sign_director()
        with self.assertRaisesRegex(UserError, "someone else"):
            order.with_user(self.director_and_mayor).action_sign_mayor()
        with self.assertRaises(UserError):
            order.with_user(self.director).action_sign_director()  # already signed as director
        self.assertFalse(order.mayor_signer_id)
        self.assertEqual(order.state, "submitted")

    def test_users_outside_the_groups_cannot_sign(self):
        order = self._order()
        order.action_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.accountant).action_sign_director()
        with self.assertRaises(AccessError):
            order.with_user(self.director).action_sign_mayor()
        with self.assertRaises(AccessError):
            order.with_user(self.accountant).action_sign_mayor()
        self.assertFalse(order.director_signer_id or order.mayor_signer_id)

    def test_no_signature_before_submission(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.with_user(self.director).action_sign_director()

    def test_mayor_reads_but_cannot_edit_or_create(self):
        order = self._order()
        self.assertEqual(order.with_user(self.mayor).amount, 1_250_000)
        with self.assertRaises(AccessError):
            order.with_user(self.mayor).write({"purpose": "دیگر"})
        with self.assertRaises(AccessError):
            self.env["municipality.payment.order"].with_user(self.mayor).create({
                "partner_id": self.contractor.id, "amount": 1, "journal_id": self.bank_journal.id, "purpose": "x"})

    def test_paying_before_both_signatures_is_refused(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.action_pay()
        order.action_submit()
        order.with_user(self.director).action_sign_director()
        with self.assertRaises(UserError):
            order.action_pay()
        self.assertFalse(order.payment_id)
        self.assertEqual(order.state, "submitted")

    def test_signed_content_is_frozen_and_draft_clears_signatures(self):
        order = self._signed()
        with self.assertRaises(UserError):
            order.amount = 9_000_000
        order.action_draft()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.director_signer_id or order.mayor_signer_id or order.director_signed_on)
        order.amount = 9_000_000

    def test_paying_by_transfer_posts_the_payment_and_settles_the_bill(self):
        bill = self._invoice(self.contractor, 1_250_000, "in_invoice")
        order = self._signed(bill_ids=[bill.id])
        order.with_user(self.accountant).action_pay()
        self.assertEqual(order.state, "paid")
        payment = order.payment_id
        self.assertEqual((payment.amount, payment.partner_id, payment.partner_bank_id, payment.payment_type),
                         (1_250_000, self.contractor, self.contractor_sheba, "outbound"))
        self.assertIn(payment.state, ("in_process", "paid"))
        self.assertEqual(payment.move_id.state, "posted")
        self.assertEqual(bill.payment_state, "paid")
        with self.assertRaises(UserError):
            order.action_pay()

    def test_paying_by_cheque_issues_the_cheque(self):
        bill = self._invoice(self.contractor, 1_250_000, "in_invoice")
        order = self._signed(bill_ids=[bill.id], payment_method="cheque", partner_bank_id=False,
                             cheque_sayad_number="۲۰۲۰۳۰۳۰۴۰۴۰۵۰۵۰", cheque_due_date=self.day)
        order.action_pay()
        cheque = order.cheque_id
        self.assertEqual((cheque.direction, cheque.state, cheque.amount, cheque.sayad_number, cheque.payment_order_id),
                         ("issued", "issued", 1_250_000, "2020303040405050", order))
        self.assertEqual(bill.payment_state, "paid")

    def test_submission_checks_what_is_needed_to_pay(self):
        with self.assertRaisesRegex(UserError, "Sheba"):
            self._order(partner_bank_id=False).action_submit()
        with self.assertRaisesRegex(UserError, "Sayad"):
            self._order(payment_method="cheque").action_submit()
        bill = self._invoice(self.contractor, 1_000_000, "in_invoice")
        with self.assertRaisesRegex(UserError, "only owe"):
            self._order(bill_ids=[bill.id]).action_submit()

    def test_bills_of_another_partner_are_refused(self):
        bill = self._invoice(self.citizen, 1_250_000, "in_invoice")
        with self.assertRaises(ValidationError):
            self._order(bill_ids=[bill.id])

    def test_only_draft_orders_are_deleted(self):
        order = self._signed()
        with self.assertRaises(UserError):
            order.unlink()
        order.action_cancel()
        order.unlink()
