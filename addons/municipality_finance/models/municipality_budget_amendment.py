from odoo import api, fields, models
from odoo.exceptions import UserError


class MunicipalityBudgetAmendment(models.Model):
    """A budget amendment (متمم / اصلاحیه بودجه): signed changes to lines of an
    approved budget, effective once the director approves it."""

    _name = "municipality.budget.amendment"
    _description = "Budget Amendment"
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
    reason = fields.Text(required=True, help="Why the budget changes, and the council resolution if any.")
    resolution_number = fields.Char(string="Council Resolution Number", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    line_ids = fields.One2many("municipality.budget.amendment.line", "amendment_id", string="Changes", copy=True)
    amount_total = fields.Monetary(string="Net Change", compute="_compute_amount_total", store=True)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for amendment in self:
            amendment.amount_total = sum(amendment.line_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":  # numbered in the Jalali year of its own date, for its company
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                date = fields.Date.to_date(vals.get("date")) or self._today_in_iran()
                vals["name"] = self.env["ir.sequence"]._next_for_company(
                    "municipality.budget.amendment", company, sequence_date=date) or "/"
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & {"budget_id", "line_ids", "company_id"} and any(a.state != "draft" for a in self):
            raise UserError(self.env._("Only a draft amendment can be changed; approved amendments are history."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(amendment.state == "approved" for amendment in self):
            raise UserError(self.env._("An approved amendment is part of the budget's history and cannot be deleted."))

    def action_approve(self):
        self.env["municipality.budget"]._check_director()
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(self.env._("Amendment %(name)s is not a draft.", name=amendment.name))
            if amendment.budget_id.state != "approved":
                raise UserError(self.env._(
                    "Amendment %(name)s changes budget “%(budget)s”, which is not an approved, open budget.",
                    name=amendment.name, budget=amendment.budget_id.name))
            if not amendment.line_ids:
                raise UserError(self.env._("Amendment %(name)s has no changes; add the lines it changes.",
                                           name=amendment.name))
        lines = self.line_ids.budget_line_id
        lines._lock_for_update()
        lines._refresh_amounts()
        for line in lines:
            change = sum(self.line_ids.filtered(lambda c: c.budget_line_id == line).mapped("amount"))
            consumed = line.amount_committed + line.amount_actual
            if line.line_type == "expense" and line.currency_id.compare_amounts(line.amount_final + change, consumed) < 0:
                raise UserError(self.env._(
                    "The amendment would bring line %(line)s to %(final)s, below the %(consumed)s already committed "
                    "and spent on it; reduce it by at most %(free)s.",
                    line=line.display_name, final=line.currency_id.format(line.amount_final + change), consumed=line.currency_id.format(consumed),
                    free=line.currency_id.format(line.amount_available)))
            if line.currency_id.compare_amounts(line.amount_final + change, 0) < 0:
                raise UserError(self.env._(
                    "The amendment would make line %(line)s negative; reduce it by at most %(final)s.",
                    line=line.display_name, final=line.currency_id.format(line.amount_final)))
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid})
        lines._refresh_amounts()

    def action_cancel(self):
        self.check_access("write")
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(self.env._("Only a draft amendment can be cancelled; approved ones are history."))
        self.sudo().write({"state": "cancelled"})

    def action_draft(self):
        self.check_access("write")
        self.filtered(lambda amendment: amendment.state == "cancelled").sudo().write({"state": "draft"})
