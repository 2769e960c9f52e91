import base64

from odoo import fields, models

from ..tools.xlsx_table import build_workbook


class MunicipalityXlsxReportMixin(models.AbstractModel):
    """For models that export XLSX: build the tables, keep the file on a
    transient record and let the browser download it.

    A model inherits this mixin, builds a list of ``tools.xlsx_table.Table``
    and returns ``self._xlsx_download(tables, "name.xlsx")`` from its button.
    A report wizard (transient) keeps the file on itself; a persistent record
    (disposal minutes…) is never written by a download: the file goes on a
    ``municipality.xlsx.export``, vacuumed with the other transient records.
    """

    _name = "municipality.xlsx.report.mixin"
    _description = "XLSX export of a report wizard"

    xlsx_file = fields.Binary(string="XLSX File", readonly=True, attachment=True)
    xlsx_filename = fields.Char(string="XLSX File Name", readonly=True)

    def _xlsx_download(self, tables, filename):
        self.ensure_one()
        values = {"xlsx_file": base64.b64encode(build_workbook(tables)), "xlsx_filename": filename}
        if self._transient:
            holder = self
            holder.write(values)
        else:
            holder = self.env["municipality.xlsx.export"].create(values)
        return {
            "type": "ir.actions.act_url",
            "url": (f"/web/content?model={holder._name}&id={holder.id}&field=xlsx_file"
                    f"&filename_field=xlsx_filename&download=true"),
            "target": "self",
        }
