from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "office.letter.linked.mixin"]

    def _office_letter_defaults(self):
        # A letter about a citizen or a company is usually written to them.
        return dict(super()._office_letter_defaults(), letter_type="outgoing",
                    recipient_partner_ids=[(6, 0, self.ids)])
