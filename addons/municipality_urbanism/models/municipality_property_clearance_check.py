from odoo import fields, models


class MunicipalityPropertyClearanceCheck(models.Model):
    """A check of a clearance's QR code on the public verification page (who asked is not known: the address)."""

    _name = "municipality.property.clearance.check"
    _description = "Clearance Verification Check"
    _order = "id desc"

    clearance_id = fields.Many2one("municipality.property.clearance", required=True, ondelete="cascade", index=True)
    checked_on = fields.Datetime(required=True, default=fields.Datetime.now)
    remote_address = fields.Char()
