from odoo import fields, models


class OfficeLetterArchiveWizard(models.TransientModel):
    """Choose the file plan class of registered letters and archive them."""

    _name = "office.letter.archive.wizard"
    _description = "Archive Letters"

    letter_ids = fields.Many2many("office.letter", string="Letters", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    file_plan_id = fields.Many2one("office.file.plan", string="File Plan Class", required=True,
                                   domain="[('company_id', '=', company_id)]")
    retention_years = fields.Integer(related="file_plan_id.retention_years")
    disposition = fields.Selection(related="file_plan_id.disposition")

    def action_archive_letters(self):
        self.ensure_one()
        letters = self.letter_ids
        letters._check_can_archive()
        # The class is part of archiving, which the buttons alone do (a registered letter accepts no edit).
        letters.sudo().write({"file_plan_id": self.file_plan_id.id})
        letters.action_file_in_archive()
        return {"type": "ir.actions.act_window_close"}
