from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: Employment types of a municipality, shared by ``hr.version`` and the decree (one static list, so that its
#: labels are translated the same on both).
EMPLOYMENT_TYPES = [
    ("permanent", "Permanent (رسمی)"),
    ("contract", "Contract (پیمانی)"),
    ("fixed_term", "Fixed-term (قراردادی)"),
    ("worker", "Worker under the Labour Law"),
    ("other", "Other"),
]


class HrVersion(models.Model):
    """The employment terms in force from a date. In a municipality each
    version is the result of a personnel decree (created by its approval)."""

    _inherit = "hr.version"

    municipality_employment_type = fields.Selection(
        EMPLOYMENT_TYPES, string="Employment Type", groups="hr.group_hr_user", tracking=True)
    grade = fields.Char(string="Grade or Group", groups="hr.group_hr_user", tracking=True,
                        help="The job grade (گروه/رتبه) of the grade table.")
    points = fields.Integer(groups="hr.group_hr_user", tracking=True,
                            help="Points, where pay is points × the year's coefficient.")
    service_years = fields.Float(string="Service Years", digits=(5, 2), groups="hr.group_hr_user", tracking=True)
    allowance_children = fields.Integer(
        string="Children for Allowance", groups="hr.group_hr_user", tracking=True,
        help="The children the child allowance is paid for.")
    decree_id = fields.Many2one(
        "municipality.hr.decree", string="Decree", groups="hr.group_hr_user", readonly=True, copy=False,
        index="btree_not_null", help="The personnel decree whose approval created these terms.")

    @api.constrains("allowance_children", "service_years", "points")
    def _check_counts(self):
        for version in self.sudo():
            if version.allowance_children < 0 or version.service_years < 0 or version.points < 0:
                raise ValidationError(self.env._(
                    "The children counted for the allowance, the service years and the points of %(employee)s "
                    "cannot be negative.", employee=version.employee_id.name or version.name))
