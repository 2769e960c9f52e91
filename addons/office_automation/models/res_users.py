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


class ResUsers(models.Model):
    _inherit = "res.users"

    office_clearance = fields.Selection(
        CLASSIFICATIONS, string="Letter Clearance", default="normal", required=True,
        groups="base.group_user",
        help="The most sensitive class of letters this user may read without being party to them "
             "(author, sender, signer, recipient or referee).")
    office_clearance_level = fields.Integer(
        compute="_compute_office_clearance_level", store=True, groups="base.group_user")
    office_signature = fields.Image(
        string="Signature Image", max_width=600, max_height=300, groups="base.group_user",
        help="Your handwritten signature, printed on the letters you sign.")

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["office_clearance", "office_signature"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["office_signature"]

    def _get_invalidation_fields(self):
        # Record rules read the clearance: a changed clearance must not keep the old rules' cached result.
        return super()._get_invalidation_fields() | {"office_clearance"}

    @api.depends("office_clearance")
    def _compute_office_clearance_level(self):
        for user in self:
            user.office_clearance_level = CLASSIFICATION_LEVEL.get(user.office_clearance, 0)
