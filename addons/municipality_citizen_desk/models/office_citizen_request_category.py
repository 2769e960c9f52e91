import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools import jalali


class OfficeCitizenRequestCategory(models.Model):
    """What a citizen request is about (پسماند، روشنایی معابر…): the unit that owns it by default and
    how many working days that unit has to answer. ``code`` is the Open311 ``service_code``."""

    _name = "office.citizen.request.category"
    _description = "Citizen Request Category"
    _order = "sequence, name"
    # Shown by its (Persian) name; the Latin code is for city apps, but typing it still finds the category.
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, index=True,
        help="Short code of the category, used as the Open311 service_code (letters, digits, - and _).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="Shown to citizens choosing a category on the portal.")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department", string="Default Unit", check_company=True,
        help="The unit that answers requests of this category in districts without a route of their own.")
    working_days = fields.Integer(
        string="Deadline (working days)", default=5, required=True,
        help="Working days the unit has to answer, counted from the day after the request is received and "
             "skipping weekends and the public holidays of the company's working calendar.")
    escalation_days = fields.Integer(
        string="Supervisor Escalation (working days)", default=2, required=True,
        help="Working days after the deadline before an unanswered request is escalated from the unit manager "
             "to the 137 supervisors.")
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar", default=lambda self: self._default_resource_calendar(),
        check_company=True,
        help="Working hours and holidays the deadlines of this category are counted in (by default the Iranian "
             "working week shipped with the addon, whatever the company's HR calendar is). Without one, the "
             "company's working hours are used.")
    holiday_warning = fields.Char(compute="_compute_holiday_warning")
    route_ids = fields.One2many("office.citizen.request.route", "category_id", string="Routes by District")

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "Another category of this municipality already has this code.")
    _working_days_positive = models.Constraint(
        "CHECK(working_days > 0 AND escalation_days >= 0)",
        "A category needs a deadline of at least one working day and a non-negative escalation delay.")

    @api.model
    def _default_resource_calendar(self):
        return self.env.ref("municipality_base.resource_calendar_iran", raise_if_not_found=False)

    @api.depends("resource_calendar_id")
    def _compute_holiday_warning(self):
        """Warn when this Jalali year, or the one deadlines reach within two months, has no public holiday."""
        today = self._today_in_iran()  # the municipality's day, not the server's
        years = sorted({jalali.to_jalali(today).year, jalali.to_jalali(today + datetime.timedelta(days=60)).year})
        Request = self.env["office.citizen.request"]
        for category in self:
            calendar = category.resource_calendar_id or category.company_id.resource_calendar_id
            missing = [year for year in years if calendar and not calendar._citizen_desk_has_public_holidays(year)]
            category.holiday_warning = Request._holiday_warning_message(missing[0]) if missing else False

    @api.constrains("code")
    def _check_code(self):
        for category in self:
            code = category.code or ""
            if not code.replace("-", "").replace("_", "").isalnum() or not code.isascii():
                raise ValidationError(self.env._(
                    "The code “%s” of a request category may contain only Latin letters, digits, - and _: "
                    "it is the service_code city apps send.", code))

    # ------------------------------------------------------------------ Open311

    @api.model
    def _open311_services(self, service_code=None, company=None):
        """The active categories of ``company`` (by default the current one: the public user's on the portal
        and the Open311 GETs) offered as Open311 services, or the one with ``service_code``. A code is unique
        in a company."""
        company = company or self.env.company
        domain = [("active", "=", True), ("company_id", "=", company.id)]
        if service_code is not None:
            domain.append(("code", "=", service_code))
        return self.sudo().search(domain)

    def _open311_service(self):
        self.ensure_one()
        return {
            "service_code": self.code,
            "service_name": self.name,
            "description": self.description or "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": self.department_id.name or "",
        }
