from dataclasses import dataclass, field

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import period_label
from odoo.addons.municipality_base.tools.xlsx_table import Table


@dataclass
class ReportTable(Table):
    """A ``tools.xlsx_table.Table`` whose ``highlighted`` rows (indexes) the PDF prints in red (an overdue file).
    In the XLSX the same rows show a negative number in red (the amount format's ``[Red]``)."""

    highlighted: set = field(default_factory=set)


class MunicipalityUrbanismReportMixin(models.AbstractModel):
    """An urban-planning report over a Jalali period (a fiscal year or a range of its months, the period choice
    of finance's ledger reports) and optionally one district, printed as PDF or exported as a right-to-left XLSX
    from the same tables (``_get_tables``).

    The figures are computed with grouped queries as the user: what a record rule hides from them (an
    inspector's files) is not counted. Amounts of finance's assessments are summed as superuser, but only for the
    permits, properties or rulings the user can read (``_readable``).
    """

    _name = "municipality.urbanism.report.mixin"
    _inherit = ["municipality.ledger.report.mixin"]
    _description = "Urban planning report over a Jalali period"

    #: xml id of the PDF report action and the XLSX file name (without the year).
    _pdf_report = None
    _xlsx_name = "urbanism-report"

    district_id = fields.Many2one("municipality.district", string="District",
                                  domain="[('company_id', '=', company_id)]",
                                  help="Empty: every district.")

    # ------------------------------------------------------------------ to implement
    def _get_tables(self):
        """The report's ``ReportTable`` list."""
        raise NotImplementedError

    # ------------------------------------------------------------------ buttons
    def action_print_pdf(self):
        self.ensure_one()
        self._report_tables()  # refuse an empty period before printing a blank page
        return self.env.ref(self._pdf_report).report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return self._xlsx_download(self._report_tables(), f"{self._xlsx_name}-{self.fiscal_year_id.jalali_year}.xlsx")

    def _report_tables(self):
        self.ensure_one()
        tables = self._get_tables()
        if not any(table.rows for table in tables):
            date_from, date_to = self._date_range()
            raise UserError(self.env._(
                "Nothing to report from %(start)s to %(end)s%(district)s: choose another period or district.",
                start=self._jalali(date_from), end=self._jalali(date_to),
                district=self.env._(" in %(district)s", district=self.district_id.name) if self.district_id else ""))
        return tables

    # ------------------------------------------------------------------ helpers for the reports
    def _period_domain(self, field_name):
        date_from, date_to = self._date_range()
        return [(field_name, ">=", date_from), (field_name, "<=", date_to)]

    def _district_domain(self, path="district_id"):
        return [(path, "=", self.district_id.id)] if self.district_id else []

    def _readable(self, model, domain):
        """The records of ``model`` matching ``domain`` that the user may read, as a subquery (access rights and
        record rules of the user), to restrict a superuser aggregation to them."""
        records = self.env[model]
        records.check_access("read")
        return records._search(domain)

    def _subtitle_lines(self):
        _ = self.env._
        lines = [self.company_id.name]
        lines.append(self._range_label())
        if self.district_id:
            lines.append(_("District: %(district)s", district=self.district_id.name))
        lines.append(self._printed_on_label())
        return lines

    def _amount_note(self):
        currency = self.company_id.currency_id
        unit = currency.words_unit_fa or currency.currency_unit_label or currency.name  # «ریال»
        return self.env._("Amounts in %(currency)s", currency=unit)

    def _month_label(self, day):
        """«اردیبهشت ۱۴۰۵» for the first day of a ``date:jalali_month`` group."""
        return period_label(day, "month") if day else ""

    def _pdf_number(self, value, kind):
        """A number of a table as printed: thousands separators, Persian digits, no decimals (one for a
        ``decimal`` column)."""
        if value is None or value is False:
            return ""
        if kind == "percent":
            return to_persian_digits(f"{value * 100:.1f}٪")
        if kind == "decimal":
            return to_persian_digits(f"{value:,.1f}")
        return to_persian_digits(f"{value:,.0f}")
