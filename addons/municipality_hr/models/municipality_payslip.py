from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .rial_field import Rials


class MunicipalityPayslip(models.Model):
    """One employee's pay for the month of a payroll run: the earnings of the
    decrees in force (split by days when a decree takes effect mid-month), the
    hours and amounts entered for the month, arrears, insurance and tax.

    The month's inputs (hours, unpaid days, loans…) are entered on the draft
    payslip; recomputing the run keeps them. Amounts are whole rials.
    """

    _name = "municipality.payslip"
    _description = "Payslip"
    _order = "run_id desc, employee_id"
    _check_company_auto = True

    run_id = fields.Many2one("municipality.payroll.run", string="Payroll Run", required=True, index=True,
                             ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", string="Employee", required=True, index=True, check_company=True)
    # copied from the run when it creates the payslips (thousands at once: no related field to recompute one by
    # one); the run writes ``state`` on its payslips whenever its own changes
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("approved", "Approved"), ("posted", "Posted"),
         ("paid", "Paid"), ("cancelled", "Cancelled")], string="Status", required=True, default="draft", index=True)
    run_type = fields.Selection(
        [("regular", "Monthly Payroll"), ("bonus", "Year-end Bonus"), ("severance", "Severance")], required=True)
    period = fields.Char(index=True)
    date_from = fields.Date()
    date_to = fields.Date(index=True)
    department_id = fields.Many2one("hr.department", string="Department", index=True)
    workshop_id = fields.Many2one("municipality.hr.workshop", string="Insurance Workshop")
    decree_ids = fields.Many2many(
        "municipality.hr.decree", "municipality_hr_decree_municipality_payslip_rel", "payslip_id", "decree_id",
        string="Decrees")
    line_ids = fields.One2many("municipality.payslip.line", "payslip_id", string="Lines")

    # inputs of the month
    unpaid_days = fields.Integer(string="Unpaid Days", help="Unpaid days entered by hand, added to the validated unpaid leave.")
    overtime_hours = fields.Float(string="Overtime Hours", digits=(6, 2))
    night_hours = fields.Float(string="Night Hours", digits=(6, 2))
    holiday_hours = fields.Float(string="Holiday Hours", digits=(6, 2))
    shift_percent = fields.Selection(
        [("0", "None"), ("10", "Morning/Evening (10%)"), ("15", "Morning/Night (15%)"),
         ("22.5", "Three Rotating (22.5%)")], string="Shift Work", default="0", required=True)
    mission_amount = Rials(string="Mission")
    loan_amount = Rials(string="Loan Instalment")
    advance_amount = Rials(string="Salary Advance")

    # from the month's validated unpaid leave and the hours approved by the unit manager (set by Compute)
    leave_unpaid_days = fields.Integer(string="Unpaid Leave Days", readonly=True,
                                       help="Validated unpaid leave and absence of the month (hr_holidays).")
    approved_overtime_hours = fields.Float(string="Approved Overtime", digits=(6, 2), readonly=True)
    approved_night_hours = fields.Float(string="Approved Night Hours", digits=(6, 2), readonly=True)
    approved_holiday_hours = fields.Float(string="Approved Holiday Hours", digits=(6, 2), readonly=True)
    approved_shift_percent = fields.Selection(
        [("0", "None"), ("10", "Morning/Evening (10%)"), ("15", "Morning/Night (15%)"),
         ("22.5", "Three Rotating (22.5%)")], string="Approved Shift Work", readonly=True)

    # results
    paid_days = fields.Integer(string="Paid Days", readonly=True)
    insurance_days = fields.Integer(string="Insured Days", readonly=True)
    daily_wage = Rials(readonly=True)
    gross = Rials(readonly=True)
    arrears = Rials(readonly=True)
    insurable = Rials(readonly=True)
    taxable = Rials(readonly=True)
    insurance_employee = Rials(string="Employee Insurance", readonly=True)
    insurance_employer = Rials(string="Employer Insurance", readonly=True)
    insurance_unemployment = Rials(string="Unemployment Insurance", readonly=True)
    tax = Rials(string="Wage Tax", readonly=True)
    deductions = Rials(string="Other Deductions", readonly=True)
    net = Rials(string="Net Pay", readonly=True)
    computation = fields.Json(readonly=True, help="The inputs the payslip was computed from (for arrears).")

    _employee_run_unique = models.Constraint(
        "UNIQUE(run_id, employee_id)", "An employee has one payslip per payroll run.")

    @api.depends("employee_id", "period")
    def _compute_display_name(self):
        for slip in self:
            slip.display_name = f"{slip.employee_id.name} - {slip.period or ''}"

    @api.constrains("unpaid_days", "overtime_hours", "night_hours", "holiday_hours", "mission_amount",
                    "loan_amount", "advance_amount")
    def _check_inputs(self):
        for slip in self:
            values = (slip.unpaid_days, slip.overtime_hours, slip.night_hours, slip.holiday_hours,
                      slip.mission_amount, slip.loan_amount, slip.advance_amount)
            if any(value < 0 for value in values):
                raise ValidationError(self.env._(
                    "The payslip of %(employee)s has a negative input; days, hours and amounts are zero or more.",
                    employee=slip.employee_id.name))
            if slip.unpaid_days > 31:
                raise ValidationError(self.env._(
                    "The payslip of %(employee)s has more unpaid days than a month has.",
                    employee=slip.employee_id.name))

    def write(self, vals):
        self.check_access("write")
        if not self.env.su and any(slip.state not in ("draft", "computed") for slip in self):
            raise UserError(self.env._(
                "An approved payroll run cannot be changed; its payslips are locked."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(slip.state not in ("draft", "computed") for slip in self):
            raise UserError(self.env._("The payslips of an approved payroll run cannot be deleted."))

    def _inputs(self):
        """The month's inputs, to carry them over a recompute."""
        self.ensure_one()
        inputs = {name: self[name] for name in (
            "unpaid_days", "overtime_hours", "night_hours", "holiday_hours", "shift_percent")}
        # amounts of whole rials as integers (``Rials`` stores them without a currency look-up each)
        inputs.update({name: int(self[name]) if float(self[name]).is_integer() else self[name]
                       for name in ("mission_amount", "loan_amount", "advance_amount")})
        return inputs
