from markupsafe import Markup
from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.municipality_base.tools.digits import normalize_digits, to_persian_digits
from odoo.addons.municipality_base.tools.jalali import fiscal_year_bounds, to_jalali

from ..tools.year_end import group_partner_lines, year_end_lines

#: Jalali years a fiscal year may have: the range the web client and the
#: calendar tests cover (1300/01/01 = 1921-03-21, 1500 ends in 2122).
FIRST_YEAR, LAST_YEAR = 1300, 1500

#: Account types closed to the year's result by the closing entry (temporary accounts).
TEMPORARY_ACCOUNT_TYPES = (
    "income", "income_other", "expense", "expense_other", "expense_depreciation", "expense_direct_cost")



class MunicipalityFiscalYear(models.Model):
    """A Jalali fiscal year (سال مالی): 1 Farvardin to the last day of Esfand.

    Its Gregorian bounds move (the year ends on March 19 or 20), so they are
    computed from the Jalali year, never typed. Each year has its twelve
    monthly periods. A year is open until the year-end closing closes it.

    Year-end closing (بستن سال مالی): ``action_close()`` posts the closing
    entry (سند اختتامیه) on the year's last day and the opening entry (سند
    افتتاحیه) on 1 Farvardin of the next year, locks the year and closes what
    depends on it; ``action_reopen()`` undoes all of it until the year is
    hard-locked (``action_hard_lock()``).
    """

    _name = "municipality.fiscal.year"
    _description = "Fiscal Year"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "closing_move_id", "opening_move_id", "lock_date_before_closing")
    _workflow_initial_state = "open"
    _order = "company_id, jalali_year desc"

    jalali_year = fields.Integer(
        string="Jalali Year", required=True, tracking=True,
        default=lambda self: self._default_jalali_year(),
        help="The Jalali year, for example 1404 (1 Farvardin 1404 = 21 March 2025).")
    name = fields.Char(compute="_compute_name", store=True, readonly=True, help="The year in Persian digits, for example ۱۴۰۴.")
    date_from = fields.Date(string="Start Date", compute="_compute_dates", store=True, readonly=True, index=True)
    date_to = fields.Date(string="End Date", compute="_compute_dates", store=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open", required=True, readonly=True, copy=False, tracking=True,
        help="Open: entries may be posted in the year. Closed: the year-end closing has run and the year is locked.")
    period_ids = fields.One2many("municipality.fiscal.period", "fiscal_year_id", string="Periods")
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

    _jalali_year_company_unique = models.Constraint(
        "UNIQUE(jalali_year, company_id)",
        "This municipality already has a fiscal year for this Jalali year.",
    )

    @api.model
    def _default_jalali_year(self):
        return to_jalali(self._today_in_iran()).year

    @api.depends("jalali_year")
    def _compute_name(self):
        for year in self:
            year.name = to_persian_digits(str(year.jalali_year)) if year.jalali_year else False

    @api.depends("jalali_year")
    def _compute_dates(self):
        for year in self:
            if FIRST_YEAR <= year.jalali_year <= LAST_YEAR:
                year.date_from, year.date_to = fiscal_year_bounds(year.jalali_year)
            else:
                year.date_from = year.date_to = False

    @api.constrains("jalali_year")
    def _check_jalali_year(self):
        for year in self:
            if not FIRST_YEAR <= year.jalali_year <= LAST_YEAR:
                raise ValidationError(self.env._(
                    "The fiscal year %(year)s is not a Jalali year the suite handles: enter a year from %(first)s to %(last)s, "
                    "for example 1404.", year=year.jalali_year, first=FIRST_YEAR, last=LAST_YEAR))

    @api.model
    def _search_display_name(self, operator, value):
        """«1404» and «۱۴۰۴» both find the year 1404."""
        if operator in ("ilike", "=ilike", "=", "like", "=like") and isinstance(value, str) and value.strip():
            digits = normalize_digits(value.strip())
            if digits.isdigit():
                return [("jalali_year", "=", int(digits))]
        return super()._search_display_name(operator, value)

    @api.model_create_multi
    def create(self, vals_list):
        years = super().create(vals_list)
        years._create_periods()
        return years

    def write(self, vals):
        if "jalali_year" in vals and any(year.jalali_year != vals["jalali_year"] for year in self):
            raise UserError(self.env._(
                "The Jalali year of a fiscal year cannot be changed once it exists; create the other year instead."))
        if "company_id" in vals and any(year.company_id.id != vals["company_id"] for year in self):
            raise UserError(self.env._("A fiscal year cannot move to another company."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_years_without_entries(self):
        for year in self:
            if year.state == "closed":
                raise UserError(self.env._(
                    "Fiscal year %(year)s is closed and cannot be deleted; reopen it first.", year=year.name))
            if self.env["account.move"].sudo().search_count([
                ("company_id", "=", year.company_id.id), ("date", ">=", year.date_from),
                ("date", "<=", year.date_to)], limit=1):
                raise UserError(self.env._(
                    "Fiscal year %(year)s has journal entries and cannot be deleted.", year=year.name))

    def _create_periods(self):
        # Periods belong to the year: whoever may create a year gets its months,
        # without a right to create or delete periods of their own.
        self.env["municipality.fiscal.period"].sudo().create([
            {"fiscal_year_id": year.id, "jalali_month": month}
            for year in self
            for month in range(1, 13)
        ])

    def action_create_next_year(self):
        """Create the fiscal year after this one (or open it, if it exists)."""
        self.ensure_one()
        following = self.search([("company_id", "=", self.company_id.id), ("jalali_year", "=", self.jalali_year + 1)])
        if not following:
            following = self.create({"jalali_year": self.jalali_year + 1, "company_id": self.company_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": following.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _for_date(self, date, company=None):
        """The fiscal year of ``company`` (default: the current one) that contains ``date``; empty if none."""
        company = company or self.env.company
        return self.search([
            ("company_id", "=", company.id), ("date_from", "<=", date), ("date_to", ">=", date)], limit=1)

    def _close_dependents(self):
        """Close what belongs to these years once their closing entries are
        posted (the year-end closing calls it): the budget and its
        commitments. Extended where those models are defined."""
        self.env["municipality.budget"]._close_for_fiscal_years(self)

    def _reopen_dependents(self):
        """Undo ``_close_dependents`` when a closing is reversed."""
        self.env["municipality.budget"]._reopen_for_fiscal_years(self)

    # ------------------------------------------------------------------
    # Year-end closing
    # ------------------------------------------------------------------

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
        hashed = (setup["closing_journal"] | setup["opening_journal"]).filtered("restrict_mode_hash_table")
        if hashed:
            blockers.append(("hash", self.env._(
                "Journals %(journals)s secure their entries with a hash, but the closing adds each partner's line "
                "after posting: choose closing and opening journals without it (Year-end closing on the company).",
                journals=", ".join(hashed.mapped("name")))))
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
        (closing_vals, opening_vals), details = self._year_end_move_values(following)
        if closing_vals["line_ids"]:
            moves = Move.with_company(company).create([closing_vals, opening_vals])
            moves._post(soft=False)
            for move, move_details in zip(moves, details):
                self._write_partner_details(move, move_details)
            self._reconcile_closing_with_opening(*moves)
        lock_before = company.fiscalyear_lock_date
        company.sudo().fiscalyear_lock_date = self.date_to
        self.sudo().write({
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

        Two grouped queries: per account and partner on reconcilable accounts
        (receivables, payables, deposits, cheques), where each partner's
        balance is tracked, per account only on the others (grouping those by
        partner too would return a row for every partner of every revenue and
        expense account). Memo (off-balance) accounts are left out: they are
        neither closed nor reopened, so their balance simply carries on.
        """
        Line = self.env["account.move.line"].sudo()
        domain = [("company_id", "=", self.company_id.id), ("parent_state", "=", "posted"), ("date", "<=", self.date_to),
                  ("account_id.account_type", "!=", "off_balance")]
        per_partner = Line._read_group(
            domain + [("account_id.reconcile", "=", True)], groupby=["account_id", "partner_id"], aggregates=["balance:sum"])
        per_account = Line._read_group(
            domain + [("account_id.reconcile", "=", False)], groupby=["account_id"], aggregates=["balance:sum"])
        no_partner = self.env["res.partner"]
        return per_partner + [(account, no_partner, balance) for account, balance in per_account]

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

        # Without a distribution model for the company, Odoo computes an empty
        # analytic distribution for every line, one search per line: say so upfront.
        no_analytics = {} if self.env["account.analytic.distribution.model"].sudo().search_count(
            [("company_id", "in", [self.company_id.id, False])], limit=1) else {"analytic_distribution": False}

        def line_commands(lines):
            return [fields.Command.create({
                "account_id": line.account, "partner_id": line.partner or False, "name": labels[line.kind],
                "debit": line.debit, "credit": line.credit, **no_analytics}) for line in lines]

        # Posted through the ORM: every line without a partner and, per account with partners, one
        # line with the account's total; each partner's line is then written in bulk
        # (``_write_partner_details``): a municipality has one per citizen and supplier with a balance.
        (closing_summary, closing_details), (opening_summary, opening_details) = (
            group_partner_lines(closing), group_partner_lines(opening))
        common = {"company_id": self.company_id.id, "move_type": "entry", "year_end_fiscal_year_id": self.id}
        return (
            {**common, "journal_id": setup["closing_journal"].id, "date": self.date_to, "year_end_type": "closing",
             "ref": self.env._("Closing entry of fiscal year %(year)s", year=self.name),
             "line_ids": line_commands(closing_summary)},
            {**common, "journal_id": setup["opening_journal"].id, "date": following.date_from, "year_end_type": "opening",
             "ref": self.env._("Opening entry of fiscal year %(year)s", year=following.name),
             "line_ids": line_commands(opening_summary)},
        ), (closing_details, opening_details)

    def _write_partner_details(self, move, details):
        """Turn each account's summary line of the posted ``move`` into its partner lines, in bulk.

        ``details``: ``{account id: [EntryLine]}`` (see ``tools.year_end.group_partner_lines``).
        The summary line takes the first partner's amount; the other partners'
        lines copy every column of it (journal, dates, label, state, currency)
        with their own partner and amount, open for their whole balance. The
        entry's total per account, and so its balance, does not change.
        Thousands of balances are carried this way in seconds instead of a
        line at a time.
        """
        if not details:
            return
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("SELECT account_id, partner_id, id FROM account_move_line WHERE move_id = %s AND partner_id IS NOT NULL",
                       move.id))
        summary_lines = {(account, partner): line_id for account, partner, line_id in cr.fetchall()}
        updates, inserts = [], []
        for account, lines in details.items():
            summary_id = summary_lines[account, lines[0].partner]
            updates.append((summary_id, lines[0].debit, lines[0].credit))
            inserts += [(summary_id, line.partner, line.debit, line.credit) for line in lines[1:]]
        cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'account_move_line'")
        own = {"id", "partner_id", "debit", "credit", "balance", "amount_currency", "amount_residual",
               "amount_residual_currency"}
        copied = [name for (name,) in cr.fetchall() if name not in own]
        cr.execute(SQL(
            """INSERT INTO account_move_line (%(copied)s, partner_id, debit, credit, balance,
                                              amount_currency, amount_residual, amount_residual_currency)
               SELECT %(summary_columns)s, v.partner_id, v.debit, v.credit, v.debit - v.credit,
                      v.debit - v.credit, v.debit - v.credit, v.debit - v.credit
                 FROM unnest(%(summaries)s::int[], %(partners)s::int[], %(debits)s::numeric[], %(credits)s::numeric[])
                        AS v(summary_id, partner_id, debit, credit)
                 JOIN account_move_line t ON t.id = v.summary_id""",
            copied=SQL(", ").join(SQL.identifier(name) for name in copied),
            summary_columns=SQL(", ").join(SQL.identifier("t", name) for name in copied),
            summaries=[row[0] for row in inserts], partners=[row[1] for row in inserts],
            debits=[row[2] for row in inserts], credits=[row[3] for row in inserts]))
        execute_values(cr._obj, """
            UPDATE account_move_line l
               SET debit = v.debit, credit = v.credit, balance = v.debit - v.credit,
                   amount_currency = v.debit - v.credit, amount_residual = v.debit - v.credit,
                   amount_residual_currency = v.debit - v.credit
              FROM (VALUES %s) AS v(line_id, debit, credit)
             WHERE l.id = v.line_id""", updates, template="(%s, %s::numeric, %s::numeric)")
        self.env.invalidate_all()

    def _reconcile_closing_with_opening(self, closing, opening):
        """Reconcile each partner's closing line with its opening line.

        They cancel out, so the partner's open items stay the original
        invoices and bills, which are still paid and reconciled as usual.
        Written in bulk (one full reconcile and one partial per pair, as
        Odoo's own reconciliation of two opposite lines would), since a
        municipality has a pair per citizen and supplier with a balance.
        """
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """WITH pairs AS (
                   SELECT c.id AS closing_id, o.id AS opening_id, c.balance,
                          nextval('account_full_reconcile_id_seq') AS full_id
                     FROM account_move_line c
                     JOIN account_account a ON a.id = c.account_id AND a.reconcile
                     JOIN account_move_line o ON o.move_id = %(opening)s AND o.account_id = c.account_id
                                             AND o.partner_id = c.partner_id
                    WHERE c.move_id = %(closing)s AND c.partner_id IS NOT NULL AND c.balance != 0
               ), fulls AS (
                   INSERT INTO account_full_reconcile (id, create_uid, write_uid, create_date, write_date)
                   SELECT full_id, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM pairs
               ), partials AS (
                   INSERT INTO account_partial_reconcile (
                       debit_move_id, credit_move_id, full_reconcile_id, amount, debit_amount_currency,
                       credit_amount_currency, company_id, debit_currency_id, credit_currency_id, max_date,
                       create_uid, write_uid, create_date, write_date)
                   SELECT CASE WHEN balance > 0 THEN closing_id ELSE opening_id END,
                          CASE WHEN balance > 0 THEN opening_id ELSE closing_id END,
                          full_id, abs(balance), abs(balance), abs(balance), %(company)s, %(currency)s, %(currency)s,
                          %(date)s, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                     FROM pairs
               )
               UPDATE account_move_line line
                  SET amount_residual = 0, amount_residual_currency = 0, reconciled = true,
                      full_reconcile_id = matched.full_id, matching_number = matched.full_id::text
                 FROM (SELECT closing_id AS line_id, full_id FROM pairs
                       UNION ALL SELECT opening_id, full_id FROM pairs) AS matched
                WHERE line.id = matched.line_id""",
            opening=opening.id, closing=closing.id, uid=self.env.uid, company=self.company_id.id,
            currency=self.company_id.currency_id.id, date=opening.date))
        self.env.invalidate_all()
        self._recompute_entry_totals(closing | opening)
        self.env.flush_all()

    def _recompute_entry_totals(self, moves):
        """The stored totals of ``moves`` (amounts, residuals) again from their lines in the database,
        after lines were written or reconciled in bulk."""
        Move = self.env["account.move"]
        for field in Move._fields.values():
            if field.store and field.compute and field.name.startswith("amount_"):
                self.env.add_to_compute(field, moves)

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
        self.sudo().write({"state": "open", "closing_move_id": False, "opening_move_id": False,
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
