from odoo import api, fields, models


class MunicipalityPermitDocument(models.Model):
    """A document of a permit file's checklist (deed, IDs, power of attorney…)."""

    _name = "municipality.permit.document"
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
