import datetime
import zoneinfo

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.urls import urljoin

from odoo.addons.payment.logging import get_payment_logger

from ..const import CODE, RESULT_CODES, RETURN_ROUTE
from ..tools import mellat

_logger = get_payment_logger(__name__)
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


class PaymentTransaction(models.Model):
    """Mellat's round trip: ``bpPayRequest`` (server side, the amount from the
    transaction) → the bank's page → the callback → ``bpVerifyRequest`` →
    ``bpSettleRequest``; ``bpInquiryRequest`` when a verify gets no answer,
    ``bpReversalRequest`` when the payment is not to be kept. The Mellat order
    ID is the transaction's id."""

    _inherit = "payment.transaction"

    # ------------------------------------------------------------------
    # Request and redirect
    # ------------------------------------------------------------------
    def _get_specific_rendering_values(self, processing_values):
        if self.provider_code != CODE:
            return super()._get_specific_rendering_values(processing_values)
        try:
            amount = self._shaparak_amount_in_rials()
        except ValidationError as error:
            self._set_error(str(error))
            return {}
        provider = self.provider_id
        callback_url = urljoin(provider.get_base_url(), RETURN_ROUTE)
        now = datetime.datetime.now(TEHRAN)
        try:
            code, ref_id = provider._behpardakht_gateway().pay_request(self.id, amount, now, callback_url)
        except mellat.MellatUnreachable as error:
            _logger.warning("Behpardakht is unreachable for transaction %s: %s", self.reference, error)
            self._set_error(self._shaparak_unreachable_message())
            return {}
        if code != mellat.SUCCESS or not ref_id:
            _logger.warning("Behpardakht refused the payment request of %s with code %s", self.reference, code)
            self._set_error(self.env._(
                "The bank refused to start the payment (%(reason)s). Nothing was paid.",
                reason=self._behpardakht_code_label(code)))
            return {}
        self.write({"shaparak_amount": amount, "shaparak_token": ref_id})
        return {"api_url": provider.behpardakht_payment_url, "ref_id": ref_id}

    def _behpardakht_code_label(self, code):
        label = RESULT_CODES.get(code)
        return str(label) if label else self.env._("unknown code %(code)s", code=code)

    # ------------------------------------------------------------------
    # Callback checks (payment_shaparak's hooks)
    # ------------------------------------------------------------------
    @api.model
    def _shaparak_find_from_callback(self, provider_code, data):
        if provider_code != CODE:
            return super()._shaparak_find_from_callback(provider_code, data)
        if not data.get("RefId"):
            return self.browse()
        return self.search([("provider_code", "=", CODE), ("shaparak_token", "=", data["RefId"])], limit=1)

    def _shaparak_check_callback(self, data):
        if self.provider_code != CODE:
            return super()._shaparak_check_callback(data)
        if data.get("SaleOrderId") != str(self.id):
            return f"the order {data.get('SaleOrderId')!r} is not this payment's order {self.id}"
        final_amount = data.get("FinalAmount")
        if final_amount and final_amount != str(self.shaparak_amount):
            return f"the amount {final_amount!r} is not the amount asked of the bank ({self.shaparak_amount})"
        return None

    def _shaparak_callback_paid(self, data):
        if self.provider_code != CODE:
            return super()._shaparak_callback_paid(data)
        reference = data.get("SaleReferenceId") or ""
        if data.get("ResCode") == mellat.SUCCESS and reference.isdigit():
            return reference
        return None

    # ------------------------------------------------------------------
    # Asking the bank
    # ------------------------------------------------------------------
    def _shaparak_confirm_with_bank(self, data, sale_reference, still_payable):
        if self.provider_code != CODE:
            return super()._shaparak_confirm_with_bank(data, sale_reference, still_payable)
        result = {"reference": self.reference, "res_code": data.get("ResCode")}
        if not sale_reference:
            if data.get("ResCode") == mellat.USER_CANCELLED:
                return dict(result, status="cancel", message=self.env._("You cancelled the payment at the bank."))
            return dict(result, status="error", message=self.env._(
                "The bank did not accept the card (%(reason)s). Nothing was paid.",
                reason=self._behpardakht_code_label(data.get("ResCode"))))
        gateway = self.provider_id._behpardakht_gateway()
        verified, code = self._behpardakht_verify(gateway, sale_reference)
        if not verified:
            self._behpardakht_reverse(gateway, sale_reference)
            return dict(result, status="error", message=self.env._(
                "The bank did not confirm the payment (%(reason)s). If your card was charged, the bank returns "
                "the amount to it within 72 hours.", reason=code))
        if not still_payable:
            self._behpardakht_reverse(gateway, sale_reference)
            return dict(result, status="error", message=self.env._(
                "This was already paid by another payment; this one is returned to your card by the bank."))
        try:
            code = gateway.settle(self.id, sale_reference)
        except mellat.MellatUnreachable as error:
            _logger.warning("Behpardakht settle of %s got no answer: %s", self.reference, error)
            code = None
        if code not in (mellat.SUCCESS, mellat.ALREADY_SETTLED):
            self._behpardakht_reverse(gateway, sale_reference)
            return dict(result, status="error", message=self.env._(
                "The bank did not settle the payment (%(reason)s). If your card was charged, the bank returns "
                "the amount to it within 72 hours.",
                reason=self._behpardakht_code_label(code) if code else self.env._("no answer")))
        return dict(result, status="done", amount=self.shaparak_amount, currency="IRR",
                    sale_reference=sale_reference)

    def _behpardakht_verify(self, gateway, sale_reference):
        """``(verified, reason)``: verify, and on no answer (or "already verified") ask by inquiry."""
        try:
            code = gateway.verify(self.id, sale_reference)
        except mellat.MellatUnreachable as error:
            _logger.warning("Behpardakht verify of %s got no answer, asking by inquiry: %s", self.reference, error)
            code = None
        if code == mellat.SUCCESS:
            return True, code
        if code not in (None, mellat.ALREADY_VERIFIED):
            _logger.warning("Behpardakht verify of %s failed with code %s", self.reference, code)
            return False, self._behpardakht_code_label(code)
        try:
            inquiry = gateway.inquiry(self.id, sale_reference)
        except mellat.MellatUnreachable as error:
            _logger.warning("Behpardakht inquiry of %s got no answer: %s", self.reference, error)
            return False, self.env._("the bank did not answer")
        if inquiry == mellat.SUCCESS:
            return True, inquiry
        return False, self._behpardakht_code_label(inquiry)

    def _behpardakht_reverse(self, gateway, sale_reference):
        """Ask the bank to give the money back (best effort: an unverified payment the bank reverses by
        itself)."""
        try:
            code = gateway.reversal(self.id, sale_reference)
        except mellat.MellatUnreachable as error:
            code = f"no answer ({error})"
        _logger.info("Behpardakht reversal of %s: %s", self.reference, code)
        return code

    # ------------------------------------------------------------------
    # Processing (payment's hooks)
    # ------------------------------------------------------------------
    @api.model
    def _extract_reference(self, provider_code, payment_data):
        if provider_code != CODE:
            return super()._extract_reference(provider_code, payment_data)
        return payment_data.get("reference")

    def _extract_amount_data(self, payment_data):
        if self.provider_code != CODE:
            return super()._extract_amount_data(payment_data)
        if payment_data.get("status") != "done":
            return None  # nothing was paid: no amount to compare
        return {"amount": float(payment_data["amount"]), "currency_code": payment_data["currency"],
                "precision_digits": 0}

    def _apply_updates(self, payment_data):
        if self.provider_code != CODE:
            return super()._apply_updates(payment_data)
        status = payment_data.get("status")
        if status == "done":
            self.provider_reference = payment_data["sale_reference"]
            self._set_done()
        elif status == "cancel":
            self._set_canceled(state_message=payment_data.get("message"))
        else:
            self._set_error(payment_data.get("message") or self.env._("The bank refused the payment."))
