from odoo import models

from odoo.addons.municipality_base.tools.xlsx_table import Column

from .urbanism_report_mixin import ReportTable


class MunicipalityUrbanismViolationReport(models.TransientModel):
    """Building violations detected in the period per kind (and where they stand), and the Article 100
    commission's final rulings of sessions held in the period per violation kind and decision, with the fines
    assessed (the finance assessment of a final fine) and collected (paid)."""

    _name = "municipality.urbanism.violation.report"
    _inherit = ["municipality.urbanism.report.mixin"]
    _description = "Violations and Rulings Report"
    _pdf_report = "municipality_urbanism.action_report_urbanism_violation"
    _xlsx_name = "violations"

    def _labels(self, model, field_name):
        return dict(self.env[model]._fields[field_name]._description_selection(self.env))

    def _violation_table(self):
        _ = self.env._
        Violation = self.env["municipality.violation"]
        domain = ([("company_id", "=", self.company_id.id)] + self._period_domain("detected_date")
                  + self._district_domain("property_id.district_id"))
        states = self._labels("municipality.violation", "state")
        figures = {}
        for kind, state, count, area in Violation._read_group(
                domain, ["kind", "state"], ["__count", "measured_area:sum"]):
            line = figures.setdefault(kind, {"count": 0, "area": 0.0})
            line["count"] += count
            line["area"] += area
            line[state] = count
        rows = [[label, figures[kind]["count"], figures[kind]["area"]]
                + [figures[kind].get(state, 0) for state in states]
                for kind, label in self._labels("municipality.violation", "kind").items() if kind in figures]
        totals = [_("Total")] + [sum(row[index] for row in rows) for index in range(1, 3 + len(states))]
        return ReportTable(
            sheet_name=_("Violations"), title=_("Violations detected per kind"),
            columns=[Column(_("Violation"), "text", 26), Column(_("Violations"), "integer", 10),
                     Column(_("Measured area (m²)"), "amount", 16)]
                    + [Column(label, "integer", 14) for label in states.values()],
            rows=rows, totals=totals, subtitle_lines=self._subtitle_lines())

    def _ruling_table(self):
        _ = self.env._
        Ruling = self.env["municipality.commission.ruling"]
        domain = ([("company_id", "=", self.company_id.id), ("is_final", "=", True)]
                  + self._period_domain("session_id.date")
                  + self._district_domain("violation_id.property_id.district_id"))
        groupby = ["violation_id.kind", "decision"]
        rulings = Ruling._read_group(domain, groupby, ["__count", "area:sum"])
        # the fines' assessments are finance's: summed as superuser over the rulings the user reads
        fines = {}
        for kind, decision, state, amount in Ruling.sudo()._read_group(
                [("id", "in", self._readable(Ruling._name, domain)), ("assessment_id", "!=", False),
                 ("assessment_id.state", "in", ("confirmed", "paid"))],
                groupby + ["assessment_id.state"], ["fine_amount:sum"]):
            line = fines.setdefault((kind, decision), {"assessed": 0.0, "collected": 0.0})
            line["assessed"] += amount
            if state == "paid":
                line["collected"] += amount
        kinds = self._labels("municipality.violation", "kind")
        decisions = self._labels(Ruling._name, "decision")
        rulings.sort(key=lambda group: (list(kinds).index(group[0]), list(decisions).index(group[1])))
        rows = []
        for kind, decision, count, area in rulings:
            fine = fines.get((kind, decision), {"assessed": 0.0, "collected": 0.0})
            rows.append([kinds[kind], decisions[decision], count, area, fine["assessed"], fine["collected"],
                         fine["assessed"] - fine["collected"]])
        totals = [_("Total"), ""] + [sum(row[index] for row in rows) for index in range(2, 7)]
        return ReportTable(
            sheet_name=_("Rulings"), title=_("Final rulings of the Article 100 commission"),
            columns=[Column(_("Violation"), "text", 26), Column(_("Ruling"), "text", 26),
                     Column(_("Rulings"), "integer", 10), Column(_("Area (m²)"), "amount", 14),
                     Column(_("Fines assessed"), "amount", 18), Column(_("Fines collected"), "amount", 18),
                     Column(_("Fines outstanding"), "amount", 18)],
            rows=rows, totals=totals, subtitle_lines=self._subtitle_lines() + [self._amount_note()])

    def _get_tables(self):
        return [self._violation_table(), self._ruling_table()]
