"""Workflow fields (states, approvals, signatures) change only through the
buttons: a plain write() over JSON-RPC, which Odoo allows on readonly fields,
is refused for the realistic users (clerk, accountant)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_budget import BudgetCase
from .test_tolls import TollsCase
from .treasury_common import TreasuryCase

GROUP = "municipality_finance.group_"


@tagged("post_install", "-at_install")
class TestBudgetWorkflowSecurity(BudgetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.clerk = new_test_user(cls.env, "sec_clerk", groups=f"{GROUP}finance_clerk", **users)
        cls.env["hr.employee"].create({"name": "کارمند خدمات", "user_id": cls.clerk.id,
                                       "department_id": cls.dep_services.id, "company_id": cls.company.id})
        cls.accountant = new_test_user(cls.env, "sec_accountant", groups=f"{GROUP}finance_accountant", **users)

    def _request(self, amount=100_000):
        return self.env["municipality.budget.commitment"].with_user(self.clerk).create({
            "budget_line_id": self.goods.id, "amount": amount, "purpose": "خرید آزمون", "date": "2026-05-01",
            "company_id": self.company.id})

    def test_commitment_workflow_fields(self):
        commitment = self._request()
        as_clerk = commitment.with_user(self.clerk)
        for vals in ({"state": "approved"}, {"approved_by_id": self.director.id},
                     {"approval_date": "2026-05-02"}, {"payable_until": "2027-05-05"}):
            with self.assertRaises(UserError), self.cr.savepoint():
                as_clerk.write(vals)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["municipality.budget.commitment"].with_user(self.clerk).create({
                "budget_line_id": self.goods.id, "amount": 100_000, "purpose": "x", "company_id": self.company.id,
                "state": "approved"})
        self.assertEqual((commitment.state, commitment.approved_by_id, commitment.payable_until),
                         ("draft", self.env["res.users"], False))
        with self.assertRaises(UserError), self.cr.savepoint():
            as_clerk.action_approve()  # not the director
        commitment.with_user(self.director).action_approve()
        self.assertEqual((commitment.state, commitment.approved_by_id), ("approved", self.director))
        with self.assertRaises(UserError), self.cr.savepoint():
            commitment.with_user(self.accountant).write({"payable_until": "2027-05-05"})
        self.assertFalse(commitment.payable_until)
        as_clerk.action_cancel()
        self.assertEqual(commitment.state, "cancelled")
        as_clerk.action_draft()
        self.assertEqual(commitment.state, "draft")

    def test_budget_state_and_approved_amounts(self):
        budget = self.budget.with_user(self.accountant)
        for vals in ({"state": "draft"}, {"state": "closed"}, {"approved_by_id": self.accountant.id}):
            with self.assertRaises(UserError), self.cr.savepoint():
                budget.write(vals)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.goods.with_user(self.accountant).amount_approved = 9_000_000
        for vals in ({"resolution_number": "۱۴۰۴/۹۹۹"}, {"resolution_date": "2026-03-01"}):
            with self.assertRaises(UserError), self.cr.savepoint():
                budget.write(vals)
        self.assertEqual((self.budget.state, self.budget.approved_by_id, self.goods.amount_approved,
                          self.budget.resolution_number), ("approved", self.director, 1_000_000, "۱۴۰۴/۲۱۷"))
        year = self.env["municipality.fiscal.year"].create({"jalali_year": 1406, "company_id": self.company.id})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["municipality.budget"].with_user(self.accountant).create({
                "name": "بودجه ۱۴۰۶", "fiscal_year_id": year.id, "company_id": self.company.id, "state": "approved"})
        draft = self.env["municipality.budget"].with_user(self.accountant).create({
            "name": "بودجه ۱۴۰۶", "fiscal_year_id": year.id, "company_id": self.company.id,
            "resolution_number": "۱", "resolution_date": "2027-02-25",
            "line_ids": [(0, 0, {"code": "1", "name": "هزینه", "amount_approved": 10})]})
        with self.assertRaises(UserError), self.cr.savepoint():
            draft.with_user(self.accountant).action_approve()
        draft.with_user(self.director).action_approve()
        self.assertEqual(draft.state, "approved")

    def test_amendment_and_transfer_states(self):
        amendment = self.env["municipality.budget.amendment"].with_user(self.accountant).create({
            "budget_id": self.budget.id, "company_id": self.company.id, "reason": "متمم",
            "line_ids": [(0, 0, {"budget_line_id": self.goods.id, "amount": 200_000})]})
        transfer = self.env["municipality.budget.transfer"].with_user(self.accountant).create({
            "budget_id": self.budget.id, "company_id": self.company.id, "reason": "جابه‌جایی",
            "from_line_id": self.capital.id, "to_line_id": self.goods.id, "amount": 300_000})
        for document in (amendment, transfer):
            for vals in ({"state": "approved"}, {"approved_by_id": self.accountant.id}):
                with self.assertRaises(UserError), self.cr.savepoint():
                    document.with_user(self.accountant).write(vals)
            self.assertEqual(document.state, "draft")
        self.assertEqual(self._amounts(self.goods)[1], 1_000_000)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["municipality.budget.transfer"].with_user(self.accountant).create({
                "budget_id": self.budget.id, "company_id": self.company.id, "reason": "x", "state": "approved",
                "from_line_id": self.capital.id, "to_line_id": self.goods.id, "amount": 300_000})
        amendment.with_user(self.director).action_approve()
        transfer.with_user(self.director).action_approve()
        self.assertEqual(self._amounts(self.goods)[1], 1_500_000)
        for document in (amendment, transfer):
            with self.assertRaises(UserError), self.cr.savepoint():
                document.with_user(self.accountant).write({"state": "draft"})
            self.assertEqual(document.state, "approved")
        with self.assertRaises(UserError), self.cr.savepoint():
            transfer.with_user(self.accountant).amount = 1
        with self.assertRaises(UserError), self.cr.savepoint():
            amendment.line_ids.with_user(self.accountant).amount = 900_000
        self.assertEqual(self._amounts(self.goods)[1], 1_500_000)

    def test_fiscal_year_state_and_periods(self):
        year = self.year.with_user(self.accountant)
        with self.assertRaises(UserError), self.cr.savepoint():
            year.state = "closed"
        with self.assertRaises(UserError), self.cr.savepoint():
            year.lock_date_before_closing = "2026-01-01"
        self.assertEqual(self.year.state, "open")
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["municipality.fiscal.year"].with_user(self.accountant).create(
                {"jalali_year": 1407, "company_id": self.company.id, "state": "closed"})
        created = self.env["municipality.fiscal.year"].with_user(self.accountant).create(
            {"jalali_year": 1406, "company_id": self.company.id})
        self.assertEqual(len(created.period_ids), 12)
        with self.assertRaises(AccessError), self.cr.savepoint():
            created.period_ids[:1].with_user(self.accountant).unlink()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["municipality.fiscal.period"].with_user(self.accountant).create(
                {"fiscal_year_id": self.year.id, "jalali_month": 1})
        self.assertEqual(len(created.period_ids), 12)

    def test_budget_fields_of_posted_items(self):
        commitment = self._commitment(self.goods, 400_000)
        bill = self._bill(self.account["802001"], 400_000, commitment=commitment)
        item = bill.invoice_line_ids
        self.assertEqual((item.budget_line_id, commitment.state), (self.goods, "done"))
        other = self._commitment(self.goods, 100_000)
        for vals in ({"budget_line_id": self.maintenance.id}, {"budget_commitment_id": other.id},
                     {"budget_commitment_id": False}):
            with self.assertRaises(UserError), self.cr.savepoint():
                item.with_user(self.accountant).write(vals)
        self.assertEqual((item.budget_line_id, item.budget_commitment_id), (self.goods, commitment))
        self.assertFalse(item._fields["budget_line_id"].copy or item._fields["budget_commitment_id"].copy)
        # Reset to draft, the accountant may change them; posting checks them again.
        bill.with_user(self.accountant).button_draft()
        item.with_user(self.accountant).budget_commitment_id = other
        self.assertEqual(item.budget_commitment_id, other)

    def test_reversal_in_the_same_year_keeps_the_commitment(self):
        commitment = self._commitment(self.goods, 400_000)
        bill = self._bill(self.account["802001"], 400_000, commitment=commitment)
        self.assertEqual(commitment.state, "done")
        refund = bill._reverse_moves([{"date": "2026-07-01", "invoice_date": "2026-07-01"}])
        refund.action_post()
        self.assertEqual(refund.invoice_line_ids.budget_commitment_id, commitment)
        self.assertEqual(commitment.state, "approved")


@tagged("post_install", "-at_install")
class TestTreasuryWorkflowSecurity(TreasuryCase):

    def _order(self, **values):
        return self.env["municipality.payment.order"].with_user(self.accountant).create({
            "partner_id": self.contractor.id, "partner_bank_id": self.contractor_sheba.id, "amount": 1_250_000,
            "journal_id": self.bank_journal.id, "purpose": "لکه‌گیری آسفالت", "date": self.day,
            "company_id": self.company.id, **values})

    def _sign(self, order):
        order.with_user(self.director).action_sign_director()
        order.with_user(self.mayor).action_sign_mayor()

    def test_payment_order_cannot_skip_signatures(self):
        order = self._order()
        as_accountant = order.with_user(self.accountant)
        as_accountant.action_submit()
        for vals in ({"state": "approved"}, {"director_signer_id": self.director.id},
                     {"mayor_signer_id": self.mayor.id, "mayor_signed_on": "2026-05-10 10:00:00"},
                     {"partner_sheba_number": "IR062960000000100324200001"}):
            with self.assertRaises(UserError), self.cr.savepoint():
                as_accountant.write(vals)
        with self.assertRaises(UserError), self.cr.savepoint():
            as_accountant.action_pay()
        self.assertEqual(order.state, "submitted")
        self.assertFalse(order.director_signer_id or order.mayor_signer_id or order.payment_id)
        with self.assertRaises(UserError), self.cr.savepoint():
            self._order(state="approved")
        with self.assertRaises(UserError), self.cr.savepoint():
            order.with_user(self.mayor).action_cancel()  # the mayor only reads orders
        self.assertEqual(order.state, "submitted")
        self._sign(order)
        # Signed by both, but the signatures cleared behind the order's back: not paid.
        order.sudo().write({"mayor_signer_id": False})
        with self.assertRaises(UserError), self.cr.savepoint():
            as_accountant.action_pay()
        order.sudo().write({"mayor_signer_id": self.mayor.id})
        as_accountant.action_pay()
        self.assertEqual(order.state, "paid")
        self.assertTrue(order.payment_id)

    def test_cheque_details_frozen_after_submission(self):
        order = self._order(payment_method="cheque", cheque_sayad_number="1234567890123456",
                            cheque_serial_number="100", cheque_due_date=self.day)
        order.with_user(self.accountant).action_submit()
        for vals in ({"cheque_sayad_number": "6543210987654321"}, {"cheque_serial_number": "200"},
                     {"cheque_due_date": "2027-01-01"}):
            with self.assertRaises(UserError), self.cr.savepoint():
                order.with_user(self.accountant).write(vals)
        self.assertEqual((order.cheque_sayad_number, order.cheque_serial_number, order.cheque_due_date),
                         ("1234567890123456", "100", self.day))

    def test_sheba_changed_after_signing(self):
        order = self._order()
        order.with_user(self.accountant).action_submit()
        self.assertEqual(order.partner_sheba_number, "IR820540102680020817909002")
        self._sign(order)
        self.contractor_sheba.acc_number = "IR062960000000100324200001"
        with self.assertRaises(UserError), self.cr.savepoint():
            order.with_user(self.accountant).action_pay()
        self.assertEqual(order.state, "approved")
        self.assertFalse(order.payment_id)
        order.with_user(self.accountant).action_draft()
        self.assertFalse(order.partner_sheba_number)
        self.assertFalse(self.contractor_sheba.allow_out_payment, "a changed number is trusted again")
        self.contractor_sheba.with_user(self.director).allow_out_payment = True
        order.with_user(self.accountant).action_submit()
        self._sign(order)
        order.with_user(self.accountant).action_pay()
        self.assertEqual(order.state, "paid")

    def test_bill_on_one_order_and_still_owed(self):
        bill = self._invoice(self.contractor, 1_250_000, "in_invoice")
        order = self._order(bill_ids=[(6, 0, bill.ids)])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._order(bill_ids=[(6, 0, bill.ids)])
        order.with_user(self.accountant).action_submit()
        self._sign(order)
        # The bill is paid in part meanwhile, by another path: the order would pay it twice.
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=bill.ids).create(
            {"amount": 500_000, "payment_date": self.day})._create_payments()
        with self.assertRaises(UserError), self.cr.savepoint():
            order.with_user(self.accountant).action_pay()
        self.assertEqual(order.state, "approved")
        order.with_user(self.accountant).action_cancel()
        second = self._order(bill_ids=[(6, 0, bill.ids)], amount=750_000)
        second.with_user(self.accountant).action_submit()
        self._sign(second)
        second.with_user(self.accountant).action_pay()
        self.assertEqual(second.state, "paid")
        self.assertTrue(bill.currency_id.is_zero(bill.amount_residual))

    def test_cheque_state_only_by_buttons(self):
        cheque = self._cheque(user=self.clerk)
        cheque.action_receive()
        for vals in ({"state": "cleared"}, {"cleared_date": self.day}, {"move_ids": [(5, 0, 0)]}):
            with self.assertRaises(UserError), self.cr.savepoint():
                cheque.write(vals)
        with self.assertRaises(UserError), self.cr.savepoint():
            cheque.action_clear()
        self.assertEqual((cheque.state, len(cheque.move_ids)), ("in_hand", 1))
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["municipality.cheque"].with_user(self.clerk).create({
                "direction": "received", "sayad_number": "6543210987654321", "partner_id": self.citizen.id,
                "amount": 10, "date": self.day, "due_date": self.day, "journal_id": self.bank_journal.id,
                "company_id": self.company.id, "state": "cleared"})
        cheque.with_user(self.accountant).action_deposit()
        cheque.with_user(self.accountant).action_clear()
        self.assertEqual(cheque.state, "cleared")


@tagged("post_install", "-at_install")
class TestTollWorkflowSecurity(TollsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.clerk = new_test_user(cls.env, "sec_toll_clerk", groups=f"{GROUP}finance_clerk", **users)
        cls.accountant = new_test_user(cls.env, "sec_toll_accountant", groups=f"{GROUP}finance_accountant", **users)
        cls.employee = new_test_user(cls.env, "sec_toll_employee", groups="base.group_user,base.group_partner_manager",
                                     **users)

    def _clerk_assessment(self):
        return self.Assessment.with_user(self.clerk).create_assessment(
            self.citizen.with_user(self.clerk), self.renovation.with_user(self.clerk), {"value": 1_000_000_000},
            date=self.day_1405)

    def test_confirmed_assessment_workflow_fields(self):
        assessment = self._clerk_assessment()
        invoice, payment_id = assessment.invoice_id, assessment.payment_id
        other_invoice = self._assess().invoice_id
        for vals in ({"invoice_id": other_invoice.id}, {"invoice_id": False}, {"payment_id": "1234"},
                     {"cancelled": True}, {"paid_hook_done": True}, {"is_paid": True}, {"state": "paid"},
                     {"origin_model": "res.partner", "origin_id": self.citizen.id}, {"name": "X"}):
            with self.assertRaises(UserError), self.cr.savepoint():
                assessment.write(vals)
        self.assertEqual((assessment.state, assessment.invoice_id, assessment.payment_id, assessment.is_paid),
                         ("confirmed", invoice, payment_id, False))
        draft = self.Assessment.with_user(self.clerk).create(
            {"partner_id": self.citizen.id, "toll_type_id": self.renovation.id, "date": self.day_1405})
        with self.assertRaises(UserError), self.cr.savepoint():
            draft.write({"invoice_id": other_invoice.id})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.Assessment.with_user(self.clerk).create(
                {"partner_id": self.citizen.id, "toll_type_id": self.renovation.id, "invoice_id": other_invoice.id})
        draft.input_ids.value_number = 2_000_000_000
        draft.with_user(self.clerk).action_confirm()
        self.assertEqual(draft.state, "confirmed")
        self.assertTrue(draft.payment_id)
        # the inputs of a confirmed assessment are those of its invoice
        with self.assertRaises(UserError), self.cr.savepoint():
            draft.input_ids.with_user(self.clerk).value_number = 1
        with self.assertRaises(UserError), self.cr.savepoint():
            draft.input_ids.with_user(self.clerk).unlink()
        self.assertEqual(draft.input_ids.value_number, 2_000_000_000)

    def test_only_accountants_cancel(self):
        assessment = self._clerk_assessment()
        with self.assertRaises(UserError), self.cr.savepoint():
            assessment.action_cancel()
        self.assertEqual((assessment.state, assessment.invoice_id.state), ("confirmed", "posted"))
        assessment.with_user(self.accountant).action_cancel()
        self.assertEqual((assessment.state, assessment.invoice_id.state), ("cancelled", "cancel"))

    def test_other_employees_do_not_read_assessments(self):
        assessment = self._clerk_assessment()
        with self.assertRaises(AccessError), self.cr.savepoint():
            assessment.with_user(self.employee).read(["national_id"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Assessment.with_user(self.employee).search([])
        # Another unit's user assesses the toll of a record they handle...
        origin = self.env["res.partner"].with_user(self.employee).create({"name": "پرونده نوسازی ۷"})
        created = self.Assessment.with_user(self.employee).create_assessment(
            self.citizen, "RENOV", {"value": 1_000_000_000}, date=self.day_1405, origin=origin)
        self.assertEqual(created.env.uid, self.employee.id)
        self.assertFalse(created.env.su)
        self.assertEqual((created.sudo().state, created.sudo().origin_id, created.sudo().create_uid),
                         ("confirmed", origin.id, self.employee))
        # ... but not without one, nor for a record they may not change.
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Assessment.with_user(self.employee).create_assessment(
                self.citizen, "RENOV", {"value": 1_000_000_000}, date=self.day_1405)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Assessment.with_user(self.employee).create_assessment(
                self.citizen, "RENOV", {"value": 1_000_000_000}, date=self.day_1405,
                origin=self.env.ref("base.user_admin").with_user(self.employee))


@tagged("post_install", "-at_install")
class TestWorkflowSelectionLabels(TreasuryCase):

    def test_selection_labels_of_a_workflow_document(self):
        """One helper (municipality.workflow.mixin) instead of dict(_description_selection()) everywhere."""
        labels = self.env["municipality.cheque"]._selection_labels("state")
        self.assertEqual((labels["cleared"], labels["bounced"]), ("Cleared", "Bounced"))
        self.assertEqual(self.env["municipality.payment.order"]._selection_labels("payment_method")["cheque"], "Cheque")
        cheque = self._cheque()
        cheque.action_receive(self.day)
        with self.assertRaisesRegex(UserError, "In Hand.*Cleared"):
            cheque.with_user(self.accountant).action_clear(self.day)
