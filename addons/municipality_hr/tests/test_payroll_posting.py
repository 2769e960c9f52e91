from datetime import date

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DECREE_1404, MunicipalityHrCase

DECREE = DECREE_1404


@tagged("post_install", "-at_install")
class TestPayrollPosting(MunicipalityHrCase):
    """Posting a run: one balanced entry that consumes each department's personnel budget line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parks = cls.env["hr.department"].create({"name": "Parks", "company_id": cls.company.id})
        cls.year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": cls.company.id})
        accounts = cls.env["account.account"].search([("company_ids", "in", cls.company.id)])
        personnel = accounts.filtered(lambda a: a.code in ("801001", "801002", "801003"))
        cls.budget = cls.env["municipality.budget"].create({
            "name": "Budget 1404", "fiscal_year_id": cls.year.id, "company_id": cls.company.id,
            "resolution_number": "1403/99", "resolution_date": "2025-02-20",
            "line_ids": [
                (0, 0, {"code": "21010", "name": "Personnel of urban services", "department_id": cls.department.id,
                        "account_ids": [(6, 0, personnel.ids)], "amount_approved": 2_000_000_000}),
                (0, 0, {"code": "21020", "name": "Personnel of parks", "department_id": cls.parks.id,
                        "account_ids": [(6, 0, personnel.ids)], "amount_approved": 200_000_000}),
            ]})
        cls.budget.with_user(cls.director).action_approve()
        cls.services_line, cls.parks_line = cls.budget.line_ids.sorted("code")
        cls.clerk = cls.create_employee("Services Clerk")
        cls.create_decree(cls.clerk, date(2025, 3, 21), DECREE)
        cls.gardener = cls.create_employee("Gardener", department_id=cls.parks.id)
        cls.create_decree(cls.gardener, date(2025, 3, 21), {"BASE": 103_909_680, "CHILD": 10_390_968})

    def run_month(self, month, post=True, **values):
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            dict({"jalali_year": 1404, "jalali_month": str(month), "company_id": self.company.id}, **values))
        run.action_compute()
        run.with_user(self.director).action_approve()
        if post:
            run.action_post()
        return run

    def test_one_balanced_entry_consumes_each_departments_budget(self):
        run = self.run_month(1)
        move = run.move_id
        self.assertEqual((run.state, move.state, move.date), ("posted", "posted", date(2025, 4, 20)))
        self.assertEqual(len(run.move_id), 1)
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")))
        clerk, gardener = (run.payslip_ids.filtered(lambda s, e=e: s.employee_id == e) for e in (self.clerk, self.gardener))
        expense = {line: sum(move.line_ids.filtered(lambda l, line=line: l.budget_line_id == line).mapped("debit"))
                   for line in (self.services_line, self.parks_line)}
        self.assertEqual(expense[self.services_line], clerk.gross + clerk.insurance_employer + clerk.insurance_unemployment)
        self.assertEqual(expense[self.parks_line],
                         gardener.gross + gardener.insurance_employer + gardener.insurance_unemployment)
        self.services_line.invalidate_recordset()
        self.assertEqual(self.services_line.amount_actual, expense[self.services_line])
        credits = {line.account_id.code: line.credit for line in move.line_ids if line.credit}
        self.assertEqual(credits["303001"], run.net)
        self.assertEqual(credits["303002"], run.insurance_employee + run.insurance_employer + run.insurance_unemployment)
        self.assertNotIn("303003", credits, "no wage tax under the exemption")
        # a posted month takes no second run
        with self.assertRaisesRegex(UserError, "already posted"):
            self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
                {"jalali_year": 1404, "jalali_month": "1", "company_id": self.company.id,
                 "department_id": self.parks.id})

    def test_short_budget_refused_and_nothing_written(self):
        run = self.run_month(1, post=False)
        run.payslip_ids  # noqa: B018 (loaded)
        self.parks_line.invalidate_recordset()
        # two months of the gardener fit in 200,000,000 rials, not three
        self.run_month(2, department_id=self.parks.id)
        self.run_month(3, post=False, department_id=self.parks.id)
        third = self.env["municipality.payroll.run"].search([("period", "=", "1404/03"), ("company_id", "=", self.company.id)])
        moves_before = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        with self.assertRaisesRegex(UserError, "21020"):
            third.action_post()
        self.assertEqual(third.state, "approved")
        self.assertFalse(third.move_id)
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves_before)
        with self.assertRaisesRegex(UserError, "approved"):
            third.with_user(self.payroll_officer).action_compute()

    def test_retroactive_decree_pays_arrears_in_the_next_payroll(self):
        self.run_month(1, department_id=self.department.id)
        self.run_month(2, department_id=self.department.id)
        raise_decree = self.create_decree(
            self.clerk, date(2025, 3, 21), dict(DECREE, BASE=113_909_680), decree_type="corrective",
            issue_date=date(2025, 5, 25))
        self.assertTrue(raise_decree.arrears_pending)
        self.assertEqual(raise_decree.version_id.decree_id, raise_decree)
        third = self.run_month(3, post=False, department_id=self.department.id)
        slip = third.payslip_ids
        arrears = slip.line_ids.filtered("is_arrears")
        self.assertEqual(sum(arrears.mapped("amount")), 2 * 10_000_000, "two months of 10,000,000 more")
        self.assertEqual(slip.arrears, 20_000_000)
        self.assertEqual(slip.gross, 113_909_680 + 2_820_000 + 9_000_000 + 22_000_000 + 20_000_000)
        # the decrees those months used are locked
        self.assertTrue(self.env["municipality.hr.decree"].search(
            [("employee_id", "=", self.clerk.id), ("state", "=", "superseded")]).used_by_payroll)
        third.action_post()
        self.assertFalse(raise_decree.arrears_pending)

    def test_payment_order_and_bank_transfer_file(self):
        run = self.run_month(1)
        accountant = new_test_user(self.env, "hr_post_accountant", groups="municipality_finance.group_finance_accountant",
                                   company_id=self.company.id, company_ids=[self.company.id])
        mayor = new_test_user(self.env, "hr_post_mayor", groups="municipality_finance.group_municipality_mayor",
                              company_id=self.company.id, company_ids=[self.company.id])
        Bank = self.env["res.partner.bank"].sudo()
        clerk_account = Bank.create({"partner_id": self.clerk.work_contact_id.id,
                                     "acc_number": "IR820540102680020817909002", "allow_out_payment": True})
        self.clerk.bank_account_ids = clerk_account
        gardener_account = Bank.create({"partner_id": self.gardener.work_contact_id.id,
                                        "acc_number": "IR062960000000100324200001"})
        self.gardener.bank_account_ids = gardener_account
        with self.assertRaisesRegex(UserError, "Gardener"):
            run.with_user(self.payroll_officer).action_bank_transfer_file()
        gardener_account.allow_out_payment = True
        action = run.with_user(self.payroll_officer).action_bank_transfer_file()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        rows = attachment.raw.decode().splitlines()
        self.assertEqual(rows[0], "row,sheba,amount,national_id,name")
        self.assertEqual(sum(int(row.split(",")[2]) for row in rows[1:]), run.net)
        self.assertIn("IR820540102680020817909002", attachment.raw.decode())
        with self.assertRaises(UserError):
            self.run_month(2, post=False).action_create_payment_order()
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1)
        own = Bank.create({"partner_id": self.company.partner_id.id, "acc_number": "IR580540105180021273113007",
                           "allow_out_payment": True})
        with self.assertRaisesRegex(UserError, "bank journal"):
            run.with_user(self.payroll_officer).action_create_payment_order()
        run.write({"payment_journal_id": journal.id, "payment_bank_account_id": own.id})
        run.with_user(self.payroll_officer).action_create_payment_order()
        order = run.payment_order_id
        self.assertEqual((order.amount, order.state), (run.net, "draft"))
        order.with_user(accountant).action_submit()
        order.with_user(self.director).action_sign_director()
        order.with_user(mayor).action_sign_mayor()
        order.with_user(accountant).action_pay()
        self.assertEqual((order.state, run.state), ("paid", "paid"))
