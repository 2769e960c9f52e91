from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import budget as budget_tools


class MunicipalityBudgetLine(models.Model):
    """A revenue or expense line of the budget (ردیف بودجه).

    ``amount_approved`` is the council's original figure and never changes
    once the budget is approved. The other figures are computed from the
    approved amendments and transfers, the approved commitments and the
    posted journal items assigned to the line.
    """

    _name = "municipality.budget.line"
    _description = "Budget Line"
    _order = "budget_id, line_type desc, sequence, code, id"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    budget_id = fields.Many2one("municipality.budget", required=True, index=True, ondelete="cascade")
    budget_state = fields.Selection(related="budget_id.state", string="Budget Status")
    fiscal_year_id = fields.Many2one(related="budget_id.fiscal_year_id", store=True, index=True)
    company_id = fields.Many2one(related="budget_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(
        [("revenue", "Revenue"), ("expense", "Expense")], string="Type", required=True, default="expense")
    code = fields.Char(required=True, help="The line's number in the approved budget book.")
    name = fields.Char(string="Title", required=True)
    chapter = fields.Char(help="Budget chapter (فصل).")
    program = fields.Char(help="Program (برنامه).")
    activity = fields.Char(help="Activity or project (فعالیت / طرح).")
    nature = fields.Selection(
        [("current", "Current"), ("capital", "Capital")], required=True, default="current",
        help="Current (هزینه‌ای) or capital, that is asset acquisition (تملک دارایی سرمایه‌ای).")
    department_id = fields.Many2one(
        "hr.department", string="Department", index=True, check_company=True,
        help="The department that spends the line; its clerks request the line's commitments.")
    account_ids = fields.Many2many(
        "account.account", string="Accounts", check_company=True,
        help="Journal items on these accounts in the budget's fiscal year execute this line.")
    control_mode = fields.Selection(
        [("block", "Block"), ("warn", "Warn")], string="Over-budget Control", required=True, default="block",
        help="Block: a commitment or bill beyond what is available is refused. "
             "Warn: it goes through and the excess is noted on the document.")
    amount_approved = fields.Monetary(
        string="Approved", help="The council's original figure; frozen once the budget is approved.")
    amount_amendments = fields.Monetary(string="Amendments", compute="_compute_amounts")
    amount_transfers = fields.Monetary(string="Transfers", compute="_compute_amounts")
    amount_final = fields.Monetary(string="Final", compute="_compute_amounts")
    amount_committed = fields.Monetary(
        string="Committed", compute="_compute_amounts",
        help="Approved commitments not yet consumed by a posted bill.")
    amount_actual = fields.Monetary(string="Actual", compute="_compute_amounts", help="Posted journal items of the line.")
    amount_available = fields.Monetary(string="Available", compute="_compute_amounts")
    execution_rate = fields.Float(string="% Executed", compute="_compute_amounts",
                                  help="Actual over final, as a fraction (0.25 is 25 %): the views show it with the percentage widget.")

    _code_unique = models.Constraint("UNIQUE(budget_id, code)", "Each line of a budget has its own code.")

    @api.depends("code", "name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.code} - {line.name}" if line.code else line.name

    def _compute_amounts(self):
        lines = self._origin
        # Sums over every document of the line, whoever reads it: a clerk sees only
        # their department's commitments, but the line's figures are the line's.
        env = self.sudo().env
        amendments = {line.id: amount for line, amount in env["municipality.budget.amendment.line"]._read_group(
            [("budget_line_id", "in", lines.ids), ("amendment_id.state", "=", "approved")],
            ["budget_line_id"], ["amount:sum"])}
        transfers = defaultdict(float)
        Transfer = env["municipality.budget.transfer"]
        for side, sign in (("to_line_id", 1), ("from_line_id", -1)):
            for line, amount in Transfer._read_group(
                    [(side, "in", lines.ids), ("state", "=", "approved")], [side], ["amount:sum"]):
                transfers[line.id] += sign * amount
        committed = defaultdict(float)
        for commitment in env["municipality.budget.commitment"].search(
                [("budget_line_id", "in", lines.ids), ("state", "=", "approved")]):
            committed[commitment.budget_line_id.id] += commitment.amount_remaining
        # The year-end closing and opening entries move balances between years; they execute no budget.
        actual = {line.id: balance for line, balance in env["account.move.line"]._read_group(
            [("budget_line_id", "in", lines.ids), ("parent_state", "=", "posted"), ("move_id.year_end_type", "=", False)],
            ["budget_line_id"], ["balance:sum"])}
        for line in self:
            key = line._origin.id
            sign = -1 if line.line_type == "revenue" else 1
            line.amount_amendments = amendments.get(key, 0.0)
            line.amount_transfers = transfers[key]
            line.amount_final = budget_tools.final_amount(line.amount_approved, line.amount_amendments, line.amount_transfers)
            line.amount_committed = committed[key]
            line.amount_actual = sign * actual.get(key, 0.0)
            line.amount_available = budget_tools.available_amount(line.amount_final, line.amount_committed, line.amount_actual)
            line.execution_rate = budget_tools.execution_rate(line.amount_actual, line.amount_final)

    @api.constrains("amount_approved")
    def _check_amount_approved(self):
        for line in self:
            if line.currency_id.compare_amounts(line.amount_approved, 0) < 0:
                raise ValidationError(self.env._(
                    "The approved amount of budget line %(line)s is negative; enter zero or more.", line=line.display_name))

    @api.constrains("department_id", "company_id")
    def _check_department_company(self):
        for line in self:
            if line.department_id.company_id and line.department_id.company_id != line.company_id:
                raise ValidationError(self.env._(
                    "Department %(department)s of budget line %(line)s belongs to another municipality.",
                    department=line.department_id.display_name, line=line.display_name))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            if line.budget_id.state != "draft" and line.amount_approved:
                raise UserError(self.env._(
                    "Budget “%(budget)s” is already approved: add line %(line)s with an approved amount of zero "
                    "and fund it with an amendment.", budget=line.budget_id.name, line=line.display_name))
        return lines

    def write(self, vals):
        if "amount_approved" in vals:
            for line in self:
                if line.budget_id.state != "draft" and line.currency_id.compare_amounts(
                        line.amount_approved, vals["amount_approved"] or 0.0):
                    raise UserError(self.env._(
                        "The approved amount of budget line %(line)s is the council's original figure and cannot "
                        "change once the budget is approved; record an amendment or a transfer instead.",
                        line=line.display_name))
        controls = {"control_mode", "account_ids", "department_id"} & set(vals)
        if controls and any(line.budget_id.state != "draft" for line in self) and not (
                self.env.su or self.env.user.has_group("municipality_finance.group_finance_director")):
            raise UserError(self.env._(
                "Only the finance director can change the over-budget control, the accounts or the department of "
                "a line of an approved budget."))
        if any(line.budget_id.state != "draft" and (
                ("line_type" in vals and line.line_type != vals["line_type"])
                or ("budget_id" in vals and line.budget_id.id != vals["budget_id"])) for line in self):
            raise UserError(self.env._(
                "The budget and the type (revenue or expense) of a line of an approved budget cannot change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        for line in self:
            if line.budget_id.state != "draft":
                raise UserError(self.env._(
                    "Budget line %(line)s belongs to an approved budget and cannot be deleted.", line=line.display_name))

    def _lock_for_update(self):
        """Lock these lines until the end of the transaction, and mark them
        changed, before checking what is available on them.

        ``NOWAIT``: a transaction that finds the line locked by another one
        fails at once with a concurrency error (Odoo retries the request).
        The ``UPDATE`` matters under REPEATABLE READ: a transaction whose
        snapshot predates another's committed commitment would otherwise see
        the old balance; having the row updated makes its lock fail with a
        serialization error instead, and its retry sees the new balance.
        """
        if not self.ids:
            return
        ids = tuple(sorted(self.ids))
        self.env.cr.execute(SQL(
            "SELECT id FROM municipality_budget_line WHERE id IN %s ORDER BY id FOR UPDATE NOWAIT", ids))
        self.env.cr.execute(SQL(
            "UPDATE municipality_budget_line SET write_date = (now() AT TIME ZONE 'UTC'), write_uid = %s WHERE id IN %s",
            self.env.uid, ids))
        self.invalidate_recordset(["write_date", "write_uid"])

    def _refresh_amounts(self):
        """Forget computed figures, so they are read again from the database."""
        self.env.flush_all()
        self.invalidate_recordset([
            "amount_amendments", "amount_transfers", "amount_final", "amount_committed",
            "amount_actual", "amount_available", "execution_rate"])
        self.env["municipality.budget.commitment"].invalidate_model(["amount_consumed", "amount_remaining"])
