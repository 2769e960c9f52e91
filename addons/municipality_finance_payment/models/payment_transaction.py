from odoo import models


class PaymentTransaction(models.Model):
    """A bank callback for an invoice locks the invoice: two payments of one invoice (two browser tabs)
    are processed one after the other, and the second, finding the invoice paid, is reversed at the bank
    instead of settled (payment_shaparak's rule)."""

    _inherit = "payment.transaction"

    def _shaparak_lock(self):
        super()._shaparak_lock()
        if self.invoice_ids:
            self.env.cr.execute("SELECT id FROM account_move WHERE id IN %s ORDER BY id FOR UPDATE",
                                [tuple(self.invoice_ids.ids)], log_exceptions=False)
            self.invoice_ids.invalidate_recordset()

    def _shaparak_is_still_payable(self):
        payable = super()._shaparak_is_still_payable()
        invoices = self.invoice_ids
        if not payable or not invoices:
            return payable
        if any(invoice.state != "posted" or invoice.payment_state not in ("not_paid", "partial")
               for invoice in invoices):
            return False
        others = self.search([("invoice_ids", "in", invoices.ids), ("id", "!=", self.id),
                              ("state", "=", "done"), ("payment_id", "=", False)])
        if others:
            return False  # another payment is done and not yet in the books
        residual = sum(invoices.mapped("amount_residual"))
        return self.currency_id.compare_amounts(self.amount, residual) <= 0
