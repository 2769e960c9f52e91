from odoo import models


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "office.letter.linked.mixin"]
