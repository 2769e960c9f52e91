from datetime import timedelta

from odoo import api, fields, models

from ..models.office_referral import REQUESTED_ACTIONS


class OfficeReferralWizard(models.TransientModel):
    """Refer a letter, or a referral received, to several people or units at once."""

    _name = "office.referral.wizard"
    _description = "Refer a Letter"

    letter_id = fields.Many2one("office.letter", string="Letter", required=True, readonly=True)
    parent_id = fields.Many2one("office.referral", string="Referring Further", readonly=True,
                                help="The referral received that is referred further.")
    user_ids = fields.Many2many(
        "res.users", string="People", domain=lambda self: self._domain_user_ids(),
        help="Each person gets a referral in their in-tray.")
    department_ids = fields.Many2many(
        "hr.department", string="Units", help="A unit gets the referral through its manager.")
    note = fields.Text(string="Margin Note", help="Your instruction to the recipients (هامش).")
    requested_action = fields.Selection(REQUESTED_ACTIONS, required=True, default="action")
    deadline = fields.Date(default=lambda self: self._today_in_iran() + timedelta(days=7))

    @api.model
    def _domain_user_ids(self):
        return [("share", "=", False), ("id", "!=", self.env.uid),
                ("all_group_ids", "in", self.env.ref("office_automation.group_office_staff").ids)]

    def action_refer(self):
        self.ensure_one()
        self.env["office.referral"]._refer(
            self.letter_id, users=self.user_ids, departments=self.department_ids, note=self.note,
            requested_action=self.requested_action, deadline=self.deadline, parent=self.parent_id)
        return {"type": "ir.actions.act_window_close"}
