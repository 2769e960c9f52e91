from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import budget as budget_tools
from .municipality_payment_order import DIRECTOR_GROUP



class MunicipalityBudgetCommitment(models.Model):
    """A commitment of budget (تأمین اعتبار): an amount of an expense line
    reserved for a purpose before it is spent.

    Requested (draft) by the department, approved by the finance director
    once the line has the amount available, then consumed by the vendor bills
    that settle it (journal items that point to it).
    """

    _name = "municipality.budget.commitment"
    _description = "Budget Commitment"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "approved_by_id", "approval_date", "payable_until", "requested_by_id", "move_line_ids")
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    budget_line_id = fields.Many2one(
        "municipality.budget.line", string="Budget Line", required=True, index=True, tracking=True,
        check_company=True, domain="[('line_type', '=', 'expense'), ('budget_state', '=', 'approved')]")
    budget_id = fields.Many2one(related="budget_line_id.budget_id", store=True, index=True)
    fiscal_year_id = fields.Many2one(related="budget_line_id.fiscal_year_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department", string="Department", index=True, tracking=True, check_company=True,
        compute="_compute_department_id", store=True, readonly=False, precompute=True)
    partner_id = fields.Many2one("res.partner", string="Vendor", tracking=True)
    date = fields.Date(required=True, default=lambda self: self._today_in_iran(), tracking=True)
    purpose = fields.Text(required=True, help="What the amount is for.")
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Requested"), ("approved", "Approved"), ("done", "Consumed"), ("closed", "Closed"),
         ("lapsed", "Lapsed"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True,
        help="Requested: waits for the director. Approved: reserved on the line. Consumed: settled by bills. "
             "Closed: cancelled after bills consumed part of it; the rest went back to the line for good. "
             "Lapsed: the year closed before it was settled. Cancelled: withdrawn.")
    requested_by_id = fields.Many2one("res.users", string="Requested By", default=lambda self: self.env.user, readonly=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approval_date = fields.Date(readonly=True, copy=False)
    payable_until = fields.Date(
        tracking=True, copy=False,
        help="Set at year-end for a commitment that stays payable from its year's budget in the next year "
             "(by default until 15 Ordibehesht).")
    move_line_ids = fields.One2many("account.move.line", "budget_commitment_id", string="Journal Items", readonly=True)
    amount_consumed = fields.Monetary(string="Consumed", compute="_compute_consumption")
    amount_remaining = fields.Monetary(string="Remaining", compute="_compute_consumption")

    @api.depends("budget_line_id")
    def _compute_department_id(self):
        for commitment in self:
            if commitment.budget_line_id.department_id:
                commitment.department_id = commitment.budget_line_id.department_id
            elif not commitment.department_id:
                commitment.department_id = self.env.user.employee_ids[:1].department_id

    def _compute_consumption(self):
        consumed = dict(self.env["account.move.line"]._read_group(
            [("budget_commitment_id", "in", self._origin.ids), ("parent_state", "=", "posted")],
            ["budget_commitment_id"], ["balance:sum"]))
        for commitment in self:
            commitment.amount_consumed = consumed.get(commitment._origin, 0.0)
            commitment.amount_remaining = (
                budget_tools.commitment_remaining(commitment.amount, commitment.amount_consumed)
                if commitment.state == "approved" else 0.0)

    @api.constrains("budget_line_id", "company_id", "department_id", "amount")
    def _check_budget_line(self):
        for commitment in self:
            line = commitment.budget_line_id
            if commitment.currency_id.compare_amounts(commitment.amount, 0) <= 0:
                raise ValidationError(self.env._(
                    "The amount of commitment %(name)s must be more than zero.", name=commitment.name))
            if not commitment.department_id:
                raise ValidationError(self.env._(
                    "Commitment %(name)s has no department: choose the department that spends it.", name=commitment.name))
            if line.line_type != "expense":
                raise ValidationError(self.env._(
                    "Commitment %(name)s is on revenue line %(line)s; budget is committed on expense lines only.",
                    name=commitment.name, line=line.display_name))
            if commitment.state == "draft" and line.budget_id.state != "approved":
                raise ValidationError(self.env._(
                    "Line %(line)s belongs to budget “%(budget)s”, which is not approved and open; budget can be "
                    "committed only once the council has approved it.",
                    line=line.display_name, budget=line.budget_id.name))
            if line.company_id != commitment.company_id:
                raise ValidationError(self.env._("Commitment %(name)s and its budget line belong to different "
                                                 "municipalities.", name=commitment.name))
            if line.department_id and commitment.department_id != line.department_id:
                raise ValidationError(self.env._(
                    "Line %(line)s is the budget of %(department)s; a commitment on it is for that department.",
                    line=line.display_name, department=line.department_id.display_name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                date = fields.Date.to_date(vals.get("date")) or self._today_in_iran()
                vals["name"] = self.env["ir.sequence"]._next_for_company(
                    "municipality.budget.commitment", company, sequence_date=date) or "/"
        commitments = super().create(vals_list)
        commitments._ask_director_approval()
        return commitments

    def _ask_director_approval(self):
        """A requested commitment waits for a finance director: their activity «Approve …» until one acts."""
        for commitment in self.filtered(lambda commitment: commitment.state == "draft"):
            books = commitment.with_context(lang=commitment._municipality_lang())  # stored text
            commitment._schedule_awaited_activity(DIRECTOR_GROUP, books.env._(
                "Approve commitment %(name)s", name=commitment.name))

    def _check_workflow_create(self, vals):
        # requested_by_id defaults to the user; nobody requests in someone else's name.
        if vals.get("requested_by_id") == self.env.uid:
            vals = {key: value for key, value in vals.items() if key != "requested_by_id"}
        super()._check_workflow_create(vals)

    def write(self, vals):
        if set(vals) & {"budget_line_id", "amount", "department_id", "company_id"} and any(
                commitment.state != "draft" for commitment in self):
            raise UserError(self.env._(
                "Only a requested commitment can be changed; cancel an approved commitment and request a new one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_requested(self):
        if any(commitment.state not in ("draft", "cancelled") for commitment in self):
            raise UserError(self.env._("Only requested or cancelled commitments can be deleted."))

    # workflow ---------------------------------------------------------------

    def action_approve(self):
        """Approve the commitments: the line is locked, then must have the amount available."""
        self.env["municipality.budget"]._check_director()
        for commitment in self:
            if commitment.state != "draft":
                raise UserError(self.env._("Commitment %(name)s is not waiting for approval.", name=commitment.name))
            if commitment.budget_id.state != "approved":
                raise UserError(self.env._(
                    "Budget “%(budget)s” of commitment %(name)s is not approved and open.",
                    budget=commitment.budget_id.name, name=commitment.name))
        lines = self.budget_line_id
        lines._lock_for_update()
        lines._refresh_amounts()
        for line in lines:
            commitments = self.filtered(lambda commitment: commitment.budget_line_id == line)
            needed = sum(commitments.mapped("amount"))
            missing = budget_tools.shortfall(needed, line.amount_available)
            if line.currency_id.is_zero(missing):
                continue
            message = self.env._(
                "Line %(line)s has %(available)s available but commitments %(names)s need %(needed)s "
                "(%(missing)s more). Reduce the amount, or have the line amended or budget transferred to it.",
                line=line.display_name, available=line.currency_id.format(line.amount_available),
                names=", ".join(commitments.mapped("name")), needed=line.currency_id.format(needed),
                missing=line.currency_id.format(missing))
            if line.control_mode == "block":
                raise UserError(message)
            for commitment in commitments:
                commitment.message_post(body=message)
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid,
                           "approval_date": self._today_in_iran()})
        self._done_awaited_activity(DIRECTOR_GROUP)
        lines._refresh_amounts()

    def action_cancel(self):
        """Withdraw a commitment; an approved one that bills have partly
        consumed is closed instead, releasing what is left on the line for
        good: a closed commitment is never reserved again, and no bill
        consumes it any more (a refund of its bills still may)."""
        self.check_access("write")
        for commitment in self:
            if commitment.state not in ("draft", "approved"):
                raise UserError(self.env._("Commitment %(name)s is already settled, lapsed or cancelled.",
                                           name=commitment.name))
        consumed = self.filtered(lambda commitment: not commitment.currency_id.is_zero(commitment.amount_consumed))
        consumed.sudo().write({"state": "closed"})
        (self - consumed).sudo().write({"state": "cancelled"})
        self._done_awaited_activity()

    def action_draft(self):
        self.check_access("write")
        requested = self.filtered(lambda commitment: commitment.state == "cancelled")
        requested.sudo().write({"state": "draft"})
        requested._ask_director_approval()

    def _update_consumed_state(self):
        """Settle the approved commitments bills have fully consumed; reopen
        settled ones when a bill is reset to draft or refunded (which gives
        the line back what it takes again). Closed, lapsed and cancelled
        commitments stay as they are."""
        self.invalidate_recordset(["amount_consumed", "amount_remaining"])
        to_done = self.filtered(lambda commitment: commitment.state == "approved" and commitment.currency_id.compare_amounts(
            commitment.amount_consumed, commitment.amount) >= 0)
        to_reopen = self.filtered(lambda commitment: commitment.state == "done" and commitment.currency_id.compare_amounts(
            commitment.amount_consumed, commitment.amount) < 0)
        to_done.sudo().write({"state": "done"})
        to_reopen.sudo().write({"state": "approved"})

    # year-end ---------------------------------------------------------------

    def _carry_over_at_year_end(self, company):
        """Apply ``company``'s year-end rule to these approved, unsettled commitments."""
        if company.budget_commitment_year_end == "lapse":
            self.sudo().write({"state": "lapsed"})
            return
        for fiscal_year, commitments in self.grouped("fiscal_year_id").items():
            commitments.sudo().write({"payable_until": company._budget_commitment_payable_until(fiscal_year.jalali_year)})

    def _undo_year_end(self):
        self.filtered(lambda commitment: commitment.state == "lapsed").sudo().write({"state": "approved"})
        self.sudo().write({"payable_until": False})

    def _usable_on(self, day, refund=False):
        """Whether a bill dated ``day`` may consume this commitment: only an
        approved one. A ``refund`` (a credit note, a reversal) gives back to a
        consumed or closed commitment too."""
        self.ensure_one()
        if self.state not in (("approved", "done", "closed") if refund else ("approved",)):
            return False
        year = self.fiscal_year_id
        return year.date_from <= day <= year.date_to or bool(self.payable_until and day <= self.payable_until)

    def action_open_move_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.env._("Journal Items"), "res_model": "account.move.line",
            "view_mode": "list,form", "domain": [("budget_commitment_id", "=", self.id)],
        }
