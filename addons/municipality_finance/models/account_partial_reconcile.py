from odoo import models


class AccountPartialReconcile(models.Model):
    """Undoing a reconciliation (a cancelled or reset payment, a bounced cheque)
    tells the toll assessments of the re-opened invoices."""

    _inherit = "account.partial.reconcile"

    def unlink(self):
        moves = (self.debit_move_id | self.credit_move_id).move_id
        result = super().unlink()
        moves.exists()._sync_toll_paid_hooks()
        return result
