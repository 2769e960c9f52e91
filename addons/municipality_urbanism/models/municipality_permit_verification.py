from odoo import fields, models


class MunicipalityPermitVerification(models.Model):
    """A check of a permit's QR code on the public verification page (who asked is not known: the address)."""

    _name = "municipality.permit.verification"
    _description = "Permit Verification Check"
    _order = "id desc"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    checked_on = fields.Datetime(required=True, default=fields.Datetime.now)
    remote_address = fields.Char()
