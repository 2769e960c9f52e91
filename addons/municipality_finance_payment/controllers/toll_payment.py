"""Paying a toll without an account: the citizen types the payment ID printed on their slip and their
national ID, and lands on the invoice's portal page (with its access token), where *Pay Now* is. Tries are
rate-limited per client address and per national ID (``municipality.rate.limit``): payment IDs are sequential."""

from odoo import http
from odoo.http import request

from odoo.addons.municipality_base.models.municipality_rate_limit import client_address
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
        paid toll): it tells nothing about which part was wrong. Every try counts, a miss as well as a find,
        per address and per national ID; over either limit, the lookup is not even made."""
        if not self._within_rate_limits(national_id):
            return request.render("municipality_finance_payment.toll_pay_lookup", {
                "payment_id": payment_id, "rate_limited": True}, status=429, headers=PRIVATE_PAGE_HEADERS)
        invoice = self._find_invoice(payment_id, national_id)
        if not invoice:
            return request.render("municipality_finance_payment.toll_pay_lookup", {
                "payment_id": payment_id, "error": True}, status=404, headers=PRIVATE_PAGE_HEADERS)
        return request.redirect(invoice.get_portal_url())

    @staticmethod
    def _within_rate_limits(national_id):
        """Count this try for the client's address and for the national ID typed (as normalized: the same
        citizen in Persian or Latin digits is one counter); ``False`` once either is over its limit."""
        RateLimit = request.env["municipality.rate.limit"].sudo()
        within = RateLimit._hit("toll_pay", client_address())
        national_id = normalize_national_id(national_id or "")
        if national_id:
            within = RateLimit._hit("toll_pay_national_id", national_id) and within
        return within

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
