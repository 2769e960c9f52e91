from odoo import models


class MunicipalityPaymentOrder(models.Model):
    """The payment order of a payroll run pays the run's net pay: the payment clears the salaries payable of the
    run's journal entry (reconciled with its net-pay line), and paying it marks the run paid."""

    _inherit = "municipality.payment.order"

    def _payroll_run(self):
        return self.env["municipality.payroll.run"].sudo().search([("payment_order_id", "=", self.id)], limit=1)

    def _payroll_net_pay_line(self):
        """The line of the run's entry that owes the employees their net pay (salaries payable, the run's net)."""
        run = self._payroll_run()
        payable = run._chart_account("irm_salaries_payable") if run else False
        return run.move_id.line_ids.filtered(
            lambda line: line.account_id == payable and line.credit == run.net and not line.reconciled)[:1]

    def _payment_vals(self):
        vals = super()._payment_vals()
        net_line = self._payroll_net_pay_line()
        if net_line:
            vals["destination_account_id"] = net_line.account_id.id
        return vals

    def action_pay(self):
        net_lines = {order.id: order._payroll_net_pay_line() for order in self}
        result = super().action_pay()
        for order in self:
            net_line = net_lines[order.id]
            if net_line and order.payment_id:
                paid = order.payment_id.move_id.line_ids.filtered(
                    lambda line, account=net_line.account_id: line.account_id == account and not line.reconciled)
                (paid | net_line).sudo().reconcile()
        runs = self.env["municipality.payroll.run"].sudo().search([("payment_order_id", "in", self.ids)])
        runs._on_payment_order_paid()
        return result
