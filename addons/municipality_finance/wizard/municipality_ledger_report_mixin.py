import datetime
import zoneinfo

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali


class MunicipalityLedgerReportMixin(models.AbstractModel):
    """What the trial balance and the general ledger share: a fiscal year or a
    range of its Jalali periods, and which journal items count.

    The opening balance of a range is every posted item before it, plus the
    year's opening entry when the range starts on 1 Farvardin; the movement
    is the range's items without the opening entry and, unless asked, without
    the closing entry (so the closing column shows the balances before
    closing, the figures a trial balance is read for).
    """

    _name = "municipality.ledger.report.mixin"
    _inherit = ["municipality.xlsx.report.mixin"]
    _description = "Ledger report over a fiscal year or a range of periods"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", required=True, domain="[('company_id', '=', company_id)]",
        default=lambda self: self._default_fiscal_year())
    period_from_id = fields.Many2one(
        "municipality.fiscal.period", string="From Period", domain="[('fiscal_year_id', '=', fiscal_year_id)]",
        help="Empty: from the start of the fiscal year.")
    period_to_id = fields.Many2one(
        "municipality.fiscal.period", string="To Period", domain="[('fiscal_year_id', '=', fiscal_year_id)]",
        help="Empty: to the end of the fiscal year.")
    include_closing = fields.Boolean(
        string="Include Closing Entry",
        help="Count the year's closing entry in the movement: every balance then ends at zero.")

    @api.model
    def _default_fiscal_year(self):
        Year = self.env["municipality.fiscal.year"]
        return Year._for_date(self._today_in_iran()) or Year.search(
            [("company_id", "=", self.env.company.id)], limit=1)

    @api.onchange("fiscal_year_id")
    def _onchange_fiscal_year_id(self):
        self.period_from_id = self.period_to_id = False

    @api.constrains("fiscal_year_id", "period_from_id", "period_to_id")
    def _check_periods(self):
        for wizard in self:
            periods = wizard.period_from_id | wizard.period_to_id
            if periods.fiscal_year_id - wizard.fiscal_year_id:
                raise ValidationError(self.env._(
                    "The periods must belong to fiscal year %(year)s.", year=wizard.fiscal_year_id.name))
            if wizard.period_from_id and wizard.period_to_id and wizard.period_from_id.date_from > wizard.period_to_id.date_from:
                raise ValidationError(self.env._(
                    "The period %(start)s comes after %(end)s: choose the earlier period in «From Period».",
                    start=wizard.period_from_id.name, end=wizard.period_to_id.name))

    def _date_range(self):
        self.ensure_one()
        return (self.period_from_id.date_from or self.fiscal_year_id.date_from,
                self.period_to_id.date_to or self.fiscal_year_id.date_to)

    def _base_domain(self):
        return [("company_id", "=", self.company_id.id), ("parent_state", "=", "posted"), ("account_id", "!=", False)]

    def _opening_domain(self):
        date_from, _date_to = self._date_range()
        return self._base_domain() + [
            "|", ("date", "<", date_from), "&", ("date", "=", date_from), ("move_id.year_end_type", "=", "opening")]

    def _movement_domain(self):
        date_from, date_to = self._date_range()
        kinds = [False, "closing"] if self.include_closing else [False]
        return self._base_domain() + [
            ("date", ">=", date_from), ("date", "<=", date_to), ("move_id.year_end_type", "in", kinds)]

    def _range_label(self):
        date_from, date_to = self._date_range()
        return self.env._("Fiscal year %(year)s, from %(start)s to %(end)s", year=self.fiscal_year_id.name,
                          start=format_jalali(date_from, persian_digits=True),
                          end=format_jalali(date_to, persian_digits=True))

    def _printed_on_label(self):
        now = datetime.datetime.now(zoneinfo.ZoneInfo(self._iranian_tz()))  # the municipality's time, not UTC
        return self.env._("Printed on %(date)s", date=format_jalali(now, "%Y/%m/%d %H:%M", persian_digits=True))

    def _printed_labels(self):
        """The fixed words of the printed reports, translated here in Python: ``env._`` called from a QWeb
        template finds no module to translate for, and printed the English words (reversed by the RTL layout)."""
        _ = self.env._
        return {
            "trial_balance": _("Trial Balance"), "general_ledger": _("General Ledger"),
            "date": _("Date"), "entry": _("Entry"), "partner": _("Partner"), "label": _("Label"),
            "debit": _("Debit"), "credit": _("Credit"), "balance": _("Balance"),
            "opening_balance": _("Opening balance"), "closing_balance": _("Closing balance"),
        }

    def _format_amount(self, amount):
        """``1,250,000`` in Persian digits; empty for zero."""
        if not amount:
            return ""
        digits = self.company_id.currency_id.decimal_places
        return to_persian_digits(f"{amount:,.{digits}f}")

    def _jalali(self, day):
        return format_jalali(day, persian_digits=True) if day else ""
