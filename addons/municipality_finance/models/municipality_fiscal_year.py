from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    """

    _name = "municipality.fiscal.year"
    _description = "Fiscal Year"
    _inherit = ["mail.thread"]
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

    _jalali_year_company_unique = models.Constraint(
        "UNIQUE(jalali_year, company_id)",
        "This municipality already has a fiscal year for this Jalali year.",
    )

    @api.model
    def _default_jalali_year(self):
        return to_jalali(fields.Date.context_today(self)).year

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
        self.env["municipality.fiscal.period"].create([
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
