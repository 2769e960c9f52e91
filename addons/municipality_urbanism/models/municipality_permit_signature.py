from odoo import fields, models

SIGNATURE_ROLES = [("head", "Head of Urban Planning"), ("deputy", "Deputy for Urban Planning"), ("mayor", "Mayor")]
SIGNATURE_GROUPS = {
    "head": "municipality_urbanism.group_urbanism_head",
    "deputy": "municipality_urbanism.group_urbanism_deputy",
    "mayor": "municipality_finance.group_municipality_mayor",
}


class MunicipalityPermitSignature(models.Model):
    """A signature of a permit (head of urban planning, deputy, mayor, in this order), with its time and the
    hash of the permit's facts it signed."""

    _name = "municipality.permit.signature"
    _description = "Permit Signature"
    _order = "permit_id, sequence, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(required=True)
    role = fields.Selection(SIGNATURE_ROLES, required=True)
    user_id = fields.Many2one("res.users", string="Signed By", required=True)
    signed_on = fields.Datetime(required=True)
    content_hash = fields.Char(string="Content Hash", required=True,
                               help="SHA-256 of the permit's facts at the time of signing.")
