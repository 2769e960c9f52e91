from odoo import api, fields, models


class AccountMoveLine(models.Model):
    """Journal items have their fiscal year and period, and know the budget
    line they execute and the commitment they consume."""

    _name = "account.move.line"
    _inherit = ["account.move.line", "municipality.fiscal.date.mixin"]

    budget_line_id = fields.Many2one(
        "municipality.budget.line", string="Budget Line", index="btree_not_null", ondelete="restrict",
        domain="[('account_ids', 'in', account_id), ('budget_state', '=', 'approved')]",
        help="The budget line this item executes. Set when the item is posted if only one line of the year's "
             "approved budget covers the account; otherwise choose it.")
    budget_commitment_id = fields.Many2one(
        "municipality.budget.commitment", string="Commitment", index="btree_not_null", ondelete="restrict",
        domain="[('state', '=', 'approved'), ('budget_line_id.account_ids', 'in', account_id)]",
        help="The approved commitment (تأمین اعتبار) this bill line settles.")

    @api.onchange("budget_commitment_id")
    def _onchange_budget_commitment_id(self):
        for line in self:
            if line.budget_commitment_id:
                line.budget_line_id = line.budget_commitment_id.budget_line_id
