from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_users import CLASSIFICATIONS

#: Attachment fields that carry a file's content or say where it belongs: none of them changes on any file
#: of an archived letter (with a class or not).
_CONTENT_FIELDS = frozenset({"name", "datas", "raw", "db_datas", "store_fname", "url", "type", "mimetype",
                             "res_model", "res_id", "res_field", "description"})
#: The fields that make an attachment part of a letter's signed content (its file, its class and its letter):
#: the content fields that are hashed, and the class. Names and descriptions are not signed, so they are
#: not in this set; that is why the two sets stay apart.
_SIGNED_CONTENT_FIELDS = frozenset({"office_classification", "res_model", "res_id", "datas", "raw", "db_datas",
                                    "url", "type"})


class IrAttachment(models.Model):
    """A letter's attachments are files on the letter with a class of their own.

    An attachment of an ``office.letter`` with ``office_classification`` set is
    part of the letter's content: it raises the letter's class, it is signed
    with it and it no longer changes once the letter is signed or registered.
    Files posted in the letter's chatter carry no class and are not part of
    the content. Either way the file is read and changed under the letter's
    own access rules (``ir.attachment`` checks the record it is attached to).

    Every file of an archived letter, with a class or not, is frozen with it:
    nobody adds, replaces, moves or deletes it, not even through the chatter,
    which does so as superuser (the disposal destroys them).
    """

    _inherit = "ir.attachment"

    office_classification = fields.Selection(
        CLASSIFICATIONS, string="Attachment Class",
        help="Class of this attachment of a letter; the letter is at least as classified as its most "
             "sensitive attachment.")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_on_archived_letter(
            [vals.get("res_id") for vals in vals_list if vals.get("res_model") == "office.letter"])
        self._check_letter_content_editable({
            vals["res_id"] for vals in vals_list
            if vals.get("res_model") == "office.letter" and vals.get("res_id") and vals.get("office_classification")})
        attachments = super().create(vals_list)
        attachments._letters_of_attachments()._recompute_attachment_class()
        return attachments

    def write(self, vals):
        if _CONTENT_FIELDS.intersection(vals):  # superuser too: the chatter re-links uploads as superuser
            targets = self._letter_ids()
            if vals.get("res_id"):
                moved_to_letter = (vals["res_model"] == "office.letter" if "res_model" in vals
                                   else any(attachment.res_model == "office.letter" for attachment in self.sudo()))
                if moved_to_letter:
                    targets.append(vals["res_id"])
            self._check_not_on_archived_letter(targets)
        if not _SIGNED_CONTENT_FIELDS & set(vals):
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived_letter(self):
        self._check_not_on_archived_letter(self._letter_ids())

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

    def _letter_ids(self):
        return [attachment.res_id for attachment in self.sudo() if attachment.res_model == "office.letter"]

    def _check_not_on_archived_letter(self, letter_ids):
        """Refuse, for everyone (the chatter uploads, links and deletes files as superuser), a file added to,
        changed on or removed from an archived or disposed letter; only the disposal destroys them."""
        letter_ids = {res_id for res_id in letter_ids if res_id}
        if self.env.context.get("office_letter_disposal") or not letter_ids:
            return
        frozen = self.env["office.letter"].sudo().search(
            [("id", "in", list(letter_ids)), ("state", "in", ("archived", "disposed"))], limit=1)
        if frozen:
            raise UserError(self.env._(
                "Letter %s is in the archive: its attachments can no longer be added, changed or removed.",
                frozen.number or frozen.display_name))
