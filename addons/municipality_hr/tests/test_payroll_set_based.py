from datetime import date

from odoo.tests import tagged

from ..tools import payslip as payslip_tools
from .common import DECREE_1404, MunicipalityHrCase
from .test_payroll_run import BASE, SENIORITY, rial

MARRIAGE, CHILD = 5_000_000, 20_781_936


@tagged("post_install", "-at_install")
class TestPayrollSetBased(MunicipalityHrCase):
    """The run computes all its payslips at once (grouped reads, one create of the payslips and one of their
    lines, amounts stored as whole rials): each employee of a varied month must get exactly the lines the pure
    computation (``tools.payslip``) gives for their decrees and inputs alone, and the figures the one-employee
    tests of ``test_payroll_run`` assert."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.family = cls.create_employee("Married With Two Children")
        cls.create_decree(cls.family, date(2025, 3, 21), {**DECREE_1404, "MARRIAGE": MARRIAGE, "CHILD": CHILD},
                          marital="married", allowance_children=2)
        cls.hired = cls.create_employee("Hired on the 16th")
        cls.create_decree(cls.hired, date(2025, 5, 6), DECREE_1404)  # 1404/02/16
        cls.promoted = cls.create_employee("Promoted Mid-month")
        cls.create_decree(cls.promoted, date(2025, 3, 21), {"BASE": 90_000_000})
        cls.create_decree(cls.promoted, date(2025, 5, 6), {"BASE": 120_000_000}, decree_type="promotion")
        cls.on_leave = cls.create_employee("Unpaid Leave and Overtime")
        cls.create_decree(cls.on_leave, date(2025, 3, 21), DECREE_1404)
        cls.loaned = cls.create_employee("Loan and Mission")
        cls.create_decree(cls.loaned, date(2025, 3, 21), {**DECREE_1404, "BASE": 150_000_000})
        cls.others = [cls.create_employee(f"Colleague {index}") for index in range(4)]
        for index, employee in enumerate(cls.others):
            cls.create_decree(employee, date(2025, 3, 21), {**DECREE_1404, "BASE": BASE + index * 1_000_000})

    def expected(self, employee, periods, **extra):
        """``({code: amount}, result)`` of the pure computation of Ordibehesht 1404 (31 days) for ``periods``
        ``[(first day, last day, {code: monthly amount})]``: the payslip of one employee computed alone."""
        parameter = self.env["municipality.hr.year.parameter"]._for_year(1404, self.company)
        segments = []
        for first_day, last_day, amounts in periods:
            items = []
            for code, amount in amounts.items():
                item = self.pay_item(code)
                insurable, taxable = parameter._item_flags(item)
                items.append({"code": code, "amount": amount, "insurable": insurable, "taxable": taxable,
                              "base_wage": item.insurance_column == "wage"})
            segments.append({"first_day": first_day, "last_day": last_day, "items": items})
        result = payslip_tools.compute_payslip(1404, 2, segments, parameter._payslip_params(self.sso), **extra)
        lines = {code.upper(): amount for code, amount in result["lines"].items() if amount}
        lines.update({code.upper(): amount for code, amount in result["deductions"].items() if amount})
        lines.update({code.upper(): amount for code, amount in result["arrears"].items() if amount})
        lines["INSURANCE"] = result["insurance"]["employee"]
        if result["tax"]:
            lines["TAX"] = result["tax"]
        return lines, result

    def assertSlip(self, slip, lines, result):
        self.assertEqual({line.pay_item_id.code: line.amount for line in slip.line_ids}, lines,
                         f"the lines of {slip.employee_id.name}")
        self.assertEqual(len(slip.line_ids), len(lines), "one line per pay item")
        self.assertEqual(
            (slip.paid_days, slip.insurance_days, slip.gross, slip.insurable, slip.taxable, slip.insurance_employee,
             slip.insurance_employer, slip.insurance_unemployment, slip.tax, slip.net),
            (result["paid_days"], result["insurance_days"], result["gross"], result["insurable"], result["taxable"],
             result["insurance"]["employee"], result["insurance"]["employer"], result["insurance"]["unemployment"],
             result["tax"], result["net"]), f"the totals of {slip.employee_id.name}")
        self.assertEqual(set(slip.line_ids.mapped("employee_id")), {slip.employee_id})
        self.assertEqual(slip.line_ids.run_id, slip.run_id)

    def test_set_based_compute_gives_each_employee_their_own_payslip(self):
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "2", "company_id": self.company.id})
        run.action_compute()
        slips = {slip.employee_id: slip for slip in run.payslip_ids}
        slips[self.on_leave].with_user(self.payroll_officer).write(
            {"unpaid_days": 5, "overtime_hours": 10, "night_hours": 8})
        slips[self.loaned].with_user(self.payroll_officer).write(
            {"loan_amount": 12_000_000, "advance_amount": 3_500_000, "mission_amount": 7_250_000})
        run.action_compute()  # the inputs kept, every payslip computed again at once
        self.env.invalidate_all()
        slips = {slip.employee_id: slip for slip in run.payslip_ids}
        self.assertEqual(len(slips), 9)

        lines, result = self.expected(self.family, [(1, 31, {**DECREE_1404, "MARRIAGE": MARRIAGE, "CHILD": CHILD})])
        self.assertSlip(slips[self.family], lines, result)
        self.assertEqual((lines["MARRIAGE"], lines["CHILD"]), (MARRIAGE, CHILD))

        lines, result = self.expected(self.hired, [(16, 31, DECREE_1404)])
        self.assertSlip(slips[self.hired], lines, result)
        self.assertEqual(result["gross"], sum(rial(amount * 15 / 30) for amount in DECREE_1404.values()))

        lines, result = self.expected(self.promoted, [(1, 15, {"BASE": 90_000_000}), (16, 31, {"BASE": 120_000_000})])
        self.assertSlip(slips[self.promoted], lines, result)
        self.assertEqual(lines["BASE"], rial(90_000_000 * 15 / 30) + rial(120_000_000 * 15 / 30))

        lines, result = self.expected(self.on_leave, [(1, 31, DECREE_1404)], unpaid_days=5,
                                      hours={"OVERTIME": 10, "NIGHT": 8})
        self.assertSlip(slips[self.on_leave], lines, result)
        hourly = (BASE + SENIORITY) / 220
        self.assertEqual((lines["OVERTIME"], lines["NIGHT"], lines["BASE"]),
                         (rial(hourly * 10 * 1.4), rial(hourly * 8 * 0.35), rial(BASE * 25 / 30)))
        self.assertEqual((slips[self.on_leave].paid_days, slips[self.on_leave].insurance_days), (25, 26))

        mission = {"code": "MISSION", "amount": 7_250_000, "insurable": False, "taxable": False}
        lines, result = self.expected(self.loaned, [(1, 31, {**DECREE_1404, "BASE": 150_000_000})],
                                      deductions={"LOAN": 12_000_000, "ADVANCE": 3_500_000}, arrears=[mission])
        self.assertSlip(slips[self.loaned], lines, result)
        self.assertEqual((lines["LOAN"], lines["ADVANCE"], lines["MISSION"]), (12_000_000, 3_500_000, 7_250_000))

        for index, employee in enumerate(self.others):
            lines, result = self.expected(employee, [(1, 31, {**DECREE_1404, "BASE": BASE + index * 1_000_000})])
            self.assertSlip(slips[employee], lines, result)
        # the run's totals are the sums of its payslips', and the amounts are whole rials
        self.assertEqual(run.gross, sum(slip.gross for slip in slips.values()))
        self.assertTrue(all(float(line.amount).is_integer() for line in run.payslip_ids.line_ids))
