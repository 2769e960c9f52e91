from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # Each municipality numbers its own disposal minutes.
        self.env["office.letter.disposal"].sudo()._ensure_disposal_sequences(companies)
        return companies
