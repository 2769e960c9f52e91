from odoo import models


class MunicipalityPaymentOrder(models.Model):
    """Paying the payment order of a payroll run marks the run paid."""

    _inherit = "municipality.payment.order"

    def action_pay(self):
        result = super().action_pay()
        runs = self.env["municipality.payroll.run"].sudo().search([("payment_order_id", "in", self.ids)])
        runs._on_payment_order_paid()
        return result
