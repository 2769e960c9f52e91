from odoo import api, fields, models

from odoo.addons.municipality_base.tools.digits import normalize_digits, to_persian_digits
from odoo.addons.municipality_base.tools.jalali import MONTH_NAMES, month_bounds


class MunicipalityFiscalPeriod(models.Model):
    """A Jalali month of a fiscal year (دوره), for reports and filters."""

    _name = "municipality.fiscal.period"
    _description = "Fiscal Period"
    _order = "date_from"

    fiscal_year_id = fields.Many2one("municipality.fiscal.year", required=True, index=True, ondelete="cascade")
    jalali_month = fields.Integer(required=True, help="1 = Farvardin ... 12 = Esfand.")
    name = fields.Char(compute="_compute_name", store=True, help="For example «فروردین ۱۴۰۴».")
    date_from = fields.Date(string="Start Date", compute="_compute_dates", store=True, index=True)
    date_to = fields.Date(string="End Date", compute="_compute_dates", store=True, index=True)
    company_id = fields.Many2one(related="fiscal_year_id.company_id", store=True, index=True)
    state = fields.Selection(related="fiscal_year_id.state")

    _year_month_unique = models.Constraint(
        "UNIQUE(fiscal_year_id, jalali_month)", "A fiscal year has each Jalali month once.")
    _month_range = models.Constraint(
        "CHECK(jalali_month BETWEEN 1 AND 12)", "A Jalali month is from 1 (Farvardin) to 12 (Esfand).")

    @api.depends("fiscal_year_id.jalali_year", "jalali_month")
    def _compute_name(self):
        for period in self:
            year = period.fiscal_year_id.jalali_year
            period.name = (f"{MONTH_NAMES[period.jalali_month - 1]} {to_persian_digits(str(year))}"
                           if year and 1 <= period.jalali_month <= 12 else False)

    @api.depends("fiscal_year_id.jalali_year", "jalali_month")
    def _compute_dates(self):
        for period in self:
            year = period.fiscal_year_id.jalali_year
            if year and 1 <= period.jalali_month <= 12:
                period.date_from, period.date_to = month_bounds(year, period.jalali_month)
            else:
                period.date_from = period.date_to = False

    @api.model
    def _search_display_name(self, operator, value):
        """«اسفند ۱۴۰۴», «اسفند 1404» and «1404/12» find the month."""
        if operator in ("ilike", "=ilike") and isinstance(value, str) and value.strip():
            text = normalize_digits(value.strip())
            year, _sep, month = text.partition("/")
            if year.isdigit() and month.isdigit():
                return [("fiscal_year_id.jalali_year", "=", int(year)), ("jalali_month", "=", int(month))]
            return [("name", operator, to_persian_digits(text))]
        return super()._search_display_name(operator, value)
