from datetime import datetime

from markupsafe import Markup

from odoo import api, fields, models, tools

from ..tools import jalali
from ..tools.digits import to_persian_digits
from ..tools.printed_text import WORD_BOX, box_words_with_zwnj, zwnj_parts


class IrActionsReport(models.Model):
    """Helpers every QWeb report of the suite can call (the reports of the Shahr addons; not the reports of
    other modules, whose variables they could shadow).

    In a report template:

    * ``jalali_date(record.date)`` → ``1404/01/15``;
      ``jalali_date(record.date, '%d %B %Y', persian_digits=True)`` → ``۱۵ فروردین ۱۴۰۴``.
      A datetime is shown in the municipality's time zone (``res.company.municipality_tz``).
    * ``jalali_now(pattern, persian_digits=False)`` → the current date and time, for "printed on".
    * ``persian_digits(text)`` → the text with ۰-۹ digits.
    * ``persian_text(value, persian_digits=False)`` → the text as words that
      every wkhtmltopdf build lays out right: Debian's unpatched build draws a
      line of several Persian words shifted, clipping or overlapping them;
      each word in its own inline box between right-to-left marks prints
      correctly there and in the patched build. Use it for every value of
      more than one word. A word with a ZWNJ («پرونده‌ها») is printed as
      one box per part (``tools/printed_text.py``).
    * ``amount_in_words(amount, currency)`` → «یک میلیون و دویست و پنجاه هزار ریال»,
      in the currency's unit (the company's currency by default); see
      ``res.currency.amount_to_text_fa``.
    """

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """The helpers, for the suite's own reports only (those of a Shahr addon): another module's report
        may use the same names for its own values. What the report's values define wins over a helper."""
        data = super()._get_rendering_context(report, docids, data)
        if self._is_municipality_report(report):
            data = {**self._municipality_report_helpers(), **data}
        return data

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        """The suite's reports print the ZWNJ of their Persian text, their static labels included, with every
        wkhtmltopdf build (``tools/printed_text.py``)."""
        report = self._get_report(report_ref) if report_ref else None
        if report and self._is_municipality_report(report):
            bodies = [box_words_with_zwnj(body) for body in bodies]
            header = header and box_words_with_zwnj(header)
            footer = footer and box_words_with_zwnj(footer)
        return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, header=header, footer=footer, **kwargs)

    @api.model
    def _is_municipality_report(self, report):
        return self._is_municipality_module((report.report_name or "").split(".", 1)[0])

    @api.model
    @tools.ormcache("module")
    def _is_municipality_module(self, module):
        return bool(self.env["ir.module.module"].sudo().search_count(
            [("name", "=", module), ("author", "=", "Shahr")], limit=1))

    def _municipality_report_helpers(self):
        env = self.env
        tz_self = self.with_context(tz=self._iranian_tz())

        def jalali_date(value, pattern=None, persian_digits=False):
            if not value:
                return ""
            if isinstance(value, datetime):
                value = fields.Datetime.context_timestamp(tz_self, value)
                pattern = pattern or "%Y/%m/%d %H:%M"
            return jalali.format_jalali(value, pattern or "%Y/%m/%d", persian_digits=persian_digits)

        def amount_in_words(amount, currency=None):
            return (currency or env.company.currency_id).amount_to_text_fa(amount)

        def jalali_now(pattern="%Y/%m/%d %H:%M", persian_digits=False):
            return jalali_date(fields.Datetime.now(), pattern, persian_digits)

        def persian_text(value, persian_digits=False):
            if value is None or value is False:
                return ""
            text = to_persian_digits(str(value)) if persian_digits else str(value)
            return Markup(" ").join(Markup("").join(Markup(WORD_BOX).format(part) for part in zwnj_parts(word))
                                    for word in text.split())

        return {
            "jalali_date": jalali_date,
            "jalali_now": jalali_now,
            "persian_digits": to_persian_digits,
            "persian_text": persian_text,
            "amount_in_words": amount_in_words,
        }
