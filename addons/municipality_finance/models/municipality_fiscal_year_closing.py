from collections import defaultdict
from datetime import date

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.year_end import year_end_lines

#: Account types closed to the year's result by the closing entry (temporary accounts).
TEMPORARY_ACCOUNT_TYPES = (
    "income", "income_other", "expense", "expense_other", "expense_depreciation", "expense_direct_cost")


class MunicipalityFiscalYear(models.Model):
    """Year-end closing (بستن سال مالی) of a fiscal year.

    ``action_close()`` posts the closing entry (سند اختتامیه) on the year's
    last day and the opening entry (سند افتتاحیه) on 1 Farvardin of the next
    year, locks the year and closes what depends on it; ``action_reopen()``
    undoes all of it until the year is hard-locked (``action_hard_lock()``).
    """

    _inherit = "municipality.fiscal.year"

    closing_move_id = fields.Many2one(
        "account.move", string="Closing Entry", readonly=True, copy=False, ondelete="set null")
    opening_move_id = fields.Many2one(
        "account.move", string="Opening Entry of the Next Year", readonly=True, copy=False, ondelete="set null")
    lock_date_before_closing = fields.Date(
        readonly=True, copy=False,
        help="The company's lock date before this year was closed; reopening the year restores it.")
    hard_locked = fields.Boolean(
        compute="_compute_hard_locked",
        help="The company's hard lock date covers the whole year: it can no longer be reopened.")

    @api.depends("company_id.hard_lock_date", "date_to")
    def _compute_hard_locked(self):
        for year in self:
            hard_lock = year.company_id.hard_lock_date
            year.hard_locked = bool(hard_lock and year.date_to and hard_lock >= year.date_to)

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------

    def action_close(self):
        """Close these years, earliest first (see ``_close_year``). Finance directors only."""
        self._check_year_end_rights()
        for year in self.sorted("jalali_year"):
            year._close_year()
        return True

    def action_reopen(self):
        """Reopen these closed years, latest first (see ``_reopen_year``). Finance directors only."""
        self._check_year_end_rights()
        for year in self.sorted("jalali_year", reverse=True):
            year._reopen_year()
        return True

    def action_hard_lock(self):
        """Set the company's hard lock date to the end of these closed years: irreversible."""
        self._check_year_end_rights()
        for year in self.sorted("jalali_year"):
            if year.state != "closed":
                raise UserError(self.env._(
                    "Fiscal year %(year)s is not closed: close it before hard-locking it.", year=year.name))
            if not year.hard_locked:
                year.company_id.sudo().hard_lock_date = year.date_to
                year.message_post(body=self.env._("The year is hard-locked: it can no longer be reopened."))
        return True

    def action_open_closing_wizard(self):
        self.ensure_one()
        self._check_year_end_rights()
        wizard = self.env["municipality.year.closing.wizard"].create({"fiscal_year_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Fiscal Year %(year)s", year=self.name),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _closing_blockers(self):
        """What prevents closing this year, as a list of ``(code, message)`` for the user to read.

        Empty when the year can be closed (or is closed already: closing it
        again does nothing).
        """
        self.ensure_one()
        if self.state == "closed":
            return []
        company = self.company_id
        blockers = []
        Move = self.env["account.move"].sudo()
        drafts = Move.search_count([
            ("company_id", "=", company.id), ("state", "=", "draft"), ("date", "<=", self.date_to)])
        if drafts:
            blockers.append(("draft", self.env._(
                "%(count)s draft entries are dated on or before the end of the year: post or delete them.",
                count=drafts)))
        earlier = self.search([
            ("company_id", "=", company.id), ("jalali_year", "<", self.jalali_year), ("state", "=", "open")])
        if earlier:
            blockers.append(("earlier_open", self.env._(
                "Earlier fiscal years are still open (%(years)s): close them first.",
                years=", ".join(earlier.sorted("jalali_year").mapped("name")))))
        if company.hard_lock_date and company.hard_lock_date >= self.date_to:
            blockers.append(("hard_lock", self.env._(
                "The company's hard lock date already covers the year: the closing entry cannot be posted.")))
        elif company.fiscalyear_lock_date and company.fiscalyear_lock_date >= self.date_to:
            blockers.append(("lock_date", self.env._(
                "The company's lock date is already on or after the end of the year: move it back before closing.")))
        statement_lines = self.env["account.bank.statement.line"].sudo().search_count(
            company._get_unreconciled_statement_lines_domain(self.date_to))
        if statement_lines:
            blockers.append(("statement_lines", self.env._(
                "%(count)s bank statement lines dated on or before the end of the year are not reconciled: "
                "reconcile or delete them.", count=statement_lines)))
        setup = company._year_end_setup()
        labels = {
            "result_account": self.env._("the year result account"),
            "surplus_account": self.env._("the accumulated surplus account"),
            "closing_journal": self.env._("the closing journal"),
            "opening_journal": self.env._("the opening journal"),
        }
        missing = [labels[key] for key, record in setup.items() if not record]
        if missing:
            blockers.append(("setup", self.env._(
                "The closing cannot find %(what)s: set it on the company (Year-end closing).",
                what=", ".join(missing))))
        following = self._next_fiscal_year()
        if following.state == "closed":
            blockers.append(("next_closed", self.env._(
                "The next fiscal year %(year)s is already closed.", year=following.name)))
        debit, credit = self.env["account.move.line"].sudo()._read_group(
            [("company_id", "=", company.id), ("parent_state", "=", "posted"), ("date", "<=", self.date_to),
             ("account_id.account_type", "!=", "off_balance")],
            aggregates=["debit:sum", "credit:sum"])[0]
        if company.currency_id.compare_amounts(debit or 0.0, credit or 0.0):
            blockers.append(("unbalanced", self.env._(
                "The posted entries up to the end of the year do not balance (debit %(debit)s, credit %(credit)s).",
                debit=debit, credit=credit)))
        return blockers

    def _draft_entries_action(self):
        """The draft entries that block the closing, in a list."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Draft Entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("company_id", "=", self.company_id.id), ("state", "=", "draft"), ("date", "<=", self.date_to)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------

    def _check_year_end_rights(self):
        if not self.env.is_superuser() and not self.env.user.has_group("municipality_finance.group_finance_director"):
            raise AccessError(self.env._("Only the finance director can close, reopen or hard-lock a fiscal year."))

    def _next_fiscal_year(self):
        self.ensure_one()
        return self.search([("company_id", "=", self.company_id.id), ("jalali_year", "=", self.jalali_year + 1)], limit=1)

    def _close_year(self):
        """Close this year; nothing happens when it is closed already.

        Refused (``UserError`` listing ``_closing_blockers``) while anything
        blocks it. Otherwise: creates the next fiscal year when missing, posts
        the closing and opening entries, reconciles each partner's closing
        line with its opening line, sets the company's lock date to the
        year's last day, marks the year closed and calls ``_close_dependents``.

        :returns: the entries created (empty when the year was closed already).
        """
        self.ensure_one()
        Move = self.env["account.move"]
        if self.state == "closed":
            return Move
        blockers = self._closing_blockers()
        if blockers:
            raise UserError(self.env._("Fiscal year %(year)s cannot be closed yet:\n%(blockers)s", year=self.name,
                                       blockers="\n".join(f"- {message}" for _code, message in blockers)))
        company = self.company_id
        following = self._next_fiscal_year() or self.create(
            {"jalali_year": self.jalali_year + 1, "company_id": company.id})
        moves = Move
        closing_vals, opening_vals = self._year_end_move_values(following)
        if closing_vals["line_ids"]:
            moves = Move.with_company(company).create([closing_vals, opening_vals])
            moves._post(soft=False)
            self._reconcile_closing_with_opening(*moves)
        lock_before = company.fiscalyear_lock_date
        company.sudo().fiscalyear_lock_date = self.date_to
        self.write({
            "state": "closed",
            "closing_move_id": moves[:1].id,
            "opening_move_id": moves[1:2].id,
            "lock_date_before_closing": lock_before,
        })
        self._close_dependents()
        self.message_post(body=Markup("%s<br/>%s") % (
            self.env._("The year is closed and locked."),
            self.env._("Closing entry: %(closing)s; opening entry: %(opening)s.",
                       closing=moves[:1].name or "-", opening=moves[1:2].name or "-")))
        return moves

    def _year_end_balances(self):
        """``[(account, partner, balance)]`` of the posted lines up to the year's last day.

        One grouped query; the partner is kept on reconcilable accounts
        (receivables, payables, deposits, cheques), where each partner's
        balance is tracked. Memo (off-balance) accounts are left out: they
        are neither closed nor reopened, so their balance simply carries on.
        """
        groups = self.env["account.move.line"].sudo()._read_group(
            [("company_id", "=", self.company_id.id), ("parent_state", "=", "posted"), ("date", "<=", self.date_to),
             ("account_id.account_type", "!=", "off_balance")],
            groupby=["account_id", "partner_id"], aggregates=["balance:sum"])
        return [(account, partner if account.reconcile else self.env["res.partner"], balance)
                for account, partner, balance in groups]

    def _year_end_move_values(self, following):
        """The ``account.move`` create values of the closing and opening entries."""
        setup = self.company_id._year_end_setup()
        balances = self._year_end_balances()
        accounts = self.env["account.account"].union(*(account for account, _partner, _balance in balances))
        temporary = accounts.filtered(lambda account: account.account_type in TEMPORARY_ACCOUNT_TYPES)
        digits = self.company_id.currency_id.decimal_places
        closing, opening = year_end_lines(
            [(account.id, partner.id or None, balance) for account, partner, balance in balances],
            set(temporary.ids), setup["result_account"].id, setup["surplus_account"].id, digits=digits)
        labels = {
            "temporary": self.env._("Closing of revenue and expense accounts, year %(year)s", year=self.name),
            "result": self.env._("Result of the year %(year)s", year=self.name),
            "permanent": self.env._("Closing of balance-sheet accounts, year %(year)s", year=self.name),
            "opening": self.env._("Balance carried from year %(year)s", year=self.name),
        }

        def line_commands(lines):
            return [fields.Command.create({
                "account_id": line.account, "partner_id": line.partner or False, "name": labels[line.kind],
                "debit": line.debit, "credit": line.credit}) for line in lines]

        common = {"company_id": self.company_id.id, "move_type": "entry", "year_end_fiscal_year_id": self.id}
        return (
            {**common, "journal_id": setup["closing_journal"].id, "date": self.date_to, "year_end_type": "closing",
             "ref": self.env._("Closing entry of fiscal year %(year)s", year=self.name),
             "line_ids": line_commands(closing)},
            {**common, "journal_id": setup["opening_journal"].id, "date": following.date_from, "year_end_type": "opening",
             "ref": self.env._("Opening entry of fiscal year %(year)s", year=following.name),
             "line_ids": line_commands(opening)},
        )

    def _reconcile_closing_with_opening(self, closing, opening):
        """Reconcile each partner's closing line with its opening line.

        They cancel out, so the partner's open items stay the original
        invoices and bills, which are still paid and reconciled as usual.
        """
        opening_lines = defaultdict(lambda: self.env["account.move.line"])
        for line in opening.line_ids.filtered(lambda line: line.account_id.reconcile):
            opening_lines[line.account_id, line.partner_id] |= line
        plan = [line | opening_lines[line.account_id, line.partner_id]
                for line in closing.line_ids.filtered(lambda line: line.account_id.reconcile)
                if (line.account_id, line.partner_id) in opening_lines]
        if plan:
            self.env["account.move.line"]._reconcile_plan(plan)

    # ------------------------------------------------------------------
    # Reopening
    # ------------------------------------------------------------------

    def _reopen_year(self):
        """Undo ``_close_year``: nothing happens when the year is open.

        Refused once the company's hard lock date covers the year, or while a
        later year is closed. Lifts the lock back to where it was, deletes the
        closing and opening entries (cancels them when the company keeps a
        restrictive audit trail), marks the year open and calls
        ``_reopen_dependents``.
        """
        self.ensure_one()
        if self.state == "open":
            return False
        if self.hard_locked:
            raise UserError(self.env._(
                "Fiscal year %(year)s is hard-locked and can no longer be reopened.", year=self.name))
        later = self.search([
            ("company_id", "=", self.company_id.id), ("jalali_year", ">", self.jalali_year), ("state", "=", "closed")])
        if later:
            raise UserError(self.env._(
                "Reopen the later fiscal years first (%(years)s).", years=", ".join(later.mapped("name"))))
        company = self.company_id
        moves = self.env["account.move"].search([
            ("year_end_fiscal_year_id", "=", self.id), ("state", "=", "posted")])
        lock = self.lock_date_before_closing
        if company.fiscalyear_lock_date and (not lock or company.fiscalyear_lock_date > lock):
            company.sudo().fiscalyear_lock_date = lock if lock and lock < self.date_to else False
        self.write({"state": "open", "closing_move_id": False, "opening_move_id": False,
                    "lock_date_before_closing": False})
        names = ", ".join(moves.mapped("name")) or "-"
        if moves:
            moves.line_ids.remove_move_reconcile()
            moves.button_draft()
            if company.restrictive_audit_trail:
                moves.button_cancel()
            else:
                moves.unlink()
        self._reopen_dependents()
        self.message_post(body=self.env._(
            "The year is reopened; its closing and opening entries (%(entries)s) are removed.", entries=names))
        return True
