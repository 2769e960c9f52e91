from odoo import api, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "office.letter.linked.mixin"]

    def _office_letter_defaults(self):
        # A letter about a citizen or a company is usually written to them.
        return dict(super()._office_letter_defaults(), letter_type="outgoing",
                    recipient_partner_ids=[(6, 0, self.ids)])

    def _office_letter_domain(self):
        """The letters of these people: about them, sent by them or addressed to them (a citizen who wrote
        twice has two letters, not none)."""
        return ["|", "|", "&", ("res_model", "=", self._name), ("res_id", "in", self.ids),
                ("sender_partner_id", "in", self.ids), ("recipient_partner_ids", "in", self.ids)]

    @api.depends_context("uid")
    def _compute_office_letter_count(self):
        letters = self.env["office.letter"].search_fetch(
            self._office_letter_domain(), ["res_model", "res_id", "sender_partner_id", "recipient_partner_ids"])
        for partner in self:
            partner.office_letter_count = len(letters.filtered(
                lambda letter: (letter.res_model == partner._name and letter.res_id == partner.id)
                or letter.sender_partner_id == partner or partner in letter.recipient_partner_ids))

    def action_view_office_letters(self):
        action = super().action_view_office_letters()
        action["domain"] = self._office_letter_domain()
        return action
