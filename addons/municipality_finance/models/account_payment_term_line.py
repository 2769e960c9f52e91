from odoo import fields, models

from odoo.addons.municipality_base.tools.jalali import add_months


class AccountPaymentTermLine(models.Model):
    """A toll instalment falls due a number of Jalali months after the invoice
    date, on the same day of the month (or the month's last day), as a
    citizen counts months; ``nb_days`` only approximates it (30 days a month)
    for Odoo's own screens."""

    _inherit = "account.payment.term.line"

    jalali_months = fields.Integer(
        string="Jalali Months", readonly=True, copy=False,
        help="Set on the toll instalment terms: the line falls due this many Jalali months after the invoice "
             "date (its days are then only indicative).")

    def _get_due_date(self, date_ref):
        if self.jalali_months:
            return add_months(fields.Date.to_date(date_ref) or fields.Date.today(), self.jalali_months)
        return super()._get_due_date(date_ref)
