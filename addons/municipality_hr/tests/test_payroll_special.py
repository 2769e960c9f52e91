from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DECREE_1404, MunicipalityHrCase
from .test_payroll_run import rial, tax_1404

MIN_DAILY_1404 = 3_463_656


@tagged("post_install", "-at_install")
class TestBonusAndSeverance(MunicipalityHrCase):
    """The year-end bonus (عیدی) and severance (سنوات) runs: computed by the tools' rules (DOMAIN.md §6),
    approved, posted as one entry consuming the personnel budget, and refused where they do not apply."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": cls.company.id})
        personnel = cls.env["account.account"].search([("company_ids", "in", cls.company.id)]).filtered(
            lambda a: a.code in ("801001", "801002", "801003"))
        budget = cls.env["municipality.budget"].create({
            "name": "Budget 1404", "fiscal_year_id": year.id, "company_id": cls.company.id,
            "resolution_number": "1403/98", "resolution_date": "2025-02-20",
            "line_ids": [(0, 0, {"code": "21010", "name": "Personnel", "department_id": cls.department.id,
                                 "account_ids": [(6, 0, personnel.ids)], "amount_approved": 5_000_000_000})]})
        budget.with_user(cls.director).action_approve()
        cls.budget_line = budget.line_ids
        # the worker of DOMAIN.md §6: base wage 106,729,680 a month, 3,557,656 a day
        cls.worker = cls.create_employee("Bonus Worker")
        cls.create_decree(cls.worker, date(2025, 3, 21), DECREE_1404)  # 1404/01/01
        cls.manager = cls.create_employee("Bonus Manager")
        cls.create_decree(cls.manager, date(2025, 3, 21), {"BASE": 300_000_000, "JOB": 100_000_000})
        cls.newcomer = cls.create_employee("Autumn Newcomer")
        cls.create_decree(cls.newcomer, date(2025, 9, 23), DECREE_1404)  # 1404/07/01

    def new_run(self, month, run_type, year=1404, **values):
        return self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(dict(
            {"jalali_year": year, "jalali_month": str(month), "company_id": self.company.id, "run_type": run_type},
            **values))

    def slip(self, run, employee):
        return run.payslip_ids.filtered(lambda slip: slip.employee_id == employee)

    def test_bonus_run_computed_posted_and_one_per_year(self):
        monthly = self.new_run(12, "regular")
        monthly.action_compute()
        run = self.new_run(12, "bonus")
        run.action_compute()
        self.assertEqual((run.state, run.period, len(run.payslip_ids)), ("computed", "1404/12", 3))
        worker = self.slip(run, self.worker)
        # 60 days of the last daily wage, a full year of 365 days (the tools' worked example)
        self.assertEqual((worker.gross, worker.tax, worker.net, worker.paid_days, worker.daily_wage),
                         (213_459_360, 0, 213_459_360, 365, 3_557_656))
        self.assertEqual((worker.insurance_employee, worker.insurance_employer), (0, 0), "the bonus is not insurable")
        # hired on 1 Mehr: 179 days of 365
        self.assertEqual(self.slip(run, self.newcomer).gross, 104_682_809)
        self.assertEqual(self.slip(run, self.newcomer).paid_days, 179)
        # 10,000,000 a day: capped at 90 days of the minimum wage; taxed above one month's exemption,
        # on top of the month's own taxable wage
        manager = self.slip(run, self.manager)
        self.assertEqual(manager.gross, 90 * MIN_DAILY_1404)
        self.assertEqual(manager.taxable, 90 * MIN_DAILY_1404 - 240_000_000)
        month_taxable = self.slip(monthly, self.manager).taxable
        self.assertEqual(manager.tax, tax_1404(month_taxable + manager.taxable) - tax_1404(month_taxable))
        self.assertGreater(manager.tax, 0)
        self.assertEqual(manager.net, manager.gross - manager.tax)
        codes = {line.pay_item_id.code: line.amount for line in manager.line_ids}
        self.assertEqual(codes, {"BONUS": manager.gross, "TAX": manager.tax})
        # recomputing gives the same
        before = run.payslip_ids.mapped(lambda slip: (slip.employee_id.id, slip.gross, slip.tax, slip.net))
        run.action_compute()
        self.assertEqual(run.payslip_ids.mapped(lambda slip: (slip.employee_id.id, slip.gross, slip.tax, slip.net)),
                         before)
        # a second bonus run of the year is refused, another month included
        with self.assertRaisesRegex(UserError, "one bonus run"), self.env.cr.savepoint():
            self.new_run(11, "bonus")
        run.with_user(self.director).action_approve()
        run.action_post()
        move = run.move_id
        self.assertEqual((run.state, move.state), ("posted", "posted"))
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")))
        debits = move.line_ids.filtered("debit")
        self.assertEqual(sum(debits.mapped("debit")), run.gross, "no employer insurance on a bonus")
        self.assertEqual(debits.budget_line_id, self.budget_line)
        self.budget_line.invalidate_recordset()
        self.assertEqual(self.budget_line.amount_actual, run.gross)
        credits = {line.account_id.code: line.credit for line in move.line_ids if line.credit}
        self.assertEqual((credits["303001"], credits["303003"]), (run.net, run.tax))
        self.assertNotIn("303002", credits)
        # paid like a monthly run: the bank file carries the net pay
        Bank = self.env["res.partner.bank"].sudo()
        for index, employee in enumerate((self.worker, self.manager, self.newcomer)):
            employee.bank_account_ids = Bank.create({
                "partner_id": employee.work_contact_id.id, "allow_out_payment": True,
                "acc_number": ("IR820540102680020817909002", "IR062960000000100324200001",
                               "IR580540105180021273113007")[index]})
        action = run.with_user(self.payroll_officer).action_bank_transfer_file()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertEqual(sum(int(row.split(",")[2]) for row in attachment.raw.decode().splitlines()[1:]), run.net)
        run._on_payment_order_paid()
        self.assertEqual(run.state, "paid")

    def test_severance_of_a_leaving_employee(self):
        # the worker leaves on 1404/07/01: 186 days of service since 1404/01/01
        self.create_decree(self.worker, date(2025, 9, 23), {}, decree_type="termination")
        with self.assertRaisesRegex(UserError, "Nobody"), self.env.cr.savepoint():
            self.new_run(6, "severance").action_compute()
        run = self.new_run(7, "severance")
        run.action_compute()
        self.assertEqual(run.payslip_ids.employee_id, self.worker, "only who has left")
        slip = run.payslip_ids
        self.assertEqual(slip.paid_days, 186)
        self.assertEqual(slip.gross, rial(106_729_680 * 186 / 365))
        self.assertEqual((slip.tax, slip.insurance_employee, slip.net), (0, 0, slip.gross))
        self.assertEqual(slip.line_ids.pay_item_id.code, "SEVERANCE")
        # one month of the last wage per full year (the tools' example), by the year's days per year
        self.assertEqual(run._severance_values(self.worker, run.parameter_id)[0]["gross"], slip.gross)
        # an employee who has not left is refused, and nothing is written
        other = self.new_run(7, "severance", severance_employee_ids=[(6, 0, [self.manager.id])])
        with self.assertRaisesRegex(UserError, "Bonus Manager"):
            other.action_compute()
        self.assertFalse(other.payslip_ids)
        self.assertEqual(other.state, "draft")
        # severance is paid once
        again = self.new_run(8, "severance", severance_employee_ids=[(6, 0, [self.worker.id])])
        with self.assertRaisesRegex(UserError, "already"):
            again.action_compute()
        run.with_user(self.director).action_approve()
        run.action_post()
        self.assertEqual(run.move_id.state, "posted")
        self.assertEqual(sum(run.move_id.line_ids.mapped("debit")), slip.gross)
        self.budget_line.invalidate_recordset()
        self.assertEqual(self.budget_line.amount_actual, slip.gross)

    def test_bonus_bad_inputs(self):
        with self.assertRaisesRegex(UserError, "payroll parameters"):
            self.new_run(12, "bonus", year=1399).action_compute()
        with self.assertRaisesRegex(UserError, "Nobody"):
            self.new_run(12, "bonus", year=1403).action_compute()
