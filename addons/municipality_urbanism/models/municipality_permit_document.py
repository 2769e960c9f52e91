import functools

from odoo import api, fields, models
from odoo.exceptions import UserError


class MunicipalityPermitDocument(models.Model):
    """A document of a permit file's checklist (deed, IDs, power of attorney…).

    The documents of a file that is no longer in progress (issued, refused, cancelled) are what it was decided on:
    they are no longer added, changed or removed, nor is their file replaced through its attachment, except by
    the superuser (``municipality.permit._closed_files``)."""

    _name = "municipality.permit.document"
    _inherit = ["municipality.permit.closed.file.lock"]
    _description = "Permit Document"
    _order = "permit_id, document_type_id, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    document_type_id = fields.Many2one("municipality.document.type", string="Document Type", required=True)
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        DocumentType = self.env["municipality.document.type"]
        for vals in vals_list:
            if vals.get("document_type_id"):
                DocumentType.browse(vals["document_type_id"])._check_upload(vals.get("file_name"), vals.get("file"))
        return super().create(vals_list)

    def write(self, vals):
        if {"file", "file_name", "document_type_id"} & vals.keys():
            for document in self:
                self.env["municipality.document.type"].browse(
                    vals.get("document_type_id", document.document_type_id.id))._check_upload(
                    vals.get("file_name", document.file_name), vals["file"] if "file" in vals else False)
        return super().write(vals)

    @api.model
    def _closed_file_error(self, permits):
        permit = permits[:1]
        return UserError(self.env._(
            "File %(file)s is %(state)s: its documents are those it was decided on and are no longer added, "
            "replaced or removed.", file=permit.name, state=permit._selection_labels("state")[permit.state]))

    def _check_access(self, operation):
        """The stored file is an ``ir.attachment``, which a user may replace or delete on its own as far as they
        may write the document: a closed file's documents are not writable, so their attachments are kept too."""
        result = super()._check_access(operation)
        if operation == "read" or self.env.su or not self._ids:
            return result
        documents = self.sudo()
        closed_files = documents.permit_id.with_env(self.env)._closed_files()
        closed = documents.filtered(lambda document: document.permit_id in closed_files).with_env(self.env)
        if result:
            closed -= result[0]
        if not closed:
            return result
        if result:
            return result[0] | closed, result[1]
        return closed, functools.partial(self._closed_file_error, closed_files)
