from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MunicipalityBudgetTransfer(models.Model):
    """A transfer (جابه‌جایی اعتبار) of budget from one expense line to another
    of the same budget, effective once the director approves it."""

    _name = "municipality.budget.transfer"
    _description = "Budget Transfer"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "approved_by_id")
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    budget_id = fields.Many2one(
        "municipality.budget", required=True, index=True, tracking=True, check_company=True,
        domain="[('state', '=', 'approved'), ('company_id', '=', company_id)]")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=lambda self: self._today_in_iran(), tracking=True)
    reason = fields.Text(required=True)
    from_line_id = fields.Many2one(
        "municipality.budget.line", string="From Line", required=True, index=True, tracking=True, check_company=True,
        domain="[('budget_id', '=', budget_id), ('line_type', '=', 'expense')]")
    to_line_id = fields.Many2one(
        "municipality.budget.line", string="To Line", required=True, index=True, tracking=True, check_company=True,
        domain="[('budget_id', '=', budget_id), ('line_type', '=', 'expense'), ('id', '!=', from_line_id)]")
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)


    @api.constrains("from_line_id", "to_line_id", "budget_id", "amount")
    def _check_lines(self):
        for transfer in self:
            if transfer.currency_id.compare_amounts(transfer.amount, 0) <= 0:
                raise ValidationError(self.env._("The amount of transfer %(name)s must be more than zero.",
                                                 name=transfer.name))
            if transfer.from_line_id == transfer.to_line_id:
                raise ValidationError(self.env._("A transfer moves budget between two different lines."))
            if (transfer.from_line_id | transfer.to_line_id).budget_id != transfer.budget_id:
                raise ValidationError(self.env._(
                    "Both lines of transfer %(name)s must belong to budget “%(budget)s”.",
                    name=transfer.name, budget=transfer.budget_id.name))
            if "revenue" in (transfer.from_line_id | transfer.to_line_id).mapped("line_type"):
                raise ValidationError(self.env._(
                    "Budget is transferred between expense lines only; change revenue estimates with an amendment."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":  # numbered in the Jalali year of its own date, for its company
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                date = fields.Date.to_date(vals.get("date")) or self._today_in_iran()
                vals["name"] = self.env["ir.sequence"]._next_for_company(
                    "municipality.budget.transfer", company, sequence_date=date) or "/"
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & {"budget_id", "from_line_id", "to_line_id", "amount", "company_id"} and any(
                transfer.state != "draft" for transfer in self):
            raise UserError(self.env._("Only a draft transfer can be changed; approved transfers are history."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(transfer.state == "approved" for transfer in self):
            raise UserError(self.env._("An approved transfer is part of the budget's history and cannot be deleted."))

    def action_approve(self):
        self.env["municipality.budget"]._check_director()
        for transfer in self:
            if transfer.state != "draft":
                raise UserError(self.env._("Transfer %(name)s is not a draft.", name=transfer.name))
            if transfer.budget_id.state != "approved":
                raise UserError(self.env._(
                    "Transfer %(name)s moves budget within “%(budget)s”, which is not an approved, open budget.",
                    name=transfer.name, budget=transfer.budget_id.name))
            source = transfer.from_line_id
            source._lock_for_update()
            source._refresh_amounts()
            if transfer.currency_id.compare_amounts(transfer.amount, source.amount_available) > 0:
                raise UserError(self.env._(
                    "Line %(line)s has %(available)s available; transfer %(name)s cannot move %(amount)s from it.",
                    line=source.display_name, available=transfer.currency_id.format(source.amount_available),
                    name=transfer.name, amount=transfer.currency_id.format(transfer.amount)))
            transfer.sudo().write({"state": "approved", "approved_by_id": self.env.uid})
        (self.from_line_id | self.to_line_id)._refresh_amounts()

    def action_cancel(self):
        self.check_access("write")
        if any(transfer.state != "draft" for transfer in self):
            raise UserError(self.env._("Only a draft transfer can be cancelled; approved ones are history."))
        self.sudo().write({"state": "cancelled"})

    def action_draft(self):
        self.check_access("write")
        self.filtered(lambda transfer: transfer.state == "cancelled").sudo().write({"state": "draft"})
