from odoo import fields, models


class OfficeLetterRejectWizard(models.TransientModel):
    """Asks the signer whose turn it is why they do not sign."""

    _name = "office.letter.reject.wizard"
    _description = "Reject a Letter's Signature"

    letter_id = fields.Many2one("office.letter", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="What the author must correct; recorded on the letter.")

    def action_reject(self):
        self.ensure_one()
        self.letter_id.action_reject_signature(self.reason)
        return {"type": "ir.actions.act_window_close"}
