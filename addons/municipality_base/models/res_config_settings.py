from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    municipality_tz = fields.Selection(related="company_id.municipality_tz", readonly=False)
