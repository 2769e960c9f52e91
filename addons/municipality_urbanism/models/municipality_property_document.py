from odoo import api, fields, models


class MunicipalityPropertyDocument(models.Model):
    """A document kept in a property file (deed, subdivision minutes, utility bill…)."""

    _name = "municipality.property.document"
    _description = "Property Document"
    _order = "property_id, document_type_id, id"

    property_id = fields.Many2one("municipality.property", required=True, index=True, ondelete="cascade")
    document_type_id = fields.Many2one("municipality.document.type", string="Document Type", required=True)
    name = fields.Char(string="Description")
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    date = fields.Date(default=lambda self: self._today_in_iran())

    @api.model_create_multi
    def create(self, vals_list):
        DocumentType = self.env["municipality.document.type"]
        for vals in vals_list:
            if vals.get("document_type_id"):
                DocumentType.browse(vals.get("document_type_id"))._check_upload(vals.get("file_name"), vals.get("file"))
        return super().create(vals_list)

    def write(self, vals):
        if {"file", "file_name", "document_type_id"} & vals.keys():
            for document in self:
                document_type = self.env["municipality.document.type"].browse(
                    vals.get("document_type_id", document.document_type_id.id))
                document_type._check_upload(vals.get("file_name", document.file_name),
                                            vals["file"] if "file" in vals else False)
        return super().write(vals)
