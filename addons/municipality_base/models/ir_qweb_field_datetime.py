from odoo import api, fields, models

from ..tools import jalali
from .res_users import default_calendar


class IrQwebFieldDatetime(models.AbstractModel):
    """A date and time rendered for a Persian reader: Jalali, in Persian digits, in the reader's (or the
    given) time zone; other languages keep Odoo's format."""

    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        if (not value or options.get("format") or options.get("time_only")
                or default_calendar(self.env.lang) != "jalali"):
            return super().value_to_html(value, options)
        record = self.with_context(tz=options["tz_name"]) if options.get("tz_name") else self
        local = fields.Datetime.context_timestamp(record, fields.Datetime.to_datetime(value))
        pattern = "%Y/%m/%d" if options.get("date_only") else "%Y/%m/%d %H:%M"
        return jalali.format_jalali(local, pattern, persian_digits=True)
