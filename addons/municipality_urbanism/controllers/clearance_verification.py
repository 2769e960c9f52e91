from odoo import http
from odoo.http import request

from .certificate_verification import CertificateVerification


class ClearanceVerification(CertificateVerification):
    """The QR code of a clearance (مفاصاحساب) opens the same verification address as a permit's or a
    certificate's; it shows only non-personal facts and each check is logged."""

    @http.route()
    def verify_permit(self, token, **kwargs):
        clearance = request.env["municipality.property.clearance"].sudo()._find_by_verification_token(token)
        if not clearance:
            return super().verify_permit(token, **kwargs)
        request.env["municipality.property.clearance.check"].sudo().create({
            "clearance_id": clearance.id, "remote_address": request.httprequest.remote_addr})
        return request.render("municipality_urbanism.clearance_verification_page",
                              {"facts": clearance._public_facts()})
