from odoo import fields, models
from odoo.exceptions import AccessError

from ..models.res_users import CLASSIFICATIONS


class OfficeClearanceWizard(models.TransientModel):
    """The Correspondence Administrator sets users' letter clearance (without Settings rights)."""

    _name = "office.clearance.wizard"
    _description = "Set Users' Letter Clearance"

    user_ids = fields.Many2many("res.users", string="Users", required=True, domain=[("share", "=", False)])
    clearance = fields.Selection(
        CLASSIFICATIONS, string="Letter Clearance", required=True, default="normal",
        help="The most sensitive class of letters these users may read without being party to them.")

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("office_automation.group_office_admin"):
            raise AccessError(self.env._("Only the Correspondence Administrator sets users' clearances."))
        # The administrator has no rights on users themselves: the clearance alone is written as superuser,
        # and the change is logged with the administrator as its author (res.users.write).
        self.user_ids.filtered(lambda user: not user.share).sudo().write(
            {"office_clearance": self.clearance})
        return {"type": "ir.actions.act_window_close"}
