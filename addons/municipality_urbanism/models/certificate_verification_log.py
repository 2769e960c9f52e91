from odoo import fields, models


class MunicipalityPermitVerification(models.Model):
    """A check of a certificate's QR code is logged with the permit checks, naming the certificate."""

    _inherit = "municipality.permit.verification"

    certificate_id = fields.Many2one("municipality.building.certificate", ondelete="cascade", index=True)
