from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MunicipalityBudgetAmendmentLine(models.Model):
    """One change of an amendment: a signed amount on a budget line."""

    _name = "municipality.budget.amendment.line"
    _description = "Budget Amendment Line"
    _check_company_auto = True

    amendment_id = fields.Many2one("municipality.budget.amendment", required=True, index=True, ondelete="cascade")
    budget_id = fields.Many2one(related="amendment_id.budget_id")
    company_id = fields.Many2one(related="amendment_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="amendment_id.state", store=True)
    budget_line_id = fields.Many2one(
        "municipality.budget.line", string="Budget Line", required=True, index=True, check_company=True,
        domain="[('budget_id', '=', budget_id)]")
    amount = fields.Monetary(
        string="Change", required=True, help="Positive to increase the line, negative to reduce it.")

    @api.constrains("amount", "budget_line_id")
    def _check_amount_and_line(self):
        for change in self:
            if change.currency_id.is_zero(change.amount):
                raise ValidationError(self.env._(
                    "The change to line %(line)s is zero; enter the increase (positive) or the reduction (negative).",
                    line=change.budget_line_id.display_name))
            if change.budget_line_id.budget_id != change.amendment_id.budget_id:
                raise ValidationError(self.env._(
                    "Line %(line)s is not a line of budget “%(budget)s” that the amendment changes.",
                    line=change.budget_line_id.display_name, budget=change.amendment_id.budget_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        changes._check_amendment_is_draft()
        return changes

    def write(self, vals):
        self._check_amendment_is_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self._check_amendment_is_draft()

    def _check_amendment_is_draft(self):
        if any(change.amendment_id.state != "draft" for change in self):
            raise UserError(self.env._("Only a draft amendment can be changed; approved amendments are history."))
