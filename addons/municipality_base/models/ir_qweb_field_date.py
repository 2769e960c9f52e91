from odoo import api, fields, models

from ..tools import jalali
from .res_users import default_calendar


class IrQwebFieldDate(models.AbstractModel):
    """A date printed or rendered for a Persian reader (the document's language: an Odoo invoice, a portal
    page, an e-mail) is a Jalali date in Persian digits (۱۴۰۵/۰۲/۲۰); other languages keep Odoo's format."""

    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        if value and not options.get("format") and default_calendar(self.env.lang) == "jalali":
            return jalali.format_jalali(fields.Date.to_date(value), "%Y/%m/%d", persian_digits=True)
        return super().value_to_html(value, options)
