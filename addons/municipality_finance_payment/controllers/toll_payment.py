"""Paying a toll without an account: the citizen types the payment ID printed on their slip and their
national ID, and lands on the invoice's portal page (with its access token), where *Pay Now* is."""

from odoo import http
from odoo.http import request

from odoo.addons.municipality_base.tools.digits import normalize_digits
from odoo.addons.municipality_base.tools.identifiers import normalize_national_id

PRIVATE_PAGE_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


class TollPaymentController(http.Controller):

    @http.route("/toll/pay", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def toll_pay_form(self, **_kwargs):
        return request.render("municipality_finance_payment.toll_pay_lookup", {}, headers=PRIVATE_PAGE_HEADERS)

    @http.route("/toll/pay", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def toll_pay_lookup(self, payment_id="", national_id="", **_kwargs):
        """One answer for every miss (unknown payment ID, another citizen's national ID, a cancelled or
        paid toll): it tells nothing about which part was wrong."""
        invoice = self._find_invoice(payment_id, national_id)
        if not invoice:
            return request.render("municipality_finance_payment.toll_pay_lookup", {
                "payment_id": payment_id, "error": True}, status=404, headers=PRIVATE_PAGE_HEADERS)
        return request.redirect(invoice.get_portal_url())

    @staticmethod
    def _find_invoice(payment_id, national_id):
        payment_id = normalize_digits(payment_id or "").strip()
        national_id = normalize_national_id(national_id or "")
        if not (payment_id.isascii() and payment_id.isdigit() and national_id.isascii() and national_id.isdigit()):
            return request.env["account.move"]
        assessment = request.env["municipality.toll.assessment"].sudo().search([
            ("payment_id", "=", payment_id), ("partner_id.national_id", "=", national_id),
            ("state", "=", "confirmed")], limit=1)
        return assessment.invoice_id
