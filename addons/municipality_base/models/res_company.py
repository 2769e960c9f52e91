from odoo import fields, models
from odoo.addons.base.models.res_partner import _tz_get

from ..tools import jalali


class ResCompany(models.Model):
    _inherit = "res.company"

    municipality_tz = fields.Selection(
        _tz_get, string="Municipality Time Zone", required=True, default=jalali.IRAN_TZ,
        help="The time zone in which the municipality's legal day starts: a letter's registration date and "
             "number year, deadlines and archive dates follow it, whatever time zone each user has chosen.")
