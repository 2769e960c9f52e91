from datetime import timedelta
from decimal import Decimal

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import fiscal_year_bounds

from ..tools import payroll as payroll_tools
from ..tools import payslip as payslip_tools

#: Decree types after which the employee is no longer paid (as ``municipality.hr.decree`` has them).
_LEAVING_TYPES = ("termination", "retirement")


class MunicipalityPayrollRun(models.Model):
    """The year-end bonus (عیدی) and severance (سنوات) runs: runs of their own,
    computed by ``tools.payslip.year_end_bonus`` and ``tools.payslip.severance``,
    approved, posted (one entry, the personnel budget consumed) and paid as a
    monthly run is.

    * **Bonus**: one per Jalali year (and scope); every employee with a decree
      in force during the year gets ``bonus_days`` days of the last daily wage
      (the base-wage items of the last decree ÷ 30), between ``bonus_min_days``
      and ``bonus_max_days`` days of the minimum daily wage, pro rata to the
      days of the year under a decree. Not insurable; taxed above one month's
      exemption, together with the taxable wage of the employee's monthly
      payslip of the run's month (``tools.payslip.bonus_tax``).
    * **Severance**: for employees whose termination or retirement decree is
      executed by the end of the run's month (all of the scope not yet paid, or
      the ``severance_employee_ids`` chosen): ``severance_days_per_year`` ÷ 30
      months of the last monthly base wage per year of service, pro rata to
      the days from the first decree to the leaving date. Not insurable; taxed
      only if its pay item is marked taxable.
    """

    _inherit = "municipality.payroll.run"

    severance_employee_ids = fields.Many2many(
        "hr.employee", "municipality_payroll_run_severance_employee_rel", "run_id", "employee_id",
        string="Leaving Employees", check_company=True,
        help="Severance runs: the employees to pay; empty for every employee of the scope who has left and has "
             "not been paid severance yet.")

    # ------------------------------------------------------------------ checks

    def _check_month_not_posted(self):
        """One year-end bonus run per year and scope (besides cancelled ones); the monthly rule for the others."""
        super()._check_month_not_posted()
        for run in self.filtered(lambda run: run.run_type == "bonus"):
            others = self.sudo().search([
                ("company_id", "=", run.company_id.id), ("jalali_year", "=", run.jalali_year),
                ("run_type", "=", "bonus"), ("state", "!=", "cancelled"), ("id", "!=", run.id)])
            for other in others:
                if run._scope_overlaps(other):
                    raise UserError(self.env._(
                        "The year-end bonus of %(year)s already has its run (%(run)s); a year has one bonus run.",
                        year=to_persian_digits(str(run.jalali_year)), run=other.name))

    def _check_no_overlap(self, employees):
        if self.run_type == "regular":
            return super()._check_no_overlap(employees)
        domain = [("employee_id", "in", employees.ids), ("run_type", "=", self.run_type),
                  ("run_id", "!=", self.id), ("state", "!=", "cancelled")]
        if self.run_type == "bonus":
            domain.append(("period", "=like", f"{self.jalali_year}/%"))
        clash = self.env["municipality.payslip"].sudo().search(domain, limit=1)
        if clash:
            message = (self.env._("Payroll run %(run)s already pays %(employee)s the year-end bonus of %(year)s.")
                       if self.run_type == "bonus" else
                       self.env._("Payroll run %(run)s already pays %(employee)s their severance."))
            raise UserError(message % {"run": clash.run_id.name, "employee": clash.employee_id.name,
                                       "year": to_persian_digits(str(self.jalali_year))})

    # ------------------------------------------------------------------ compute

    def _compute_special_payslips(self):
        self.ensure_one()
        parameter = self.env["municipality.hr.year.parameter"]._for_year(self.jalali_year, self.company_id)
        employees = self._employees_in_scope()
        if self.run_type == "bonus":
            values = self._bonus_values(employees, parameter)
        else:
            values = self._severance_values(employees, parameter)
        if not values:
            raise UserError(
                self.env._("Nobody in the scope of this run had a decree in force in %(year)s.",
                           year=to_persian_digits(str(self.jalali_year))) if self.run_type == "bonus" else
                self.env._("Nobody in the scope of this run has left (a termination or retirement decree executed "
                           "by the end of the month) without having been paid severance."))
        employees = self.env["hr.employee"].browse([vals["employee_id"] for vals in values])
        self._check_no_overlap(employees)
        sudo = self.sudo()
        sudo.payslip_ids.unlink()
        items = self._pay_items()
        code = "BONUS" if self.run_type == "bonus" else "SEVERANCE"
        common = {"company_id": self.company_id.id, "state": "computed", "run_type": self.run_type,
                  "period": self.period, "date_from": self.date_from, "date_to": self.date_to, "run_id": self.id}
        slips = sudo.env["municipality.payslip"].create([{**common, **vals} for vals in values])
        lines = []
        for slip in slips:
            line_common = {"payslip_id": slip.id, "run_id": self.id, "employee_id": slip.employee_id.id,
                           "department_id": slip.department_id.id, "company_id": self.company_id.id}
            for item_code, amount in ((code, slip.gross), ("TAX", slip.tax)):
                item = items.get(item_code)
                if not item:
                    raise UserError(self.env._("There is no pay item with code %(code)s.", code=item_code))
                if amount:
                    lines.append({**line_common, "pay_item_id": item.id, "sequence": item.sequence,
                                  "kind": item.kind, "amount": amount})
        sudo.env["municipality.payslip.line"].create(lines)
        sudo.write({"state": "computed", "parameter_id": parameter.id})

    def _base_wage(self, decree, parameter):
        """The monthly base wage (the items of the insurance list's wage column) of ``decree``."""
        return sum(int(line.amount) for line in decree.line_ids if line.pay_item_id.insurance_column == "wage")

    def _slip_common(self, employee, decrees):
        last = decrees[-1]
        return {"employee_id": employee.id,
                "department_id": (last.department_id or employee.department_id).id,
                "workshop_id": employee.workshop_id.id,
                "decree_ids": [fields.Command.set([decree.id for decree in decrees])]}

    def _bonus_values(self, employees, parameter):
        year_start, year_end = fiscal_year_bounds(self.jalali_year)
        in_force = self.env["municipality.hr.decree"]._decrees_in_force(employees, year_start, year_end)
        params = {"min_daily_wage": int(parameter.min_daily_wage), "bonus_days": parameter.bonus_days,
                  "bonus_min_days": parameter.bonus_min_days, "bonus_max_days": parameter.bonus_max_days,
                  "tax_bands": parameter._tax_bands()}
        # the taxable wage of each employee's monthly payslip of the month the bonus is paid with
        month_taxable = {slip.employee_id.id: int(slip.taxable) for slip in self.env["municipality.payslip"].sudo().search([
            ("employee_id", "in", employees.ids), ("period", "=", self.period), ("run_type", "=", "regular"),
            ("state", "!=", "cancelled")])}
        values = []
        for employee in employees:
            periods = in_force.get(employee)
            if not periods:
                continue
            days = sum((end - start).days + 1 for start, end, _decree in periods)
            last_decree = periods[-1][2]
            daily = payroll_tools.round_rial(Decimal(self._base_wage(last_decree, parameter)) / 30)
            try:
                bonus = payslip_tools.year_end_bonus(self.jalali_year, daily, days, params)
                tax = payslip_tools.bonus_tax(bonus["taxable"], month_taxable.get(employee.id, 0),
                                              params["tax_bands"]) if bonus["taxable"] else 0
            except ValueError as error:
                raise UserError(self.env._(
                    "The year-end bonus of %(employee)s cannot be computed: %(reason)s", employee=employee.name,
                    reason=str(error))) from None
            values.append({
                **self._slip_common(employee, [decree for _start, _end, decree in periods]),
                "paid_days": days, "daily_wage": daily, "gross": bonus["amount"], "taxable": bonus["taxable"],
                "tax": tax, "net": bonus["amount"] - tax,
                "computation": {"bonus": {"days": days, "last_daily_wage": daily, **bonus},
                                "year": self.jalali_year, "month": int(self.jalali_month)},
            })
        return values

    def _severance_values(self, employees, parameter):
        Decree = self.env["municipality.hr.decree"].sudo()
        chosen = self.severance_employee_ids
        if chosen:
            outside = chosen - employees
            if outside:
                raise UserError(self.env._(
                    "%(names)s are outside the department or workshop of this run.",
                    names=", ".join(outside.mapped("name"))))
            employees = chosen
        decrees = Decree.search([("employee_id", "in", employees.ids), ("state", "in", ("approved", "superseded"))],
                                order="employee_id, execution_date, id")
        by_employee = {}
        for decree in decrees:
            by_employee.setdefault(decree.employee_id, Decree)
            by_employee[decree.employee_id] |= decree
        paid = set(self.env["municipality.payslip"].sudo().search([
            ("employee_id", "in", employees.ids), ("run_type", "=", "severance"), ("run_id", "!=", self.id),
            ("state", "!=", "cancelled")]).employee_id.ids)
        item = self._pay_items().get("SEVERANCE")
        taxable = bool(item and item.taxable)
        months_per_year = Decimal(parameter.severance_days_per_year) / 30
        values, not_left = [], []
        for employee in employees:
            history = by_employee.get(employee, Decree)
            leaving = history.filtered(lambda d: d.state == "approved" and d.decree_type in _LEAVING_TYPES
                                       and d.execution_date <= self.date_to)[-1:]
            if not leaving:
                not_left.append(employee.name)
                continue
            if employee.id in paid:
                if chosen:
                    raise UserError(self.env._(
                        "%(employee)s has already been paid severance.", employee=employee.name))
                continue
            served = history.filtered(lambda d: d.decree_type not in _LEAVING_TYPES
                                      and d.execution_date < leaving.execution_date)
            if not served:
                raise UserError(self.env._(
                    "%(employee)s has no decree before leaving: the service severance is paid for is unknown.",
                    employee=employee.name))
            last_day = leaving.execution_date - timedelta(days=1)
            last = Decree._decrees_in_force(employee, last_day, last_day).get(employee)
            last_decree = last[-1][2] if last else served.filtered(lambda d: d.state == "approved")[-1:] or served[-1]
            start = min(served.mapped("execution_date"))
            service_days = (leaving.execution_date - start).days
            wage = self._base_wage(last_decree, parameter)
            try:
                amount = payslip_tools.severance(wage, service_days, months_per_year=months_per_year)
                tax = payroll_tools.monthly_wage_tax(amount, parameter._tax_bands()) if taxable else 0
            except ValueError as error:
                raise UserError(self.env._(
                    "The severance of %(employee)s cannot be computed: %(reason)s", employee=employee.name,
                    reason=str(error))) from None
            values.append({
                **self._slip_common(employee, last_decree | leaving),
                "paid_days": service_days, "daily_wage": payroll_tools.round_rial(Decimal(wage) / 30),
                "gross": amount, "taxable": amount if taxable else 0, "tax": tax, "net": amount - tax,
                "computation": {"severance": {"service_days": service_days, "last_monthly_wage": wage,
                                              "from": str(start), "leaving": str(leaving.execution_date),
                                              "amount": amount},
                                "year": self.jalali_year, "month": int(self.jalali_month)},
            })
        if chosen and not_left:
            raise UserError(self.env._(
                "Severance is paid on leaving: %(names)s have no approved termination or retirement decree executed "
                "by the end of %(period)s.", names=", ".join(not_left), period=to_persian_digits(self.period)))
        return values
