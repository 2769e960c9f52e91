from odoo import api, fields, models
from odoo.exceptions import UserError

from .account_move import BATCH_CONTEXT, check_company_batched

#: The budget fields of a journal item: fixed once the item is posted.
_BUDGET_FIELDS = ("budget_line_id", "budget_commitment_id")


class AccountMoveLine(models.Model):
    """Journal items have their fiscal year and period, and know the budget
    line they execute and the commitment they consume."""

    _name = "account.move.line"
    _inherit = ["account.move.line", "municipality.fiscal.date.mixin"]

    # copy=False: a copy (a reversal, a duplicated bill) may be dated in another year, whose budget has other
    # lines and commitments; posting assigns the line again. A reversal keeps them within the same year (below).
    budget_line_id = fields.Many2one(
        "municipality.budget.line", string="Budget Line", index="btree_not_null", ondelete="restrict", copy=False,
        domain="[('account_ids', 'in', account_id), ('budget_state', '=', 'approved')]",
        help="The budget line this item executes. Set when the item is posted if only one line of the year's "
             "approved budget covers the account; otherwise choose it.")
    budget_commitment_id = fields.Many2one(
        "municipality.budget.commitment", string="Commitment", index="btree_not_null", ondelete="restrict",
        copy=False,
        domain="[('state', '=', 'approved'), ('budget_line_id.account_ids', 'in', account_id)]",
        help="The approved commitment (تأمین اعتبار) this bill line settles.")

    @api.onchange("budget_commitment_id")
    def _onchange_budget_commitment_id(self):
        for line in self:
            if line.budget_commitment_id:
                line.budget_line_id = line.budget_commitment_id.budget_line_id

    def copy_data(self, default=None):
        """A reversal (``_reverse_moves`` copies with ``move_reverse_cancel`` in
        the context) keeps the budget line and commitment; ``create`` drops
        them again when the reversal is dated in another fiscal year."""
        vals_list = super().copy_data(default)
        if "move_reverse_cancel" in self.env.context:
            for line, vals in zip(self, vals_list):
                for name in _BUDGET_FIELDS:
                    if line[name] and name not in (default or {}):
                        vals[name] = line[name].id
        return vals_list

    def _check_company(self, fnames=None):
        if len(self) > 1 and self.env.context.get(BATCH_CONTEXT):
            return check_company_batched(self, fnames, super()._check_company)
        return super()._check_company(fnames)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if "move_reverse_cancel" in self.env.context:
            for line in lines.filtered(lambda item: item.budget_line_id or item.budget_commitment_id):
                year = line.budget_line_id.fiscal_year_id
                values = {}
                if line.budget_line_id and not (year.date_from <= line.date <= year.date_to):
                    values["budget_line_id"] = False
                # a reversal gives back what its original consumed, even to a consumed or closed commitment
                if line.budget_commitment_id and not line.budget_commitment_id._usable_on(line.date, refund=True):
                    values["budget_commitment_id"] = False
                if values:
                    line.write(values)
        return lines

    def write(self, vals):
        """The budget line and commitment of a posted item are what the budget
        report counts: they change only after resetting the entry to draft."""
        if not self.env.su:
            changed = [name for name in _BUDGET_FIELDS if name in vals and any(
                line.parent_state == "posted" and line[name].id != (vals[name] or False) for line in self)]
            if changed:
                raise UserError(self.env._(
                    "The budget line and commitment of a posted journal item cannot change (%(fields)s); reset "
                    "the entry to draft, change them and post it again.",
                    fields=", ".join(self._fields[name].get_description(self.env)["string"] for name in changed)))
        return super().write(vals)
