from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_budget import BudgetCase


@tagged("post_install", "-at_install")
class TestBudget(BudgetCase):

    def test_amounts_through_amend_transfer_commit_and_bill(self):
        line = self.goods
        self.assertEqual(self._amounts(line), (1_000_000, 1_000_000, 0, 0, 1_000_000))
        amendment = self.env["municipality.budget.amendment"].create({
            "budget_id": self.budget.id, "company_id": self.company.id, "reason": "متمم",
            "line_ids": [(0, 0, {"budget_line_id": line.id, "amount": 300_000})]})
        self.assertEqual(self._amounts(line)[1], 1_000_000, "a draft amendment changes nothing")
        amendment.with_user(self.director).action_approve()
        self.assertTrue(amendment.name.startswith("1405/"))
        transfer = self.env["municipality.budget.transfer"].create({
            "budget_id": self.budget.id, "company_id": self.company.id, "reason": "جابه‌جایی",
            "from_line_id": line.id, "to_line_id": self.maintenance.id, "amount": 100_000})
        transfer.with_user(self.director).action_approve()
        self.assertEqual(self._amounts(line), (1_000_000, 1_200_000, 0, 0, 1_200_000))
        self.assertEqual(self._amounts(self.maintenance)[1], 600_000)
        self.assertEqual((line.amount_amendments, line.amount_transfers), (300_000, -100_000))
        commitment = self._commitment(line, 700_000)
        self.assertTrue(commitment.name.startswith("1405/تأ/"))
        self.assertEqual(self._amounts(line), (1_000_000, 1_200_000, 700_000, 0, 500_000))
        self._bill(self.account["802001"], 400_000, commitment=commitment)
        self.assertEqual(self._amounts(line), (1_000_000, 1_200_000, 300_000, 400_000, 500_000))
        self.assertEqual((commitment.amount_consumed, commitment.amount_remaining, commitment.state), (400_000, 300_000, "approved"))
        self._bill(self.account["802001"], 300_000, commitment=commitment)
        commitment.invalidate_recordset()
        self.assertEqual(commitment.state, "done")
        self.assertEqual(commitment.amount_remaining, 0)
        self.assertEqual(self._amounts(line), (1_000_000, 1_200_000, 0, 700_000, 500_000))
        # a fraction, as the list's percentage widget expects (it multiplies by 100 itself): 58.3 %, not 5,833 %
        self.assertAlmostEqual(line.execution_rate, 700_000 / 1_200_000)

    def test_amendments_and_transfers_are_numbered_by_their_own_date_and_company(self):
        """Like commitments and payment orders: the Jalali year of the document's date, the sequence of its company."""
        for code, prefix in (("municipality.budget.amendment", "متمم"), ("municipality.budget.transfer", "جا")):
            self.env["ir.sequence"].create({
                "name": f"{prefix} آزمون", "code": code, "company_id": self.company.id, "padding": 3,
                "prefix": f"%(range_jyear)s/{prefix}-آزمون/", "use_date_range": True,
                "date_range_calendar": "jalali"})
        other_company = self.env.ref("base.main_company")
        with freeze_time("2027-03-25 08:00:00"):  # 1406/01/05: created in 1406, dated in 1405
            amendment = self.env["municipality.budget.amendment"].with_company(other_company).create({
                "budget_id": self.budget.id, "company_id": self.company.id, "reason": "متمم", "date": "2026-06-01",
                "line_ids": [(0, 0, {"budget_line_id": self.goods.id, "amount": 1_000})]})
            transfer = self.env["municipality.budget.transfer"].with_company(other_company).create({
                "budget_id": self.budget.id, "company_id": self.company.id, "reason": "جابه‌جایی", "date": "2026-06-01",
                "from_line_id": self.goods.id, "to_line_id": self.maintenance.id, "amount": 1_000})
        self.assertEqual(amendment.name, "1405/متمم-آزمون/001")
        self.assertEqual(transfer.name, "1405/جا-آزمون/001")

    def test_revenue_lands_on_its_line(self):
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "general")], limit=1)
        cash = self.env["account.account"].search([("company_ids", "in", self.company.id), ("code", "=", "102001")])
        move = self.env["account.move"].create({"journal_id": journal.id, "date": "2026-04-10", "line_ids": [
            (0, 0, {"account_id": cash.id, "debit": 250_000}),
            (0, 0, {"account_id": self.account["601001"].id, "credit": 250_000})]})
        move.action_post()
        self.assertEqual(move.line_ids.filtered(lambda l: l.account_id == self.account["601001"]).budget_line_id, self.revenue_line)
        self.assertEqual(self._amounts(self.revenue_line)[3], 250_000)

    def test_approved_original_cannot_change(self):
        with self.assertRaisesRegex(UserError, "original figure"), self.cr.savepoint():
            self.goods.amount_approved = 2_000_000
        self.goods.amount_approved = 1_000_000  # the same figure is not a change
        with self.assertRaises(UserError), self.cr.savepoint():
            self.budget.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "amendment"), self.cr.savepoint():
            self.env["municipality.budget.line"].create({
                "budget_id": self.budget.id, "code": "99", "name": "جدید", "amount_approved": 10})
        new_line = self.env["municipality.budget.line"].create({"budget_id": self.budget.id, "code": "99", "name": "جدید"})
        self.assertEqual(new_line.amount_final, 0)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.budget.unlink()
        with self.assertRaises(UserError), self.cr.savepoint():
            self.budget.with_user(self.director).action_approve()
        self.assertEqual(self.goods.amount_approved, 1_000_000)

    def test_approval_needs_resolution_and_director(self):
        year = self.env["municipality.fiscal.year"].create({"jalali_year": 1406, "company_id": self.company.id})
        budget = self.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۶", "fiscal_year_id": year.id, "company_id": self.company.id,
            "line_ids": [(0, 0, {"code": "1", "name": "هزینه", "amount_approved": 10})]})
        with self.assertRaisesRegex(UserError, "resolution"), self.cr.savepoint():
            budget.with_user(self.director).action_approve()
        budget.write({"resolution_number": "۱", "resolution_date": "2027-02-01"})
        accountant = new_test_user(self.env, "bud_accountant", groups="municipality_finance.group_finance_accountant",
                                   company_id=self.company.id, company_ids=[self.company.id])
        with self.assertRaisesRegex(AccessError, "director"), self.cr.savepoint():
            budget.with_user(accountant).action_approve()
        self.assertEqual(budget.state, "draft")
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["municipality.budget.line"].create({"budget_id": budget.id, "code": "2", "name": "منفی", "amount_approved": -5})

    def test_bad_amendments_and_transfers(self):
        Amendment, Transfer = self.env["municipality.budget.amendment"], self.env["municipality.budget.transfer"]
        self._commitment(self.goods, 600_000)
        self._bill(self.account["802001"], 200_000, line=self.goods)
        # 800,000 consumed of 1,000,000: an amendment may cut at most 200,000.
        amendment = Amendment.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "کاهش",
                                      "line_ids": [(0, 0, {"budget_line_id": self.goods.id, "amount": -250_000})]})
        with self.assertRaisesRegex(UserError, "below"), self.cr.savepoint():
            amendment.with_user(self.director).action_approve()
        self.assertEqual(amendment.state, "draft")
        amendment.line_ids.amount = -200_000
        amendment.with_user(self.director).action_approve()
        self.assertEqual(self._amounts(self.goods)[4], 0)
        with self.assertRaises(UserError), self.cr.savepoint():
            amendment.line_ids.amount = -1
        with self.assertRaises(UserError), self.cr.savepoint():
            amendment.unlink()
        with self.assertRaisesRegex(ValidationError, "zero"), self.cr.savepoint():
            Amendment.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "صفر",
                              "line_ids": [(0, 0, {"budget_line_id": self.goods.id, "amount": 0})]})
        transfer = Transfer.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "انتقال",
                                    "from_line_id": self.maintenance.id, "to_line_id": self.goods.id, "amount": 500_001})
        with self.assertRaisesRegex(UserError, "available"), self.cr.savepoint():
            transfer.with_user(self.director).action_approve()
        self.assertEqual(transfer.state, "draft")
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Transfer.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "منفی",
                             "from_line_id": self.maintenance.id, "to_line_id": self.goods.id, "amount": -5})
        with self.assertRaisesRegex(ValidationError, "expense lines only"), self.cr.savepoint():
            Transfer.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "درآمد",
                             "from_line_id": self.revenue_line.id, "to_line_id": self.goods.id, "amount": 5})
        with self.assertRaisesRegex(ValidationError, "different lines"), self.cr.savepoint():
            Transfer.create({"budget_id": self.budget.id, "company_id": self.company.id, "reason": "همان",
                             "from_line_id": self.goods.id, "to_line_id": self.goods.id, "amount": 5})

    def test_year_end_closes_budget_and_carries_commitments(self):
        commitment = self._commitment(self.goods, 100_000)
        self.env["municipality.budget"]._close_for_fiscal_years(self.year)
        self.assertEqual(self.budget.state, "closed")
        self.assertEqual(commitment.state, "approved")
        self.assertEqual(str(commitment.payable_until), "2027-05-05")  # 15 Ordibehesht 1406
        # A bill of the next year may still consume it, on the old line.
        self._bill(self.account["802001"], 100_000, commitment=commitment, date="2027-04-20")
        commitment.invalidate_recordset()
        self.assertEqual(commitment.state, "done")
        other = self.env["municipality.budget.commitment"].search([("id", "=", commitment.id)])
        self.env["municipality.budget"]._reopen_for_fiscal_years(self.year)
        self.assertEqual((self.budget.state, other.payable_until), ("approved", False))
        self.company.budget_commitment_year_end = "lapse"
        lapsing = self._commitment(self.goods, 50_000)
        self.year._close_dependents()
        self.assertEqual((self.budget.state, lapsing.state), ("closed", "lapsed"))
        with self.assertRaisesRegex(UserError, "cannot be used"), self.cr.savepoint():
            self._bill(self.account["802001"], 10_000, commitment=lapsing, date="2027-04-20")
        self.year._reopen_dependents()
        self.assertEqual((self.budget.state, lapsing.state), ("approved", "approved"))

    def test_the_payable_until_date_must_be_a_jalali_date(self):
        self.company.write({"budget_commitment_payable_month": 3, "budget_commitment_payable_day": 31})
        self.assertEqual(str(self.company._budget_commitment_payable_until(1405)), "2027-06-21")  # 31 Khordad 1406
        for month, day in ((12, 30), (7, 31), (13, 1), (0, 5), (2, 0)):
            with self.subTest(month=month, day=day), self.assertRaises(ValidationError), self.cr.savepoint():
                self.company.write({"budget_commitment_payable_month": month, "budget_commitment_payable_day": day})
        self.assertEqual((self.company.budget_commitment_payable_month, self.company.budget_commitment_payable_day), (3, 31))
