import os

from odoo import fields, models
from odoo.exceptions import ValidationError


class MunicipalityDocumentType(models.Model):
    """A kind of document of a property or permit file (deed, ID card, power of attorney…)."""

    _name = "municipality.document.type"
    _description = "Urban Planning Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    allowed_extensions = fields.Char(
        default="pdf,jpg,jpeg,png", required=True,
        help="File extensions accepted for this document, separated by commas.")
    max_size_mb = fields.Float(string="Maximum Size (MB)", default=10.0, required=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Another document type already has this code.")

    def _check_upload(self, file_name, data):
        """Refuse ``file_name`` (base64 ``data``) when its extension or size does not fit this type."""
        self.ensure_one()
        allowed = [ext.strip().lower().lstrip(".") for ext in (self.allowed_extensions or "").split(",") if ext.strip()]
        extension = os.path.splitext(file_name or "")[1].lower().lstrip(".")
        if not extension or extension not in allowed:
            raise ValidationError(self.env._(
                "“%(file)s” cannot be filed as %(type)s: accepted file types are %(allowed)s.",
                file=file_name or "-", type=self.name, allowed=", ".join(allowed)))
        if data:
            raw = data if isinstance(data, bytes) else data.encode()
            size = len(raw) * 3 // 4 - raw[-2:].count(b"=")
            if size > self.max_size_mb * 1024 * 1024:
                raise ValidationError(self.env._(
                    "“%(file)s” is larger than the %(size)s MB allowed for %(type)s.",
                    file=file_name, size=self.max_size_mb, type=self.name))
