from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DECREE_1404, MunicipalityHrCase

BASE, SENIORITY, HOUSING, GROCERY = 103_909_680, 2_820_000, 9_000_000, 22_000_000
MIN_DAILY_1404 = 3_463_656


def rial(value):
    """Round to the nearest rial, halves up."""
    return int(value + 0.5)


def tax_1404(taxable):
    """The 1404 monthly bands written out (DOMAIN.md §6)."""
    bands = [(240_000_000, 0), (300_000_000, 10), (380_000_000, 15), (500_000_000, 20), (666_666_667, 25),
             (float("inf"), 30)]
    tax, lower = 0, 0
    for upper, rate in bands:
        if taxable > lower:
            tax += (min(taxable, upper) - lower) * rate / 100
        lower = upper
    return rial(tax)


@tagged("post_install", "-at_install")
class TestPayrollRun(MunicipalityHrCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.create_employee("Full Month Worker")
        cls.create_decree(cls.worker, date(2025, 3, 21), DECREE_1404)  # 1404/01/01

    def new_run(self, month, year=1404, **values):
        return self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            dict({"jalali_year": year, "jalali_month": str(month), "company_id": self.company.id}, **values))

    def slip(self, run, employee):
        return run.payslip_ids.filtered(lambda slip: slip.employee_id == employee)

    def test_full_month_of_31_days(self):
        run = self.new_run(2)  # Ordibehesht 1404: 31 days
        run.action_compute()
        self.assertEqual((run.state, run.period, run.date_from, run.date_to),
                         ("computed", "1404/02", date(2025, 4, 21), date(2025, 5, 21)))
        slip = self.slip(run, self.worker)
        self.assertEqual((slip.paid_days, slip.insurance_days), (30, 31))
        self.assertEqual(slip.gross, BASE + SENIORITY + HOUSING + GROCERY)
        daily = rial((BASE + SENIORITY) / 30)
        insurable = daily * 31 + HOUSING + GROCERY
        self.assertEqual(slip.insurable, insurable)
        self.assertEqual(slip.insurance_employee, rial(insurable * 0.07))
        self.assertEqual(slip.insurance_employer, rial(insurable * 0.20))
        self.assertEqual(slip.insurance_unemployment, rial(insurable * 0.03))
        self.assertEqual(slip.tax, 0, "under the 240,000,000 exemption of 1404")
        self.assertEqual(slip.net, slip.gross - slip.insurance_employee)
        self.assertEqual(sum(slip.line_ids.filtered(lambda l: l.kind == "earning").mapped("amount")), slip.gross)
        self.assertEqual(run.gross, slip.gross)
        self.assertEqual(slip.decree_ids.employee_id, self.worker)

    def test_esfand_of_29_days_and_tax(self):
        rich = self.create_employee("Taxed Manager")
        self.create_decree(rich, date(2025, 3, 21), {"BASE": 800_000_000, "SENIORITY": SENIORITY})
        run = self.new_run(12)  # Esfand 1404: 29 days
        run.action_compute()
        slip = self.slip(run, rich)
        self.assertEqual((slip.paid_days, slip.insurance_days), (30, 29))
        ceiling = 7 * MIN_DAILY_1404 * 29
        self.assertGreater(slip.insurable, ceiling)
        self.assertEqual(slip.insurance_employee, rial(ceiling * 0.07), "capped at 7 × the minimum daily wage")
        self.assertEqual(slip.insurance_employer, rial(ceiling * 0.20))
        taxable = 800_000_000 + SENIORITY - rial(slip.insurance_employee * 2 / 7)
        self.assertEqual(slip.taxable, taxable)
        self.assertEqual(slip.tax, tax_1404(taxable))
        self.assertEqual(slip.net, slip.gross - slip.insurance_employee - slip.tax)

    def test_hire_on_the_16th_mid_month_decree_unpaid_leave_and_hours(self):
        hired = self.create_employee("Hired Mid-month")
        self.create_decree(hired, date(2025, 5, 6), DECREE_1404)  # 1404/02/16
        promoted = self.create_employee("Promoted Mid-month")
        first = self.create_decree(promoted, date(2025, 3, 21), {"BASE": 90_000_000})
        second = self.create_decree(promoted, date(2025, 5, 6), {"BASE": 120_000_000}, decree_type="promotion")
        run = self.new_run(2)
        run.action_compute()
        slip = self.slip(run, hired)
        self.assertEqual((slip.paid_days, slip.insurance_days), (15, 16))
        self.assertEqual(slip.gross, sum(rial(amount * 15 / 30) for amount in DECREE_1404.values()))
        slip = self.slip(run, promoted)
        self.assertEqual(slip.decree_ids, first | second)
        self.assertEqual(slip.gross, rial(90_000_000 * 15 / 30) + rial(120_000_000 * 15 / 30))
        # the month's inputs: unpaid days and hours, kept by a recompute
        worker_slip = self.slip(run, self.worker)
        worker_slip.with_user(self.payroll_officer).write(
            {"unpaid_days": 5, "overtime_hours": 10, "night_hours": 8})
        run.action_compute()
        worker_slip = self.slip(run, self.worker)
        self.assertEqual((worker_slip.unpaid_days, worker_slip.paid_days, worker_slip.insurance_days), (5, 25, 26))
        hourly = (BASE + SENIORITY) / 220
        lines = {line.pay_item_id.code: line.amount for line in worker_slip.line_ids}
        self.assertEqual(lines["OVERTIME"], rial(hourly * 10 * 1.4))
        self.assertEqual(lines["NIGHT"], rial(hourly * 8 * 0.35))
        self.assertEqual(lines["BASE"], rial(BASE * 25 / 30))

    def test_recompute_is_idempotent(self):
        run = self.new_run(3)
        run.action_compute()
        first = [(s.employee_id.id, s.gross, s.net, s.tax, s.insurance_employee) for s in run.payslip_ids]
        lines = len(run.payslip_ids.line_ids)
        run.action_compute()
        self.assertEqual([(s.employee_id.id, s.gross, s.net, s.tax, s.insurance_employee) for s in run.payslip_ids],
                         first)
        self.assertEqual(len(run.payslip_ids.line_ids), lines)
        self.assertEqual(self.env["municipality.payslip"].search_count([("period", "=", "1404/03"),
                                                                         ("company_id", "=", self.company.id)]),
                         len(first))

    def test_overlapping_runs_refused(self):
        whole = self.new_run(4)
        whole.action_compute()
        department = self.new_run(4, department_id=self.department.id)
        with self.assertRaisesRegex(UserError, "already pays"):
            department.action_compute()
        self.assertEqual((department.state, department.payslip_ids.ids), ("draft", []))

    def test_approval_by_the_finance_director_locks_the_run(self):
        run = self.new_run(5)
        with self.assertRaisesRegex(UserError, "computed"):
            run.with_user(self.director).action_approve()
        run.action_compute()
        with self.assertRaisesRegex(UserError, "Only an approved payroll run can be posted"):
            run.with_user(self.payroll_officer).action_post()
        with self.assertRaises(AccessError):
            run.with_user(self.payroll_officer).action_approve()
        with self.assertRaises(AccessError):
            run.with_user(self.hr_officer).action_compute()
        run.with_user(self.director).action_approve()
        self.assertEqual((run.state, run.approved_by_id), ("approved", self.director))
        with self.assertRaisesRegex(UserError, "approved"):
            run.payslip_ids[:1].with_user(self.payroll_officer).write({"overtime_hours": 3})
        with self.assertRaisesRegex(UserError, "approved"):
            run.with_user(self.payroll_officer).action_compute()
        with self.assertRaises(UserError):
            run.with_user(self.payroll_officer).write({"state": "draft"})
        with self.assertRaises(UserError):
            run.with_user(self.payroll_officer).unlink()

    def test_bad_inputs_refused(self):
        run = self.new_run(6)
        run.action_compute()
        slip = self.slip(run, self.worker)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            slip.with_user(self.payroll_officer).write({"overtime_hours": -2})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            slip.with_user(self.payroll_officer).write({"loan_amount": -1})
        slip.with_user(self.payroll_officer).write({"loan_amount": 500_000_000})
        with self.assertRaisesRegex(UserError, "Full Month Worker"):
            run.action_compute()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.new_run(1, year=99)
        # an employee on the personnel file without a decree
        self.create_employee("No Decree Yet")
        with self.assertRaisesRegex(UserError, "No Decree Yet"):
            self.new_run(7).action_compute()
        with self.assertRaisesRegex(UserError, "payroll parameters"):
            self.new_run(1, year=1399).action_compute()
