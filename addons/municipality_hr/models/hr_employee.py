from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrEmployee(models.Model):
    """A municipality's employee: the person is a citizen (``work_contact_id``,
    the ``res.partner`` with the validated national ID, so that the same
    person as citizen and as employee is one partner), with the personnel
    file's identifiers and where they are insured. What changes by decree
    (employment type, grade, service years, children) is on ``hr.version``."""

    _inherit = "hr.employee"

    national_id = fields.Char(
        related="work_contact_id.national_id", string="National ID", groups="hr.group_hr_user",
        help="The national ID of the employee's citizen record (their contact).")
    personnel_number = fields.Char(string="Personnel Number", groups="hr.group_hr_user", copy=False, tracking=True)
    father_name = fields.Char(string="Father's Name", groups="hr.group_hr_user", tracking=True)
    birth_certificate_number = fields.Char(string="Birth Certificate No.", groups="hr.group_hr_user", tracking=True)
    birth_certificate_place = fields.Char(string="Place of Issue", groups="hr.group_hr_user", tracking=True)
    birth_certificate_date = fields.Date(string="Date of Issue", groups="hr.group_hr_user")
    insurance_number = fields.Char(string="Insurance No.", groups="hr.group_hr_user", tracking=True)
    education = fields.Selection(
        [("below_diploma", "Below Diploma"), ("diploma", "Diploma"), ("associate", "Associate Degree"),
         ("bachelor", "Bachelor's Degree"), ("master", "Master's Degree"), ("doctorate", "Doctorate")],
        groups="hr.group_hr_user", tracking=True)
    veteran_status = fields.Selection(
        [("none", "None"), ("veteran", "Veteran (ایثارگر)"), ("disabled_veteran", "Disabled Veteran (جانباز)"),
         ("freed_pow", "Freed Prisoner of War (آزاده)"), ("martyr_family", "Martyr's Family")],
        string="Veteran Status", default="none", groups="hr.group_hr_user", tracking=True)
    insurer_id = fields.Many2one("municipality.hr.insurer", string="Insurer", groups="hr.group_hr_user", tracking=True)
    workshop_id = fields.Many2one(
        "municipality.hr.workshop", string="Insurance Workshop", groups="hr.group_hr_user", tracking=True,
        check_company=True, help="The tax and insurance workshop the employee is listed in.")

    # decided by decree, kept on the version in force
    municipality_employment_type = fields.Selection(
        related="version_id.municipality_employment_type", inherited=True, readonly=False, groups="hr.group_hr_user")
    grade = fields.Char(related="version_id.grade", inherited=True, readonly=False, groups="hr.group_hr_user")
    points = fields.Integer(related="version_id.points", inherited=True, readonly=False, groups="hr.group_hr_user")
    service_years = fields.Float(related="version_id.service_years", inherited=True, readonly=False,
                                 groups="hr.group_hr_user")
    allowance_children = fields.Integer(related="version_id.allowance_children", inherited=True, readonly=False,
                                        groups="hr.group_hr_user")

    _personnel_number_unique = models.Constraint(
        "UNIQUE(company_id, personnel_number)", "Each employee of a municipality has their own personnel number.")

    @api.constrains("work_contact_id", "personnel_number")
    def _check_citizen_record(self):
        for employee in self.sudo():
            if employee.personnel_number and employee.work_contact_id and not employee.work_contact_id.national_id:
                raise ValidationError(self.env._(
                    "Employee %(employee)s has a personnel number but their contact %(contact)s has no national ID; "
                    "link the employee to their citizen record (a contact with a valid national ID).",
                    employee=employee.name, contact=employee.work_contact_id.display_name))
