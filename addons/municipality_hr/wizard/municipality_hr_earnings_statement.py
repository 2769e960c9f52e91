from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import to_jalali

from ..models.municipality_payroll_run import FINANCE_DIRECTOR, PAYROLL_OFFICER


class MunicipalityHrEarningsStatement(models.TransientModel):
    """An employee's yearly earnings statement (گواهی حقوق سالانه): every payslip
    of the Jalali year (monthly pay, year-end bonus, severance) of approved,
    posted or paid runs, with its gross, insurance, tax and net, and the
    year's totals; printed as a PDF. Payroll officers and the finance director
    print it for anyone of their municipality; an employee for themselves."""

    _name = "municipality.hr.earnings.statement"
    _description = "Yearly Earnings Statement"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    employee_id = fields.Many2one("hr.employee", string="Employee", required=True,
                                  default=lambda self: self.env.user.employee_id)
    jalali_year = fields.Integer(string="Year", required=True,
                                 default=lambda self: to_jalali(self._today_in_iran()).year)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.model
    def _may_read_all(self):
        user = self.env.user
        return user.has_group(PAYROLL_OFFICER) or user.has_group(FINANCE_DIRECTOR)

    def _payslips(self):
        """The employee's payslips of the year, read with the user's own rights (record rules apply)."""
        self.ensure_one()
        if not self._may_read_all() and self.employee_id.sudo().user_id != self.env.user:
            raise AccessError(self.env._("You may print the earnings statement of your own pay only."))
        slips = self.env["municipality.payslip"].search([
            ("employee_id", "=", self.employee_id.id), ("period", "=like", f"{self.jalali_year}/%"),
            ("state", "in", ("approved", "posted", "paid"))], order="period, run_type, id")
        if not slips:
            raise UserError(self.env._(
                "%(employee)s has no approved payslip in %(year)s.", employee=self.employee_id.name,
                year=to_persian_digits(str(self.jalali_year))))
        return slips

    def _statement_values(self):
        slips = self._payslips()
        totals = {name: sum(slips.mapped(name)) for name in (
            "gross", "insurance_employee", "tax", "deductions", "net", "taxable", "insurable")}
        return {"slips": slips, "totals": totals}

    def action_print(self):
        self._payslips()
        return self.env.ref("municipality_hr.action_report_earnings_statement").report_action(self)
