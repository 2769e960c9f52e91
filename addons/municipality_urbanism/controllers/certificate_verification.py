from odoo import http
from odoo.http import request

from .verification import PermitVerification


class CertificateVerification(PermitVerification):
    """The QR code of a certificate opens the same verification address as a permit's; each check is logged."""

    @http.route(website=True)
    def verify_permit(self, token, **kwargs):
        certificate = request.env["municipality.building.certificate"].sudo()._find_by_verification_token(token)
        if not certificate:
            return super().verify_permit(token, **kwargs)
        request.env["municipality.permit.verification"].sudo().create({
            "permit_id": certificate.permit_id.id, "certificate_id": certificate.id,
            "remote_address": request.httprequest.remote_addr})
        return request.render("municipality_urbanism.certificate_verification_page",
                              {"facts": certificate._public_facts()})
