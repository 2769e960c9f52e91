from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get

from ..tools import jalali
from .res_partner import without_autocomplete_abroad


class ResCompany(models.Model):
    _inherit = "res.company"

    municipality_tz = fields.Selection(
        _tz_get, string="Municipality Time Zone", required=True, default=jalali.IRAN_TZ,
        help="The time zone in which the municipality's legal day starts: a letter's registration date and "
             "number year, deadlines and archive dates follow it, whatever time zone each user has chosen.")

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        return without_autocomplete_abroad(arch), view

    def iap_enrich_auto(self):
        """Odoo's partner_autocomplete (auto-installed with mail) asks Odoo's servers abroad about the
        company at the first login of its administrator and when a company is created: a municipality's
        data stays in the country. Marked as done, without a call."""
        if "iap_enrich_auto_done" in self._fields:
            self.sudo().iap_enrich_auto_done = True
        return True
