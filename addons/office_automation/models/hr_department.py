from odoo import models


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "office.letter.linked.mixin"]

    def _office_letter_defaults(self):
        return dict(super()._office_letter_defaults(), recipient_department_ids=[(6, 0, self.ids)])
