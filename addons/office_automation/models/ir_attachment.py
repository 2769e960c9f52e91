from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_users import CLASSIFICATIONS


class IrAttachment(models.Model):
    """A letter's attachments are files on the letter with a class of their own.

    An attachment of an ``office.letter`` with ``office_classification`` set is
    part of the letter's content: it raises the letter's class, it is signed
    with it and it no longer changes once the letter is signed or registered.
    Files posted in the letter's chatter carry no class and are not part of
    the content. Either way the file is read and changed under the letter's
    own access rules (``ir.attachment`` checks the record it is attached to).
    """

    _inherit = "ir.attachment"

    office_classification = fields.Selection(
        CLASSIFICATIONS, string="Attachment Class",
        help="Class of this attachment of a letter; the letter is at least as classified as its most "
             "sensitive attachment.")

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments._check_letter_content_editable()
        return attachments

    def write(self, vals):
        if {"office_classification", "res_model", "res_id", "datas", "raw", "db_datas", "url"} & set(vals):
            self._check_letter_content_editable()
            result = super().write(vals)
            self._check_letter_content_editable()
            return result
        return super().write(vals)

    def unlink(self):
        self._check_letter_content_editable()
        return super().unlink()

    def _check_letter_content_editable(self):
        if self.env.su:
            return
        letter_attachments = self.sudo().filtered(
            lambda attachment: attachment.res_model == "office.letter" and attachment.res_id
            and attachment.office_classification)
        if not letter_attachments:
            return
        letters = self.env["office.letter"].sudo().browse(set(letter_attachments.mapped("res_id"))).exists()
        locked = letters.filtered(lambda letter: not letter._content_editable())
        if locked:
            raise UserError(self.env._(
                "The attachments of letter %s are part of what was signed or registered and can no longer "
                "change. Attach further files to a new letter that follows it up (پیرو).",
                locked[0].display_name))
