from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits, to_persian_digits
from odoo.addons.municipality_base.tools.jalali import fiscal_year_bounds, to_jalali

#: Jalali years a fiscal year may have: the range the web client and the
#: calendar tests cover (1300/01/01 = 1921-03-21, 1500 ends in 2122).
FIRST_YEAR, LAST_YEAR = 1300, 1500


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

    # demo data ---------------------------------------------------------------

    @api.model
    def _demo_ensure_current_year(self):
        """Demo data: the demo defines the fiscal years 1404 and 1405, but some of its documents are dated
        today (a permit file's fees, for one). Make sure the current Jalali year exists too, with what the
        demo defines for the latest year before it (``_demo_copy_year_definitions``), so that the demo
        loads at any date. Safe to run again: it only adds what the current year lacks."""
        company = self.env.company
        current = self._default_jalali_year()
        years = self.search([("company_id", "=", company.id)])
        earlier = years.filtered(lambda year: year.jalali_year < current)
        if not earlier:
            return
        source = max(earlier, key=lambda year: year.jalali_year)
        target = years.filtered(lambda year: year.jalali_year == current) \
            or self.create({"jalali_year": current, "company_id": company.id})
        target._demo_copy_year_definitions(source)

    def _demo_copy_year_definitions(self, source):
        """Demo data: give this year a copy of the toll tariffs of the ``source`` year it has none of.
        Extended where other yearly definitions (regional values) are defined."""
        self.ensure_one()
        Tariff = self.env["municipality.toll.tariff"]
        present = Tariff.search([("fiscal_year_id", "=", self.id)]).toll_type_id
        for tariff in Tariff.search([("fiscal_year_id", "=", source.id), ("toll_type_id", "not in", present.ids)]):
            tariff.copy({"fiscal_year_id": self.id})

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

    def _closing_blockers(self, balanced=None):
        """What prevents closing this year, as a list of ``(code, message)`` for the user to read.

        Empty when the year can be closed (or is closed already: closing it
        again does nothing).

        :param balanced: ``True`` when the caller knows that the posted items up to the year's end (memo
            accounts left out) sum to zero (the closing sums them with the balances it closes:
            ``municipality.year.end._balances``); otherwise their debit and credit are summed here.
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
        debit, credit = (0.0, 0.0) if balanced else self.env["account.move.line"].sudo()._read_group(
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
        """Close this year; nothing happens when it is closed already (see ``municipality.year.end``).

        :returns: the entries created (empty when the year was closed already).
        """
        self.ensure_one()
        return self.env["municipality.year.end"]._close(self)

    def _reopen_year(self):
        """Undo ``_close_year``; nothing happens when the year is open (see ``municipality.year.end``)."""
        self.ensure_one()
        return self.env["municipality.year.end"]._reopen(self)
