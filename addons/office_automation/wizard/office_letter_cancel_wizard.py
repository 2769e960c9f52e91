from odoo import fields, models


class OfficeLetterCancelWizard(models.TransientModel):
    """Asks why a letter is cancelled (ابطال); required for a registered letter."""

    _name = "office.letter.cancel.wizard"
    _description = "Cancel a Letter"

    letter_id = fields.Many2one("office.letter", required=True, ondelete="cascade")
    letter_state = fields.Selection(related="letter_id.state")
    reason = fields.Text(help="Why the letter is cancelled; recorded on the letter. Required once it is registered.")

    def action_cancel_letter(self):
        self.ensure_one()
        self.letter_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
