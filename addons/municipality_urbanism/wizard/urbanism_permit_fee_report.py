from odoo import models
from odoo.tools import SQL

from odoo.addons.municipality_base.tools.xlsx_table import Column

from .urbanism_report_mixin import ReportTable


class MunicipalityUrbanismPermitFeeReport(models.TransientModel):
    """The permit fees assessed in the period (confirmed or paid assessments of the files, by assessment date)
    and how much of them is collected (paid: a cheque counts once cleared, as the payment gate says), per permit
    type and fee: one grouped query over the files the user may read."""

    _name = "municipality.urbanism.permit.fee.report"
    _inherit = ["municipality.urbanism.report.mixin"]
    _description = "Permit Fees Report"
    _pdf_report = "municipality_urbanism.action_report_urbanism_permit_fee"
    _xlsx_name = "permit-fees"

    def _get_data(self):
        """[(permit type, toll type, files, assessments, assessed, collected)]."""
        Permit = self.env["municipality.permit"]
        permits = self._readable(
            "municipality.permit", [("company_id", "=", self.company_id.id)] + self._district_domain())
        date_from, date_to = self._date_range()
        field = Permit._fields["assessment_ids"]
        self.env["municipality.toll.assessment"].flush_model(["amount_total", "state", "date", "toll_type_id"])
        Permit.flush_model(["permit_type_id", "assessment_ids"])
        rows = self.env.execute_query(SQL(
            """SELECT permit.permit_type_id, assessment.toll_type_id, COUNT(DISTINCT permit.id), COUNT(*),
                      SUM(assessment.amount_total),
                      SUM(CASE WHEN assessment.state = 'paid' THEN assessment.amount_total ELSE 0 END)
                 FROM municipality_permit permit
                 JOIN %(relation)s rel ON rel.%(permit_col)s = permit.id
                 JOIN municipality_toll_assessment assessment ON assessment.id = rel.%(assessment_col)s
                WHERE permit.id IN %(permits)s AND assessment.state IN ('confirmed', 'paid')
                  AND assessment.date BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY permit.permit_type_id, assessment.toll_type_id""",
            relation=SQL.identifier(field.relation), permit_col=SQL.identifier(field.column1),
            assessment_col=SQL.identifier(field.column2), permits=permits.subselect(),
            date_from=date_from, date_to=date_to))
        types = self.env["municipality.permit.type"].browse({row[0] for row in rows}).with_context(active_test=False)
        tolls = self.env["municipality.toll.type"].sudo().browse({row[1] for row in rows}).with_context(
            active_test=False)
        result = [(types.browse(type_id), tolls.browse(toll_id), files, count, assessed, collected)
                  for type_id, toll_id, files, count, assessed, collected in rows]
        result.sort(key=lambda row: (row[0].sequence, row[0].id, row[1].sequence, row[1].code or ""))
        return result

    def _get_tables(self):
        """The municipality's own fees; then, when there are any, the shares it collects for another body (a
        toll booked on a liability account: the education share), which are not its revenue and are totalled
        apart."""
        _ = self.env._
        own, shares = [], []
        for permit_type, toll_type, files, count, assessed, collected in self._get_data():
            row = [permit_type.name, toll_type.name, files, count, assessed, collected, assessed - collected,
                   collected / assessed if assessed else 0.0]
            (shares if toll_type.account_id.account_type == "liability_current" else own).append(row)
        tables = [self._fee_table(own, _("Permit fees"), _("Permit fees assessed and collected per permit type"))]
        if shares:
            tables.append(self._fee_table(
                shares, _("Shares for others"),
                _("Shares collected for other bodies per permit type (not the municipality's revenue)")))
        return tables

    def _fee_table(self, rows, sheet_name, title):
        _ = self.env._
        assessed, collected = sum(row[4] for row in rows), sum(row[5] for row in rows)
        totals = [_("Total"), "", None, sum(row[3] for row in rows), assessed, collected, assessed - collected,
                  collected / assessed if assessed else 0.0]
        return ReportTable(
            sheet_name=sheet_name, title=title,
            columns=[Column(_("Permit Type"), "text", 22), Column(_("Fee"), "text", 24),
                     Column(_("Files"), "integer", 10), Column(_("Assessments"), "integer", 12),
                     Column(_("Fees assessed"), "amount", 18), Column(_("Fees collected"), "amount", 18),
                     Column(_("Outstanding"), "amount", 18), Column(_("Collected share"), "percent", 12)],
            rows=rows, totals=totals, subtitle_lines=self._subtitle_lines() + [self._amount_note()])
