import base64
import secrets

from odoo import api, fields, models

#: Bytes of randomness of a token (``secrets.token_urlsafe`` gives 32 characters for 24 bytes).
TOKEN_BYTES = 24
#: The lengths a token of the public page may have; anything else is not looked up.
TOKEN_MIN_LENGTH, TOKEN_MAX_LENGTH = 24, 64


class MunicipalityVerificationMixin(models.AbstractModel):
    """A document printed with a QR code to the public verification page ``/urbanism/verify/<token>``
    (the building permit, the building certificate): its secret token, the page's address, the QR code and the
    look-up of the issued document by its token."""

    _name = "municipality.verification.mixin"
    _description = "Publicly Verifiable Document"

    verification_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_user")

    @api.model
    def _new_verification_token(self):
        """A new secret token, given when the document is issued."""
        return secrets.token_urlsafe(TOKEN_BYTES)

    def _verification_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/urbanism/verify/{self.sudo().verification_token}"

    def _verification_qr_data_uri(self):
        """The QR code of the verification page, as a PNG data URI for the printed document."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self._verification_url(), width=300, height=300)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @api.model
    def _find_by_verification_token(self, token):
        """The issued document of ``token`` (empty for anything else); called as superuser by the public page."""
        if not token or not TOKEN_MIN_LENGTH <= len(token) <= TOKEN_MAX_LENGTH:
            return self.browse()
        return self.search([("verification_token", "=", token), ("state", "=", "issued")], limit=1)
