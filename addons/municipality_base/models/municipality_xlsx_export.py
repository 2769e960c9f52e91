from odoo import fields, models


class MunicipalityXlsxExport(models.TransientModel):
    """A downloaded XLSX file of a persistent record (disposal minutes, say): kept on a transient record that
    the database vacuums, never on the record itself."""

    _name = "municipality.xlsx.export"
    _description = "XLSX Export"

    xlsx_file = fields.Binary(string="XLSX File", readonly=True, attachment=True)
    xlsx_filename = fields.Char(string="XLSX File Name", readonly=True)
