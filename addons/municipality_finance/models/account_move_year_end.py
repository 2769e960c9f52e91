from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.jalali import format_jalali


class AccountMove(models.Model):
    """Closing and opening entries are marked; nothing is posted in a closed year.

    Odoo's own lock date moves an entry dated in a locked period to the first
    open day when it is posted. In a municipality the year of an entry decides
    the budget it belongs to, so an entry dated in a closed fiscal year is
    refused instead, by every path that posts, resets or changes a posted
    entry (lock date exceptions included); reopen the year first.
    """

    _inherit = "account.move"

    year_end_type = fields.Selection(
        [("closing", "Closing Entry"), ("opening", "Opening Entry")], string="Year-end Entry",
        readonly=True, copy=False, index="btree_not_null",
        help="Closing Entry: brings the accounts to zero on the last day of the year (سند اختتامیه). "
             "Opening Entry: carries the balances to 1 Farvardin of the next year (سند افتتاحیه).")
    year_end_fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", string="Closed Fiscal Year", readonly=True, copy=False,
        index="btree_not_null", ondelete="restrict",
        help="The fiscal year whose closing produced this entry.")

    def _post(self, soft=True):
        self._check_not_in_closed_year()
        return super()._post(soft)

    def _check_fiscal_lock_dates(self):
        result = super()._check_fiscal_lock_dates()
        self._check_not_in_closed_year()
        return result

    def _check_not_in_closed_year(self):
        dated = self.filtered("date")
        if not dated:
            return
        dates = dated.mapped("date")
        closed_years = self.env["municipality.fiscal.year"].sudo().search([
            ("state", "=", "closed"), ("company_id", "in", dated.company_id.parent_ids.ids),
            ("date_from", "<=", max(dates)), ("date_to", ">=", min(dates))])
        for move in dated:
            year = next((year for year in closed_years
                         if year.company_id in move.company_id.parent_ids and year.date_from <= move.date <= year.date_to),
                        None)
            if year:
                raise UserError(self.env._(
                    "Fiscal year %(year)s is closed: the entry %(entry)s dated %(date)s cannot be posted, reset or "
                    "changed. Date it in an open year, or have the finance director reopen fiscal year %(year)s.",
                    year=year.name, entry=move.name if move.name and move.name != "/" else move.ref or "",
                    date=format_jalali(move.date)))
