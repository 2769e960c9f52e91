from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    toll_type_id = fields.Many2one(
        "municipality.toll.type", string="Toll Type", readonly=True, copy=False, index="btree_not_null",
        help="Set on the invoice of a toll assessment; the revenue report groups collections by it.")

    def _invoice_paid_hook(self):
        """Tell the toll assessments of these invoices that they are paid."""
        result = super()._invoice_paid_hook()
        if self.filtered("toll_type_id"):
            self.env["municipality.toll.assessment"].sudo().search([
                ("invoice_id", "in", self.ids), ("paid_hook_done", "=", False)])._notify_paid()
        return result
