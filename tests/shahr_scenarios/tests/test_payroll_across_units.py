"""A month's pay, across units, entered once.

The council's budget for 1404 has a personnel line per department; a
citizen already in the register is hired (one partner, not a second
record); the HR officer issues the decrees; the payroll officer computes
the month, the finance director approves it and the payroll officer posts
it: one journal entry, whose expenses land on each department's personnel
line, so the budget's actuals show the payroll. The net pay goes out by a
payment order that the finance director and the mayor co-sign and an
accountant pays to a Sheba another accountant trusted: the run is paid and
the salaries payable of its entry is cleared.
"""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.identifiers import national_id_from_serial
from odoo.addons.municipality_finance.tests.common import create_municipality

FARVARDIN_1404 = date(2025, 3, 21)
DECREE = {"BASE": 103_909_680, "SENIORITY": 2_820_000, "HOUSING": 9_000_000, "GROCERY": 22_000_000}


@tagged("post_install", "-at_install")
class TestPayrollAcrossUnits(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری سناریوی حقوق")
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.hr_officer = new_test_user(cls.env, "scn_hr_officer", groups="municipality_hr.group_hr_officer", **users)
        cls.payroll_officer = new_test_user(
            cls.env, "scn_payroll", groups="municipality_hr.group_payroll_officer", **users)
        cls.director = new_test_user(
            cls.env, "scn_director", groups="municipality_finance.group_finance_director", **users)
        cls.accountant = new_test_user(
            cls.env, "scn_accountant", groups="municipality_finance.group_finance_accountant", **users)
        cls.second_accountant = new_test_user(
            cls.env, "scn_accountant2", groups="municipality_finance.group_finance_accountant", **users)
        cls.mayor = new_test_user(cls.env, "scn_mayor", groups="municipality_finance.group_municipality_mayor", **users)
        cls.services = cls.env["hr.department"].create({"name": "معاونت خدمات شهری", "company_id": cls.company.id})
        cls.parks = cls.env["hr.department"].create({"name": "سازمان پارک‌ها", "company_id": cls.company.id})
        # the council's budget: a personnel line per department
        year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": cls.company.id})
        chart = cls.env["account.chart.template"].with_company(cls.company)
        personnel = chart.ref("irm_salaries") | chart.ref("irm_allowances") | chart.ref("irm_employer_insurance")
        cls.budget = cls.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۴", "fiscal_year_id": year.id, "company_id": cls.company.id,
            "resolution_number": "1403/120", "resolution_date": "2025-02-20",
            "line_ids": [
                (0, 0, {"code": "21010", "name": "حقوق کارکنان خدمات شهری", "department_id": cls.services.id,
                        "account_ids": [(6, 0, personnel.ids)], "amount_approved": 3_000_000_000}),
                (0, 0, {"code": "21020", "name": "حقوق کارکنان پارک‌ها", "department_id": cls.parks.id,
                        "account_ids": [(6, 0, personnel.ids)], "amount_approved": 3_000_000_000}),
            ]})
        cls.budget.with_user(cls.director).action_approve()
        cls.services_line, cls.parks_line = cls.budget.line_ids.sorted("code")
        # a citizen the register already knows (the 137 desk or the revenue office entered her)
        cls.citizen = cls.env["res.partner"].create(
            {"name": "زهرا احمدی", "national_id": national_id_from_serial(73, 1)})
        cls.sso = cls.env.ref("municipality_hr.insurer_social_security")
        cls.workshop = cls.env["municipality.hr.workshop"].create({
            "name": "کارگاه مرکزی", "code": "7300000001", "insurer_id": cls.sso.id, "company_id": cls.company.id})

    def hire(self, partner, department, personnel_number):
        return self.env["hr.employee"].with_user(self.hr_officer).create({
            "name": partner.name, "company_id": self.company.id, "work_contact_id": partner.id,
            "personnel_number": personnel_number, "department_id": department.id, "insurer_id": self.sso.id,
            "workshop_id": self.workshop.id, "date_version": FARVARDIN_1404})

    def issue_decree(self, employee, amounts):
        Item = self.env["municipality.pay.item"]
        decree = self.env["municipality.hr.decree"].with_user(self.hr_officer).create({
            "employee_id": employee.id, "company_id": self.company.id, "execution_date": FARVARDIN_1404,
            "issue_date": FARVARDIN_1404, "decree_type": "hiring", "department_id": employee.department_id.id,
            "line_ids": [(0, 0, {"pay_item_id": Item.search([("code", "=", code)], limit=1).id, "amount": amount})
                         for code, amount in amounts.items()]})
        decree.action_approve()
        return decree

    def test_decrees_to_a_paid_month_on_the_budget(self):
        clerk = self.hire(self.citizen, self.services, "P0001")
        self.assertEqual(clerk.work_contact_id, self.citizen, "the citizen is the employee's contact: one person")
        self.assertEqual(self.env["res.partner"].search_count([("national_id", "=", self.citizen.national_id)]), 1)
        gardener_partner = self.env["res.partner"].create(
            {"name": "علی رضایی", "national_id": national_id_from_serial(73, 2)})
        gardener = self.hire(gardener_partner, self.parks, "P0002")
        clerk_decree = self.issue_decree(clerk, DECREE)
        self.issue_decree(gardener, {"BASE": 103_909_680, "CHILD": 10_390_968})
        self.assertEqual(clerk_decree.state, "approved")
        self.assertEqual(clerk.sudo().version_id.decree_id, clerk_decree, "the decree is the employee's version")

        # the payroll officer computes Farvardin 1404; the finance director approves; the payroll officer posts
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "1", "company_id": self.company.id})
        run.action_compute()
        self.assertEqual(run.payslip_ids.employee_id, clerk | gardener)
        with self.assertRaises(UserError):
            run.action_post()  # not approved yet
        run.with_user(self.director).action_approve()
        run.action_post()
        move = run.move_id
        self.assertEqual((run.state, move.state, len(move)), ("posted", "posted", 1))
        self.assertEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")))

        # the budget's actuals show the payroll, per department
        for employee, line in ((clerk, self.services_line), (gardener, self.parks_line)):
            slip = run.payslip_ids.filtered(lambda s, e=employee: s.employee_id == e)
            line.invalidate_recordset()
            self.assertEqual(line.amount_actual, slip.gross + slip.insurance_employer + slip.insurance_unemployment)
            self.assertEqual(line.amount_available, line.amount_final - line.amount_committed - line.amount_actual)

        # the net pay: Shebas set by one accountant and trusted by another; a payment order co-signed and paid
        Bank = self.env["res.partner.bank"]
        accounts = Bank.with_user(self.accountant).create([
            {"partner_id": self.citizen.id, "acc_number": "IR820540102680020817909002"},
            {"partner_id": gardener_partner.id, "acc_number": "IR062960000000100324200001"},
            {"partner_id": self.company.partner_id.id, "acc_number": "IR580540105180021273113007"},
        ])
        with self.assertRaises(UserError):
            accounts.with_user(self.accountant).write({"allow_out_payment": True})  # not by the one who set them
        accounts.with_user(self.second_accountant).write({"allow_out_payment": True})
        clerk.sudo().bank_account_ids = accounts[0]
        gardener.sudo().bank_account_ids = accounts[1]
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1)
        run.write({"payment_journal_id": journal.id, "payment_bank_account_id": accounts[2].id})
        run.with_user(self.payroll_officer).action_create_payment_order()
        order = run.payment_order_id
        self.assertEqual(order.amount, run.net)
        order.with_user(self.accountant).action_submit()
        with self.assertRaises(UserError):
            order.with_user(self.accountant).action_pay()  # not signed
        order.with_user(self.director).action_sign_director()
        order.with_user(self.mayor).action_sign_mayor()
        order.with_user(self.accountant).action_pay()
        self.assertEqual((order.state, run.state), ("paid", "paid"))

        # the salaries payable of the run's entry is cleared by the payment, and the budget is consumed once
        payable = self.env["account.chart.template"].with_company(self.company).ref("irm_salaries_payable")
        net_line = move.sudo().line_ids.filtered(lambda line: line.account_id == payable and line.credit == run.net)
        self.assertTrue(net_line.reconciled)
        self.assertEqual(net_line.matched_debit_ids.debit_move_id.move_id, order.sudo().payment_id.move_id)
        balance = sum(self.env["account.move.line"].search(
            [("account_id", "=", payable.id), ("parent_state", "=", "posted"),
             ("company_id", "=", self.company.id)]).mapped("balance"))
        self.assertEqual(balance, 0, "nothing is owed to the employees once the month is paid")
        self.services_line.invalidate_recordset()
        clerk_slip = run.payslip_ids.filtered(lambda s: s.employee_id == clerk)
        self.assertEqual(self.services_line.amount_actual,
                         clerk_slip.gross + clerk_slip.insurance_employer + clerk_slip.insurance_unemployment)

    def test_labels_in_the_municipalitys_language_whoever_posts(self):
        """The run's name and its entry's labels are stored in the municipality's language (Persian), though the
        payroll officer works in English."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["municipality_hr"], ["fa_IR"])
        self.company.partner_id.lang = "fa_IR"
        self.payroll_officer.lang = "en_US"
        clerk = self.hire(self.citizen, self.services, "P0001")
        self.issue_decree(clerk, DECREE)
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).with_context(lang="en_US").create(
            {"jalali_year": 1404, "jalali_month": "1", "company_id": self.company.id})
        self.assertEqual(run.name, "حقوق ماهانه ۱۴۰۴/۰۱")
        run.action_compute()
        run.with_user(self.director).action_approve()
        run.action_post()
        labels = run.sudo().move_id.line_ids.mapped("name")
        self.assertIn("حقوق ماهانه ۱۴۰۴/۰۱ - خالص حقوق", labels)
        self.assertIn(f"حقوق ماهانه ۱۴۰۴/۰۱ - حقوق پایه - {self.services.name}", labels)
        self.assertFalse([label for label in labels if "Payroll" in label or "Net pay" in label or "Salary" in label])
