from odoo import api, models
from odoo.exceptions import UserError

#: Attachment fields that carry a document's content or where it belongs.
_CONTENT_FIELDS = frozenset({"name", "datas", "raw", "db_datas", "store_fname", "url", "type", "mimetype",
                             "res_model", "res_id", "res_field", "description"})


class IrAttachment(models.Model):
    """The files of an archived letter are frozen with it: nobody adds,
    replaces, moves or deletes them (the disposal destroys them as superuser)."""

    _inherit = "ir.attachment"

    def _check_not_on_archived_letter(self, letter_ids):
        letter_ids = {res_id for res_id in letter_ids if res_id}
        if self.env.su or not letter_ids:
            return
        frozen = self.env["office.letter"].sudo().search(
            [("id", "in", list(letter_ids)), ("state", "in", ("archived", "disposed"))], limit=1)
        if frozen:
            raise UserError(self.env._(
                "Letter %s is in the archive: its attachments can no longer be added, changed or removed.",
                frozen.number or frozen.display_name))

    def _letter_ids(self):
        return [attachment.res_id for attachment in self.sudo() if attachment.res_model == "office.letter"]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_on_archived_letter(
            [vals.get("res_id") for vals in vals_list if vals.get("res_model") == "office.letter"])
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and _CONTENT_FIELDS.intersection(vals):
            targets = self._letter_ids()
            if vals.get("res_id"):
                moved_to_letter = (vals["res_model"] == "office.letter" if "res_model" in vals
                                   else any(attachment.res_model == "office.letter" for attachment in self.sudo()))
                if moved_to_letter:
                    targets.append(vals["res_id"])
            self._check_not_on_archived_letter(targets)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived_letter(self):
        self._check_not_on_archived_letter(self._letter_ids())
