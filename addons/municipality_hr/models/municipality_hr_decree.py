from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali

from .hr_version import EMPLOYMENT_TYPES

#: What a decree copies onto the employee's version when it is approved.
_VERSION_FIELDS = ("department_id", "job_id", "municipality_employment_type", "grade", "points", "service_years",
                   "marital", "allowance_children")
#: Decree types after which the employee is no longer paid.
_LEAVING_TYPES = ("termination", "retirement")


class MunicipalityHrDecree(models.Model):
    """A personnel decree (حکم کارگزینی): the employee's terms from its
    execution date (تاریخ اجرا). Approving it creates the employee's
    ``hr.version`` at that date (``employee.create_version``), so the decree
    is the employee's Odoo record of what they are paid.

    A newer approved decree with the same execution date supersedes the older
    one; a corrective decree links to the decree it corrects (and supersedes
    it). A decree a payroll has used (``used_by_payroll``) can be neither
    changed nor deleted. A decree executed before months already paid is
    flagged ``arrears_pending``: the next payroll pays the difference.
    """

    _name = "municipality.hr.decree"
    _description = "Personnel Decree"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "version_id", "superseded_by_id", "approved_by_id", "approved_on")
    _order = "execution_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    decree_type = fields.Selection(
        [("hiring", "Hiring"), ("annual_increase", "Annual Increase"), ("promotion", "Promotion"),
         ("appointment", "Appointment"), ("transfer", "Transfer"), ("mission", "Mission"), ("leave", "Leave"),
         ("corrective", "Corrective"), ("termination", "Termination"), ("retirement", "Retirement")],
        string="Type", required=True, default="annual_increase", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("superseded", "Superseded"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    employee_id = fields.Many2one("hr.employee", string="Employee", required=True, index=True, tracking=True,
                                  check_company=True)
    issue_date = fields.Date(required=True, default=lambda self: self._today_in_iran(), tracking=True)
    execution_date = fields.Date(required=True, index=True, tracking=True, default=lambda self: self._today_in_iran(),
                                 help="The day the decree takes effect (تاریخ اجرا).")
    department_id = fields.Many2one("hr.department", string="Department", check_company=True, tracking=True)
    job_id = fields.Many2one("hr.job", string="Post", check_company=True, tracking=True)
    municipality_employment_type = fields.Selection(
        EMPLOYMENT_TYPES, string="Employment Type", tracking=True)
    grade = fields.Char(string="Grade or Group")
    points = fields.Integer()
    service_years = fields.Float(string="Service Years", digits=(5, 2))
    marital = fields.Selection(
        selection=lambda self: self.env["hr.version"]._get_marital_status_selection(),
        string="Marital Status", default="single", required=True)
    allowance_children = fields.Integer(string="Children for Allowance")
    line_ids = fields.One2many("municipality.hr.decree.line", "decree_id", string="Pay Items", copy=True)
    number_display = fields.Char(
        string="Number as Shown", compute="_compute_number_display",
        help="The number as the title shows it, left to right: a left-to-right mark beside each slash keeps "
             "«1404/حکم/00001» in its order (the serial after the Persian word would otherwise join it, right to "
             "left).")
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True)
    amount_total_words = fields.Char(string="Total in Words", compute="_compute_amount_total_words")
    budget_line_id = fields.Many2one(
        "municipality.budget.line", string="Budget Line", check_company=True,
        domain="[('line_type', '=', 'expense')]", help="The budget chapter and article the decree is charged to.")
    signatory_id = fields.Many2one("hr.employee", string="Signatory", check_company=True)
    description = fields.Text()
    corrected_decree_id = fields.Many2one(
        "municipality.hr.decree", string="Corrects", check_company=True, copy=False,
        help="The decree this corrective decree corrects; approving it supersedes that decree.")
    superseded_by_id = fields.Many2one("municipality.hr.decree", string="Superseded By", readonly=True, copy=False)
    version_id = fields.Many2one("hr.version", string="Employee Version", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    used_by_payroll = fields.Boolean(
        compute="_compute_used_by_payroll", help="A computed payroll run used this decree: it is locked.")
    arrears_pending = fields.Boolean(
        readonly=True, copy=False,
        help="Approved after months it covers were paid: the next payroll pays the arrears.")

    _name_company_unique = models.Constraint(
        "UNIQUE(company_id, name)", "Each decree of a municipality has its own number.")

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for decree in self:
            decree.amount_total = sum(decree.line_ids.mapped("amount"))

    @api.depends("name")
    def _compute_number_display(self):
        for decree in self:
            decree.number_display = (decree.name or "").replace("/", "\u200e/\u200e")

    @api.depends("amount_total", "currency_id")
    def _compute_amount_total_words(self):
        for decree in self:
            decree.amount_total_words = decree.currency_id.amount_to_text_fa(decree.amount_total)

    def _compute_used_by_payroll(self):
        used = set(self._used_by_payroll_ids())
        for decree in self:
            decree.used_by_payroll = decree._origin.id in used

    def _used_by_payroll_ids(self):
        """Ids of the decrees of ``self`` used by a payslip of a run past draft."""
        ids = [decree_id for decree_id in self._origin.ids if decree_id]
        if not ids or "municipality.payslip" not in self.env:
            return []
        self.env["municipality.payslip"].flush_model()
        self.env.cr.execute("""
            SELECT DISTINCT rel.decree_id
              FROM municipality_hr_decree_municipality_payslip_rel rel
              JOIN municipality_payslip slip ON slip.id = rel.payslip_id
             WHERE rel.decree_id = ANY(%s) AND slip.state != 'draft'
        """, [ids])
        return [row[0] for row in self.env.cr.fetchall()]

    @api.depends("name", "employee_id")
    def _compute_display_name(self):
        for decree in self:
            number = to_persian_digits(decree.name or "")
            decree.display_name = f"{number} - {decree.employee_id.name}" if decree.employee_id else number

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                date = fields.Date.to_date(vals.get("issue_date")) or self._today_in_iran()
                vals["name"] = self.env["ir.sequence"]._next_for_company(
                    "municipality.hr.decree", company, sequence_date=date)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - {"description", "message_main_attachment_id"}:
            locked = self.filtered(lambda d: d.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "Decree %(decree)s is %(state)s: only a draft decree can be changed. Issue a corrective "
                    "decree instead.", decree=locked[0].display_name,
                    state=self._selection_labels("state")[locked[0].state]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for decree in self:
            if decree.state != "draft" or decree.used_by_payroll:
                raise UserError(self.env._(
                    "Decree %(decree)s has been approved or used by a payroll: it cannot be deleted; issue a "
                    "corrective decree instead.", decree=decree.display_name))

    @api.constrains("line_ids")
    def _check_lines(self):
        for decree in self:
            items = decree.line_ids.pay_item_id
            if len(items) != len(decree.line_ids):
                raise ValidationError(self.env._(
                    "Decree %(decree)s has the same pay item twice.", decree=decree.display_name))

    @api.constrains("allowance_children", "service_years", "points")
    def _check_counts(self):
        for decree in self:
            if decree.allowance_children < 0 or decree.service_years < 0 or decree.points < 0:
                raise ValidationError(self.env._(
                    "The children, service years and points of decree %(decree)s cannot be negative.",
                    decree=decree.display_name))

    @api.constrains("corrected_decree_id", "employee_id")
    def _check_corrected_decree(self):
        for decree in self:
            corrected = decree.corrected_decree_id
            if corrected and (corrected.employee_id != decree.employee_id or corrected == decree):
                raise ValidationError(self.env._(
                    "A corrective decree corrects another decree of the same employee."))

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        """A new decree starts from the employee's current terms."""
        employee = self.employee_id
        if not employee:
            return
        current = self.search([("employee_id", "=", employee.id), ("state", "=", "approved")],
                              order="execution_date desc, id desc", limit=1)
        self.department_id = current.department_id or employee.department_id
        self.job_id = current.job_id or employee.job_id
        self.municipality_employment_type = current.municipality_employment_type or employee.municipality_employment_type
        self.grade = current.grade or employee.grade
        self.points = current.points or employee.points
        self.service_years = current.service_years or employee.service_years
        self.marital = current.marital or employee.marital
        self.allowance_children = current.allowance_children or employee.allowance_children
        if current and not self.line_ids:
            self.line_ids = [fields.Command.create({"pay_item_id": line.pay_item_id.id, "amount": line.amount})
                             for line in current.line_ids]

    # ------------------------------------------------------------------ workflow

    def _check_can_approve(self):
        if not self.env.user.has_group("municipality_hr.group_hr_officer"):
            raise UserError(self.env._("Only HR officers approve personnel decrees."))
        for decree in self:
            if decree.state != "draft":
                raise UserError(self.env._(
                    "Decree %(decree)s is not a draft; it cannot be approved again.", decree=decree.display_name))
            if not decree.line_ids and decree.decree_type not in _LEAVING_TYPES:
                raise UserError(self.env._(
                    "Decree %(decree)s has no pay items; enter its salary items before approving it.",
                    decree=decree.display_name))
            if decree.corrected_decree_id and decree.corrected_decree_id.state != "approved":
                raise UserError(self.env._(
                    "Decree %(decree)s corrects decree %(corrected)s, which is not in force.",
                    decree=decree.display_name, corrected=decree.corrected_decree_id.display_name))

    def action_approve(self):
        """Approve: the older decree of the same execution date (and the corrected one) are superseded, the
        employee's version at the execution date is created (or updated) with the decree's terms, and the
        decree is flagged for arrears when months it covers were already paid.

        Set-based, for the yearly increase of thousands of employees at once: the decrees are approved in
        waves in which each employee has at most one decree (an employee's decrees in the order of their
        execution dates, as one by one), each wave with grouped searches, grouped writes of equal values and
        one batch of chatter notes."""
        self._check_can_approve()
        waves, count = [], {}
        for decree in self.sorted(lambda d: (d.execution_date, d.id)):
            index = count.get(decree.employee_id.id, 0)
            count[decree.employee_id.id] = index + 1
            if index == len(waves):
                waves.append([])
            waves[index].append(decree.id)
        for ids in waves:
            self.browse(ids)._approve_wave()
        return True

    def _approve_wave(self):
        """Approve ``self``, decrees of different employees (see ``action_approve``)."""
        sudo = self.sudo()
        # older decrees of the same employee and execution date, and the corrected ones: one search
        same_date = {(decree.employee_id.id, decree.execution_date): decree for decree in sudo}
        older = sudo.search([
            ("employee_id", "in", sudo.employee_id.ids), ("state", "=", "approved"),
            ("execution_date", "in", list({decree.execution_date for decree in sudo})), ("id", "not in", sudo.ids)])
        superseded = {}
        for decree in older:
            newer = same_date.get((decree.employee_id.id, decree.execution_date))
            if newer:
                superseded[newer] = superseded.get(newer, sudo.browse()) | decree
        for decree in sudo.filtered("corrected_decree_id"):
            superseded[decree] = superseded.get(decree, sudo.browse()) | decree.corrected_decree_id
        for newer, decrees in superseded.items():
            decrees.write({"state": "superseded", "superseded_by_id": newer.id})
        # the employees' versions at the execution dates (Odoo's create_version: the one of that date, or a copy
        # of the one in force), then the decrees' terms written once per group of equal values
        versions, groups = {}, {}
        for decree in sudo:
            version = decree.employee_id.create_version({"date_version": decree.execution_date})
            versions[decree] = version
            values = {name: (decree[name].id if isinstance(decree[name], models.BaseModel) else decree[name])
                      for name in _VERSION_FIELDS}
            values = {name: value for name, value in values.items()
                      if value or name in ("allowance_children", "points", "service_years")}
            values["wage"] = decree.amount_total
            if decree.decree_type in _LEAVING_TYPES:
                values["departure_date"] = decree.execution_date
            key = tuple(sorted(values.items()))
            groups[key] = groups.get(key, self.env["hr.version"].sudo()) | version
        for key, group in groups.items():
            group.write(dict(key))
        for decree, version in versions.items():
            version.decree_id = decree.id
        # the months already paid from each execution date (one grouped read): arrears for the next payroll
        paid = sudo._paid_employee_dates()
        approved_on = fields.Datetime.now()
        for arrears_pending in (True, False):
            decrees = sudo.filtered(
                lambda d: bool(paid.get(d.employee_id.id) and paid[d.employee_id.id] >= d.execution_date)
                == arrears_pending)
            if not decrees:
                continue
            decrees.write({"state": "approved", "approved_by_id": self.env.uid, "approved_on": approved_on,
                           "arrears_pending": arrears_pending})
        for decree, version in versions.items():
            decree.version_id = version
        sudo._message_log_batch({decree.id: self.env._(
            "Approved; the employee's terms from %(date)s follow this decree.",
            date=format_jalali(decree.execution_date, "%Y/%m/%d", persian_digits=True)) for decree in sudo})

    def _paid_employee_dates(self):
        """``{employee id: last day paid}``: the end of the latest posted or paid regular month of each employee of
        ``self`` (one grouped read)."""
        if "municipality.payslip" not in self.env:
            return {}
        return {employee.id: last_day for employee, last_day in self.env["municipality.payslip"].sudo()._read_group(
            [("employee_id", "in", self.employee_id.ids), ("state", "in", ("posted", "paid")),
             ("run_type", "=", "regular")], ["employee_id"], ["date_to:max"])}

    def action_cancel(self):
        for decree in self:
            if decree.state != "draft":
                raise UserError(self.env._(
                    "Only a draft decree can be cancelled; an approved decree is corrected by a corrective decree."))
        self.sudo().write({"state": "cancelled"})

    def action_new_corrective(self):
        """A corrective decree of this one, prefilled with its terms."""
        self.ensure_one()
        corrective = self.copy({"decree_type": "corrective", "corrected_decree_id": self.id,
                                "issue_date": self._today_in_iran()})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": corrective.id,
                "view_mode": "form"}

    @api.model
    def _decrees_in_force(self, employees, date_from, date_to):
        """``{employee: [(first_day, last_day, decree), …]}``: the approved decrees of ``employees`` in force
        between ``date_from`` and ``date_to`` (dates), one grouped read. A termination or retirement decree
        ends the previous one and pays nothing."""
        decrees = self.sudo().search([
            ("employee_id", "in", employees.ids), ("state", "=", "approved"), ("execution_date", "<=", date_to)],
            order="employee_id, execution_date, id")
        by_employee = {}
        for decree in decrees:
            by_employee.setdefault(decree.employee_id, []).append(decree)
        result = {}
        for employee, items in by_employee.items():
            periods = []
            for index, decree in enumerate(items):
                end = items[index + 1].execution_date - timedelta(days=1) if index + 1 < len(items) else date_to
                start = max(decree.execution_date, date_from)
                end = min(end, date_to)
                if start <= end and decree.decree_type not in _LEAVING_TYPES:
                    periods.append((start, end, decree))
            if periods:
                result[employee] = periods
        return result
