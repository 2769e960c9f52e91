from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.payment.logging import get_payment_logger

from ..tools.shaparak import ShaparakAmountError, amount_in_rials

_logger = get_payment_logger(__name__)


class PaymentTransaction(models.Model):
    """What every Shaparak gateway does the same way with a transaction.

    A gateway addon (``payment_behpardakht``, …) implements four small hooks
    (``_shaparak_find_from_callback``, ``_shaparak_check_callback``,
    ``_shaparak_callback_paid``, ``_shaparak_confirm_with_bank``) and sends its
    return route to :meth:`_shaparak_handle_callback`, which owns the rules:

    * the amount is the transaction's, in whole rials, sent server side
      (``shaparak_amount`` keeps what the bank was asked for);
    * a callback is processed once: the transaction row is locked, and a
      transaction no longer draft or pending refuses it (a replay);
    * a bank sale reference pays one transaction (``shaparak_sale_reference``,
      unique per provider);
    * nothing is processed before the bank confirms it server side (verify);
    * every refused callback is logged with its reason.
    """

    _inherit = "payment.transaction"

    shaparak_amount = fields.Integer(
        string="Amount Asked of the Bank", readonly=True, copy=False,
        help="The whole rials sent to the bank with the token request.")
    shaparak_token = fields.Char(
        string="Bank Token", readonly=True, copy=False, index="btree_not_null",
        help="The token the bank gave for this payment (Mellat's RefId).")
    shaparak_sale_reference = fields.Char(
        string="Bank Sale Reference", readonly=True, copy=False,
        help="The bank's reference of the card payment; it pays one transaction only.")

    _shaparak_sale_reference_unique = models.UniqueIndex(
        "(provider_id, shaparak_sale_reference) WHERE shaparak_sale_reference IS NOT NULL",
        "A bank sale reference pays one transaction only.")

    # ------------------------------------------------------------------
    # Helpers for the gateways
    # ------------------------------------------------------------------
    def _shaparak_amount_in_rials(self):
        """The transaction's amount as the integer of rials the bank takes; ValidationError otherwise."""
        self.ensure_one()
        try:
            return amount_in_rials(self.amount, self.currency_id.name)
        except ShaparakAmountError:
            raise ValidationError(self.env._(
                "Iranian bank gateways take whole rials only; this payment is %(amount)s %(currency)s.",
                amount=self.amount, currency=self.currency_id.name)) from None

    def _shaparak_unreachable_message(self):
        return self.env._(
            "The bank's payment gateway cannot be reached at the moment. Nothing was paid and nothing was "
            "taken from your card. Please try again in a few minutes, or pay at a bank branch with the "
            "payment ID printed on your slip.")

    def _shaparak_refuse(self, provider_code, data, reason):
        """Log a refused callback (never processed) with its reason."""
        _logger.warning(
            "Refused a %(provider)s callback for transaction %(ref)s: %(reason)s; data: %(data)s",
            {"provider": provider_code, "ref": self.reference or "-", "reason": reason, "data": data})

    def _shaparak_lock(self):
        """Lock the transactions (and, in extensions, what they pay) until the end of the request: a
        second callback for them waits, then fails to serialize and is retried by Odoo on a fresh
        snapshot, where it sees what the first one did."""
        self.env.cr.execute("SELECT id FROM payment_transaction WHERE id IN %s FOR UPDATE", [tuple(self.ids)],
                            log_exceptions=False)  # a serialization failure here is expected, and retried

    def _shaparak_is_still_payable(self):
        """Whether what the transaction pays is still to be paid (extensions check invoices): a payment
        made for something already paid is reversed instead of settled."""
        self.ensure_one()
        return True

    # ------------------------------------------------------------------
    # The callback
    # ------------------------------------------------------------------
    @api.model
    def _shaparak_handle_callback(self, provider_code, data):
        """Handle a gateway's callback ``data`` (what the browser posted back): find the transaction,
        refuse what is not to be processed, confirm the payment with the bank server side and process
        what the bank answered. Returns the transaction (empty when none matches)."""
        tx = self._shaparak_find_from_callback(provider_code, data)
        if not tx:
            self._shaparak_refuse(provider_code, data, "no transaction matches it")
            return tx
        tx._shaparak_lock()
        tx.invalidate_recordset()
        if tx.state not in ("draft", "pending"):
            tx._shaparak_refuse(provider_code, data, f"replayed: the transaction is already {tx.state}")
            return tx
        reason = tx._shaparak_check_callback(data)
        if reason:
            tx._shaparak_refuse(provider_code, data, reason)
            return tx
        sale_reference = tx._shaparak_callback_paid(data)
        if sale_reference:
            used = self.search_count([("provider_id", "=", tx.provider_id.id),
                                      ("shaparak_sale_reference", "=", sale_reference), ("id", "!=", tx.id)])
            if used:
                tx._shaparak_refuse(provider_code, data, f"the bank reference {sale_reference} was already used")
                return tx
            tx.shaparak_sale_reference = sale_reference
            tx.flush_recordset(["shaparak_sale_reference"])
        payment_data = tx._shaparak_confirm_with_bank(data, sale_reference, tx._shaparak_is_still_payable())
        tx._process(provider_code, payment_data)
        if tx.state in ("done", "cancel", "error"):
            tx._post_process()
        return tx

    @api.model
    def _shaparak_find_from_callback(self, provider_code, data):
        """The transaction the callback ``data`` is about (empty if none); gateways implement it."""
        return self.browse()

    def _shaparak_check_callback(self, data):
        """Why the callback cannot be for this transaction (its token, order or amount differ), or None."""
        return None

    def _shaparak_callback_paid(self, data):
        """The bank's sale reference when the callback says the card was charged, else None (cancelled
        or refused at the bank)."""
        return None

    def _shaparak_confirm_with_bank(self, data, sale_reference, still_payable):
        """Ask the bank what happened (verify, settle; inquiry and reversal on doubt) and return the
        payment data to process. ``sale_reference`` is None when the callback says nothing was paid;
        when ``still_payable`` is false the payment is reversed instead of settled."""
        raise NotImplementedError
