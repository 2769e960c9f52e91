from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .municipality_payroll_run import MONTHS, current_jalali_period

SHIFTS = [("0", "None"), ("10", "Morning/Evening (10%)"), ("15", "Morning/Night (15%)"),
          ("22.5", "Three Rotating (22.5%)")]


class MunicipalityHrMonthlyHours(models.Model):
    """An employee's overtime, night, holiday and shift work of a Jalali month, approved by the manager of the
    employee's department (the unit manager). Only approved hours reach the month's payslip.

    Entered by the employee, their manager or an HR/payroll officer; *Submit* leaves an activity for the
    manager, who *approves* or *refuses*; nobody else can. An approved record is locked (a payroll may have
    used it); a correction is a refused record and a new one.
    """

    _name = "municipality.hr.monthly.hours"
    _description = "Monthly Overtime and Shift Hours"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "approved_by_id", "approved_on")
    _order = "jalali_year desc, jalali_month desc, employee_id"
    _check_company_auto = True

    employee_id = fields.Many2one("hr.employee", string="Employee", required=True, index=True, tracking=True,
                                  check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, string="Department")
    manager_user_id = fields.Many2one(
        "res.users", string="Approver", compute="_compute_manager_user_id",
        help="The user of the manager of the employee's department (for the manager's own hours, of the "
             "department above): the only one who approves.")
    jalali_year = fields.Integer(string="Year", required=True, default=lambda self: self._default_period()[0])
    jalali_month = fields.Selection(MONTHS, string="Month", required=True,
                                    default=lambda self: str(self._default_period()[1]))
    period = fields.Char(compute="_compute_period", store=True, index=True)
    overtime_hours = fields.Float(string="Overtime Hours", digits=(6, 2), tracking=True)
    night_hours = fields.Float(string="Night Hours", digits=(6, 2), tracking=True)
    holiday_hours = fields.Float(string="Holiday Hours", digits=(6, 2), tracking=True)
    shift_percent = fields.Selection(SHIFTS, string="Shift Work", default="0", required=True, tracking=True)
    note = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Awaiting Approval"), ("approved", "Approved"), ("refused", "Refused")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)

    def _default_period(self):
        return current_jalali_period(self)

    @api.depends("jalali_year", "jalali_month")
    def _compute_period(self):
        for record in self:
            record.period = (f"{record.jalali_year}/{int(record.jalali_month):02d}"
                             if record.jalali_year and record.jalali_month else False)

    @api.depends("employee_id.department_id.manager_id.user_id",
                 "employee_id.department_id.parent_id.manager_id.user_id")
    def _compute_manager_user_id(self):
        for record in self:
            employee = record.sudo().employee_id
            department = employee.department_id
            manager = department.manager_id
            if manager == employee:  # a unit manager's own hours go to the manager above
                manager = department.parent_id.manager_id
            record.manager_user_id = manager.user_id

    @api.depends("employee_id", "period")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.employee_id.name or ''} - {to_persian_digits(record.period or '')}"

    @api.constrains("overtime_hours", "night_hours", "holiday_hours", "jalali_year")
    def _check_values(self):
        for record in self:
            if min(record.overtime_hours, record.night_hours, record.holiday_hours) < 0:
                raise ValidationError(self.env._("Overtime, night and holiday hours are zero or more."))
            if max(record.overtime_hours, record.night_hours, record.holiday_hours) > 744:
                raise ValidationError(self.env._("A month has no more than 744 hours."))
            if not 1300 <= record.jalali_year <= 1500:
                raise ValidationError(self.env._("The year is a Jalali year such as 1404."))

    @api.constrains("employee_id", "period", "state")
    def _check_one_per_month(self):
        for record in self.filtered(lambda r: r.state != "refused"):
            if self.sudo().search_count([
                    ("employee_id", "=", record.employee_id.id), ("period", "=", record.period),
                    ("state", "!=", "refused"), ("id", "!=", record.id)], limit=1):
                raise ValidationError(self.env._(
                    "%(employee)s already has the hours of %(period)s; correct that record (or have it refused) "
                    "instead of entering a second one.",
                    employee=record.employee_id.name, period=to_persian_digits(record.period)))

    def write(self, vals):
        if not self.env.su and any(record.state == "approved" for record in self):
            raise UserError(self.env._("Approved hours are locked: the payroll pays them as they are."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_approved(self):
        if any(record.state == "approved" for record in self):
            raise UserError(self.env._("Approved hours cannot be deleted."))

    # ------------------------------------------------------------ workflow

    def action_submit(self):
        for record in self:
            if record.state not in ("draft", "refused"):
                raise UserError(self.env._("Only a draft or refused record is submitted for approval."))
            manager = record.manager_user_id
            if not manager:
                raise UserError(self.env._(
                    "The department of %(employee)s has no manager with a user account to approve the hours; set "
                    "the department's manager first.", employee=record.employee_id.name))
            record.sudo().write({"state": "submitted"})
            record.sudo().activity_schedule(
                "mail.mail_activity_data_todo", user_id=manager.id,
                summary=self.env._("Approve the overtime and shift hours of %(period)s",
                                   period=to_persian_digits(record.period)))
        return True

    def _check_approver(self):
        for record in self:
            if record.state != "submitted":
                raise UserError(self.env._("Only hours awaiting approval are approved or refused."))
            if self.env.user != record.manager_user_id:
                raise UserError(self.env._(
                    "Only the manager of %(department)s approves or refuses the hours of %(employee)s.",
                    department=record.department_id.name or "-", employee=record.employee_id.name))

    def action_approve(self):
        self._check_approver()
        self.sudo().write({"state": "approved", "approved_by_id": self.env.user.id,
                           "approved_on": fields.Datetime.now()})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_refuse(self):
        self._check_approver()
        self.sudo().write({"state": "refused"})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    @api.model
    def _approved_for_period(self, employees, period):
        """``{employee id: {approved_overtime_hours, approved_night_hours, approved_holiday_hours,
        approved_shift_percent}}`` of the approved hours of ``period`` (``"1404/02"``), in one read."""
        result = {}
        for record in self.sudo().search([("employee_id", "in", employees.ids), ("period", "=", period),
                                          ("state", "=", "approved")]):
            result[record.employee_id.id] = {
                "approved_overtime_hours": record.overtime_hours, "approved_night_hours": record.night_hours,
                "approved_holiday_hours": record.holiday_hours, "approved_shift_percent": record.shift_percent}
        return result
