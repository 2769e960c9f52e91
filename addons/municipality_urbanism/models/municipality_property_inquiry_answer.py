from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import normalize_digits, to_persian_digits


class MunicipalityPropertyInquiryAnswer(models.TransientModel):
    """The answer to a notary's or a bank's inquiry about a property (permits, certificates, violations, tolls
    paid): printed, or written as an outgoing letter about the property (``res_model``/``res_id``) for the
    secretariat to sign and register."""

    _name = "municipality.property.inquiry.answer"
    _description = "Answer to a Property Inquiry"

    property_id = fields.Many2one("municipality.property", string="Property", required=True)
    recipient_id = fields.Many2one("res.partner", string="Notary or Bank",
                                   help="Who asked: the notary's office or the bank the letter goes to.")
    reference = fields.Char(string="Their Reference", help="The number and date of their inquiry letter.")

    def _reference(self):
        return normalize_digits(self.reference or "").strip()

    def action_print(self):
        self.ensure_one()
        self.property_id.check_access("read")
        return self.env.ref("municipality_urbanism.action_report_property_inquiry_answer").report_action(
            self.property_id, data={"reference": to_persian_digits(self._reference())})

    def action_letter(self):
        """An outgoing letter to the recipient about the property, with the answer as its text."""
        self.ensure_one()
        prop = self.property_id
        prop.check_access("read")
        if not self.recipient_id:
            raise UserError(self.env._("Choose the notary's office or the bank the answer goes to."))
        if not self.env["office.letter"].has_access("create"):
            raise UserError(self.env._("Only correspondence staff write letters: print the answer instead, or ask "
                                       "an urban planning expert to write it as a letter."))
        letter = self.env["office.letter"].create({
            "subject": self.env._("Answer to the inquiry about property %(property)s",
                                  property=to_persian_digits(prop.renovation_code)),
            "letter_type": "outgoing",
            "recipient_partner_ids": [(6, 0, self.recipient_id.ids)],
            "res_model": prop._name,
            "res_id": prop.id,
            "body": prop._inquiry_answer_html(self.recipient_id, self._reference()),
        })
        prop.message_post(body=self.env._("The answer to %(recipient)s's inquiry was written as letter %(letter)s.",
                                          recipient=self.recipient_id.name, letter=letter.display_name))
        return {"type": "ir.actions.act_window", "res_model": "office.letter", "res_id": letter.id,
                "view_mode": "form", "views": [[False, "form"]]}
