from odoo import models


class OfficeLetter(models.Model):
    """Registering a letter tells the permit inquiries it sends or answers."""

    _inherit = "office.letter"

    def action_register(self):
        result = super().action_register()
        self.env["municipality.permit.inquiry"]._letters_registered(self)
        return result
