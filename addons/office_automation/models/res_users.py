from odoo import api, fields, models

#: Classes of the Regulation on classified government documents (1354), least to most sensitive.
CLASSIFICATIONS = [
    ("normal", "Normal"),
    ("confidential", "Confidential"),
    ("very_confidential", "Very Confidential"),
    ("secret", "Secret"),
    ("top_secret", "Top Secret"),
]
CLASSIFICATION_LEVEL = {key: level for level, (key, _label) in enumerate(CLASSIFICATIONS)}


#: Who reads (and, with the rights on users, writes) other users' clearances and signature images; each
#: user also reads their own (``SELF_READABLE_FIELDS``) and sets their own signature image.
OFFICE_USER_FIELDS_GROUPS = "office_automation.group_office_admin,base.group_system"


class ResUsers(models.Model):
    _inherit = "res.users"

    office_clearance = fields.Selection(
        CLASSIFICATIONS, string="Letter Clearance", default="normal", required=True,
        groups=OFFICE_USER_FIELDS_GROUPS,
        help="The most sensitive class of letters this user may read without being party to them "
             "(author, sender, signer, recipient or referee).")
    office_clearance_level = fields.Integer(
        compute="_compute_office_clearance_level", store=True, groups=OFFICE_USER_FIELDS_GROUPS)
    office_signature = fields.Image(
        string="Signature Image", max_width=600, max_height=300, groups=OFFICE_USER_FIELDS_GROUPS,
        help="Your handwritten signature, printed on the letters you sign.")

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["office_clearance", "office_clearance_level",
                                             "office_signature"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["office_signature"]

    def _get_invalidation_fields(self):
        # Record rules read the clearance: a changed clearance must not keep the old rules' cached result.
        return super()._get_invalidation_fields() | {"office_clearance"}

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda user: user.sudo().office_clearance != "normal")._log_clearance_changes(
            {user.id: False for user in users})
        return users

    def write(self, vals):
        if "office_clearance" not in vals:
            return super().write(vals)
        previous = {user.id: user.sudo().office_clearance for user in self}
        result = super().write(vals)
        self.filtered(lambda user: user.sudo().office_clearance != previous[user.id])._log_clearance_changes(
            previous)
        return result

    def _log_clearance_changes(self, previous):
        """Record who changed these users' clearances, from ``previous`` ({user id: clearance}) to now."""
        if self:
            self.env["office.clearance.log"].sudo().create([{
                "user_id": user.id,
                "clearance_before": previous.get(user.id) or False,
                "clearance_after": user.sudo().office_clearance,
                "changed_by_id": self.env.uid,
            } for user in self])

    def action_open_clearance_wizard(self):
        """Set the clearance of the selected users (Correspondence Administrator)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Set Clearance"),
            "res_model": "office.clearance.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_user_ids": [(6, 0, self.ids)]},
        }

    @api.depends("office_clearance")
    def _compute_office_clearance_level(self):
        for user in self:
            user.office_clearance_level = CLASSIFICATION_LEVEL.get(user.office_clearance, 0)
