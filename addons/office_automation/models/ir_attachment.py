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

    _letter_content_fields = frozenset({"office_classification", "res_model", "res_id", "datas", "raw", "db_datas",
                                        "url", "type"})

    @api.model_create_multi
    def create(self, vals_list):
        self._check_letter_content_editable({
            vals["res_id"] for vals in vals_list
            if vals.get("res_model") == "office.letter" and vals.get("res_id") and vals.get("office_classification")})
        attachments = super().create(vals_list)
        attachments._letters_of_attachments()._recompute_attachment_class()
        return attachments

    def write(self, vals):
        if not self._letter_content_fields & set(vals):
            return super().write(vals)
        letters = self._letters_of_attachments()  # before the change…
        letters |= self.env["office.letter"].browse({  # …and after it
            vals.get("res_id", attachment.res_id) for attachment in self.sudo()
            if vals.get("res_model", attachment.res_model) == "office.letter"
            and vals.get("res_id", attachment.res_id)
            and vals.get("office_classification", attachment.office_classification)})
        self._check_letter_content_editable(letters.ids)
        result = super().write(vals)
        letters._recompute_attachment_class()
        return result

    def unlink(self):
        letters = self._letters_of_attachments()
        self._check_letter_content_editable(letters.ids)
        result = super().unlink()
        letters._recompute_attachment_class()
        return result

    def _letters_of_attachments(self):
        """The letters of which these attachments are part (attachments with a class)."""
        letter_ids = {attachment.res_id for attachment in self.sudo()
                      if attachment.res_model == "office.letter" and attachment.res_id
                      and attachment.office_classification}
        return self.env["office.letter"].browse(letter_ids)

    @api.model
    def _check_letter_content_editable(self, letter_ids):
        if self.env.su or not letter_ids:
            return
        letters = self.env["office.letter"].sudo().browse(set(letter_ids)).exists()
        locked = letters.filtered(lambda letter: not letter._content_editable())
        if locked:
            raise UserError(self.env._(
                "The attachments of letter %s are part of what was signed or registered and can no longer "
                "change. Attach further files to a new letter that follows it up (پیرو).",
                locked[0].display_name))
