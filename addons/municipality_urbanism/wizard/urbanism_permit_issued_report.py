from odoo import models

from odoo.addons.municipality_base.tools.xlsx_table import Column

from .urbanism_report_mixin import ReportTable


class MunicipalityUrbanismPermitIssuedReport(models.TransientModel):
    """Permits issued in the period per district, permit type and Jalali month of issue, with the permitted
    areas per use (the file's floors): two grouped queries."""

    _name = "municipality.urbanism.permit.issued.report"
    _inherit = ["municipality.urbanism.report.mixin"]
    _description = "Permits Issued Report"
    _pdf_report = "municipality_urbanism.action_report_urbanism_permit_issued"
    _xlsx_name = "permits-issued"

    def _permit_domain(self):
        return ([("company_id", "=", self.company_id.id), ("state", "=", "issued")]
                + self._period_domain("issue_date") + self._district_domain())

    def _get_data(self):
        """{(district, type, month): {"count", "units", "areas": {use: m²}}} and the uses that occur."""
        Permit = self.env["municipality.permit"]
        domain = self._permit_domain()
        keys = ["district_id", "permit_type_id", "issue_date:jalali_month"]
        data = {}
        for district, permit_type, month, count, units in Permit._read_group(
                domain, keys, ["__count", "total_units:sum"]):
            data[district, permit_type, month] = {"count": count, "units": units, "areas": {}}
        uses = set()
        for district, permit_type, month, use, area in self.env["municipality.permit.floor"]._read_group(
                [("permit_id", "in", Permit._search(domain))],
                [f"permit_id.{key}" for key in keys] + ["use"], ["area:sum"]):
            data[district, permit_type, month]["areas"][use] = area
            uses.add(use)
        return data, uses

    def _get_tables(self):
        _ = self.env._
        data, uses = self._get_data()
        use_labels = dict(self.env["municipality.permit.floor"]._fields["use"]._description_selection(self.env))
        uses = [use for use in use_labels if use in uses]
        columns = ([Column(_("District"), "text", 22), Column(_("Permit Type"), "text", 22),
                    Column(_("Month of Issue"), "text", 16), Column(_("Permits"), "integer", 10),
                    Column(_("Units"), "integer", 10)]
                   + [Column(_("%(use)s area (m²)", use=use_labels[use]), "amount", 16) for use in uses]
                   + [Column(_("Total area (m²)"), "amount", 16)])

        def order(key):
            district, permit_type, month = key
            return (district.sequence, district.code or "", permit_type.sequence, permit_type.id, month)

        rows = []
        for key in sorted(data, key=order):
            district, permit_type, month = key
            figures = data[key]
            areas = [figures["areas"].get(use, 0.0) for use in uses]
            rows.append([district.name or _("No district"), permit_type.name, self._month_label(month),
                         figures["count"], figures["units"], *areas, sum(areas)])
        totals = [_("Total"), "", "", sum(row[3] for row in rows), sum(row[4] for row in rows)]
        totals += [sum(row[5 + index] for row in rows) for index in range(len(uses) + 1)]
        return [ReportTable(sheet_name=_("Permits issued"), title=_("Permits issued per district, type and month"),
                            columns=columns, rows=rows, totals=totals, subtitle_lines=self._subtitle_lines())]
