from odoo import api, models


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "office.letter.linked.mixin"]

    def _office_letter_defaults(self):
        return dict(super()._office_letter_defaults(), recipient_department_ids=[(6, 0, self.ids)])

    @api.model
    def _office_units_managed_by(self, user):
        """The units ``user`` manages and their sub-units, for a Unit Manager of the correspondence (empty for
        anyone else): the scope of the letters they refer and the referrals they follow."""
        if not user.has_group("office_automation.group_office_unit_manager"):
            return self.browse()
        managed = self.sudo().with_context(active_test=False).search([("manager_id.user_id", "=", user.id)])
        if not managed:
            return self.browse()
        return self.sudo().with_context(active_test=False).search([("id", "child_of", managed.ids)]).sudo(False)
