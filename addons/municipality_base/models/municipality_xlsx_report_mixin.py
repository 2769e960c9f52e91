import base64

from odoo import fields, models

from ..tools.xlsx_table import build_workbook


class MunicipalityXlsxReportMixin(models.AbstractModel):
    """For report wizards that export XLSX: build the tables, keep the file on
    the wizard and let the browser download it.

    A wizard inherits this mixin, builds a list of ``tools.xlsx_table.Table``
    and returns ``self._xlsx_download(tables, "name.xlsx")`` from its button.
    """

    _name = "municipality.xlsx.report.mixin"
    _description = "XLSX export of a report wizard"

    xlsx_file = fields.Binary(string="XLSX File", readonly=True, attachment=True)
    xlsx_filename = fields.Char(string="XLSX File Name", readonly=True)

    def _xlsx_download(self, tables, filename):
        self.ensure_one()
        self.write({"xlsx_file": base64.b64encode(build_workbook(tables)), "xlsx_filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": (f"/web/content?model={self._name}&id={self.id}&field=xlsx_file"
                    f"&filename_field=xlsx_filename&download=true"),
            "target": "self",
        }
