from odoo import http
from odoo.http import request


class PermitVerification(http.Controller):
    """The public page a printed permit's QR code opens: it confirms the permit with non-personal facts only
    (number, type, property code, areas, dates), and logs each check."""

    @http.route("/urbanism/verify/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def verify_permit(self, token, **kwargs):
        permit = request.env["municipality.permit"].sudo()._find_by_verification_token(token)
        if not permit:
            # a page of its own (404) in the visitor's language, not the web's generic English «page not found»:
            # the one who scans a forged or mistyped code learns that nothing was verified
            return request.render("municipality_urbanism.verification_not_found_page", {}, status=404)
        request.env["municipality.permit.verification"].sudo().create({
            "permit_id": permit.id, "remote_address": request.httprequest.remote_addr})
        return request.render("municipality_urbanism.permit_verification_page", {"facts": permit._public_facts()})
