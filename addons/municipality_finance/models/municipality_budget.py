from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

class MunicipalityBudget(models.Model):
    """The yearly budget the city council approves (بودجه مصوب).

    Draft while it is prepared, approved with the council's resolution, closed
    at year-end. Once approved, the original figures of its lines never change:
    amendments (متمم) and transfers (جابه‌جایی) are documents of their own.
    """

    _name = "municipality.budget"
    _description = "Municipal Budget"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "approved_by_id")
    _order = "fiscal_year_id desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, help="For example «بودجه سال ۱۴۰۵».")
    fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", string="Fiscal Year", required=True, index=True, tracking=True,
        check_company=True, domain="[('company_id', '=', company_id)]")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved by Council"), ("closed", "Closed")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    resolution_number = fields.Char(
        string="Council Resolution Number", tracking=True, copy=False,
        help="Number of the city council's resolution that approved the budget.")
    resolution_date = fields.Date(string="Council Resolution Date", tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    line_ids = fields.One2many("municipality.budget.line", "budget_id", string="Lines", copy=True)
    amendment_ids = fields.One2many("municipality.budget.amendment", "budget_id", string="Amendments")
    transfer_ids = fields.One2many("municipality.budget.transfer", "budget_id", string="Transfers")
    revenue_total = fields.Monetary(string="Approved Revenue", compute="_compute_totals")
    expense_total = fields.Monetary(string="Approved Expense", compute="_compute_totals")
    expense_final_total = fields.Monetary(string="Final Expense", compute="_compute_totals")
    amendment_count = fields.Integer(compute="_compute_document_counts")
    transfer_count = fields.Integer(compute="_compute_document_counts")
    commitment_count = fields.Integer(compute="_compute_document_counts")

    _fiscal_year_unique = models.Constraint(
        "UNIQUE(fiscal_year_id)", "A fiscal year has one budget; amend the existing budget instead.")

    @api.depends("line_ids.amount_approved", "line_ids.amount_final", "line_ids.line_type")
    def _compute_totals(self):
        for budget in self:
            revenue = budget.line_ids.filtered(lambda line: line.line_type == "revenue")
            expense = budget.line_ids - revenue
            budget.revenue_total = sum(revenue.mapped("amount_approved"))
            budget.expense_total = sum(expense.mapped("amount_approved"))
            budget.expense_final_total = sum(expense.mapped("amount_final"))

    def _compute_document_counts(self):
        counts = {}
        for model in ("municipality.budget.amendment", "municipality.budget.transfer", "municipality.budget.commitment"):
            counts[model] = dict(self.env[model]._read_group([("budget_id", "in", self.ids)], ["budget_id"], ["__count"]))
        for budget in self:
            budget.amendment_count = counts["municipality.budget.amendment"].get(budget, 0)
            budget.transfer_count = counts["municipality.budget.transfer"].get(budget, 0)
            budget.commitment_count = counts["municipality.budget.commitment"].get(budget, 0)

    @api.constrains("fiscal_year_id", "company_id")
    def _check_fiscal_year_company(self):
        for budget in self:
            if budget.fiscal_year_id.company_id != budget.company_id:
                raise ValidationError(self.env._(
                    "Budget “%(budget)s” and its fiscal year %(year)s belong to different municipalities; "
                    "choose a fiscal year of %(company)s.",
                    budget=budget.name, year=budget.fiscal_year_id.name, company=budget.company_id.name))

    def write(self, vals):
        frozen = {"fiscal_year_id", "company_id", "resolution_number", "resolution_date"} & set(vals)
        if frozen and not self.env.su and any(budget.state != "draft" for budget in self):
            raise UserError(self.env._(
                "An approved budget keeps its fiscal year, municipality and council resolution; only a draft "
                "budget can change them."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for budget in self:
            if budget.state != "draft":
                raise UserError(self.env._(
                    "Budget “%(budget)s” has been approved by the council and cannot be deleted.", budget=budget.name))

    # workflow ---------------------------------------------------------------

    def action_approve(self):
        """Record the council's approval: the original figures are frozen from now on."""
        self._check_director()
        for budget in self:
            if budget.state != "draft":
                raise UserError(self.env._("Budget “%(budget)s” is not a draft; it cannot be approved again.",
                                           budget=budget.name))
            if not budget.resolution_number or not budget.resolution_date:
                raise UserError(self.env._(
                    "Enter the council resolution number and date of budget “%(budget)s” before approving it.",
                    budget=budget.name))
            if not budget.line_ids:
                raise UserError(self.env._("Budget “%(budget)s” has no lines; add its revenue and expense lines first.",
                                           budget=budget.name))
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid})

    def action_close(self):
        self._check_director()
        self._close()

    def _check_director(self):
        if not self.env.su and not self.env.user.has_group("municipality_finance.group_finance_director"):
            raise AccessError(self.env._("Only the finance director (ذیحساب) approves and closes budget documents."))

    def _close(self):
        """Close approved budgets; their approved commitments that no bill has
        settled lapse or stay payable until the date set on the company
        (آیین‌نامه مالی شهرداری‌ها, ماده ۲۴)."""
        budgets = self.filtered(lambda budget: budget.state == "approved")
        if not budgets:
            return
        commitments = self.env["municipality.budget.commitment"].search(
            [("budget_id", "in", budgets.ids), ("state", "=", "approved")])
        for company, company_commitments in commitments.grouped("company_id").items():
            company_commitments._carry_over_at_year_end(company)
        budgets.sudo().write({"state": "closed"})

    def _reopen(self):
        budgets = self.filtered(lambda budget: budget.state == "closed")
        if not budgets:
            return
        self.env["municipality.budget.commitment"].search(
            [("budget_id", "in", budgets.ids), ("state", "in", ("approved", "lapsed", "done", "closed"))])._undo_year_end()
        budgets.sudo().write({"state": "approved"})

    @api.model
    def _close_for_fiscal_years(self, fiscal_years):
        """Close the approved budgets of ``fiscal_years`` (year-end closing)."""
        self.sudo().search([("fiscal_year_id", "in", fiscal_years.ids)])._close()

    @api.model
    def _reopen_for_fiscal_years(self, fiscal_years):
        """Undo ``_close_for_fiscal_years`` when a closing is reversed."""
        self.sudo().search([("fiscal_year_id", "in", fiscal_years.ids)])._reopen()

    @api.model
    def _approved_for(self, company, date):
        """The approved budget of ``company`` whose fiscal year contains ``date`` (empty if none)."""
        return self.search([
            ("company_id", "=", company.id), ("state", "=", "approved"),
            ("fiscal_year_id.date_from", "<=", date), ("fiscal_year_id.date_to", ">=", date)], limit=1)

    @api.model
    def _demo_approve_and_post(self, budget_ids, amendment_ids, transfer_ids, commitment_ids, move_ids):
        """Demo data: approve and post what is still a draft (safe to run again)."""
        self.browse(budget_ids).filtered(lambda budget: budget.state == "draft").action_approve()
        for model, ids in (("municipality.budget.amendment", amendment_ids), ("municipality.budget.transfer", transfer_ids),
                           ("municipality.budget.commitment", commitment_ids)):
            self.env[model].browse(ids).filtered(lambda document: document.state == "draft").action_approve()
        self.env["account.move"].browse(move_ids).filtered(lambda move: move.state == "draft").action_post()

    # navigation -------------------------------------------------------------

    def _open_documents(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": name, "res_model": model, "view_mode": "list,form",
            "domain": [("budget_id", "=", self.id)], "context": {"default_budget_id": self.id},
        }

    def action_open_amendments(self):
        return self._open_documents("municipality.budget.amendment", self.env._("Amendments"))

    def action_open_transfers(self):
        return self._open_documents("municipality.budget.transfer", self.env._("Transfers"))

    def action_open_commitments(self):
        return self._open_documents("municipality.budget.commitment", self.env._("Commitments"))
