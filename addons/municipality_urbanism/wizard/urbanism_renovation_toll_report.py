from odoo import models
from odoo.tools import SQL

from odoo.addons.municipality_base.tools.xlsx_table import Column

from ..models.municipality_building_certificate import RENOVATION_TOLL_DEFAULT, RENOVATION_TOLL_PARAM
from .urbanism_report_mixin import ReportTable


class MunicipalityUrbanismRenovationTollReport(models.TransientModel):
    """The renovation toll per district: the report year's toll billed in the period, collected (paid),
    outstanding, and overdue (unpaid past its due date today), with the arrears of earlier assessments still unpaid.
    One grouped query over the properties the user may read.

    A toll belongs to the year it is for (finance's ``toll_year_id``), not to the day it was billed: an earlier
    year's toll billed in the period (a property registered late) is an arrear of that year, not this year's toll
    overdue the day it is billed."""

    _name = "municipality.urbanism.renovation.toll.report"
    _inherit = ["municipality.urbanism.report.mixin"]
    _description = "Renovation Toll Report"
    _pdf_report = "municipality_urbanism.action_report_urbanism_renovation_toll"
    _xlsx_name = "renovation-toll"

    def _get_data(self):
        """[(district, properties, assessed, collected, overdue, earlier arrears)] per district."""
        properties = self._readable(
            "municipality.property", [("company_id", "=", self.company_id.id)] + self._district_domain())
        code = self.env["ir.config_parameter"].sudo().get_param(RENOVATION_TOLL_PARAM, RENOVATION_TOLL_DEFAULT)
        date_from, date_to = self._date_range()
        today = self._today_in_iran()
        self.env["municipality.toll.assessment"].flush_model()
        self.env["municipality.property"].flush_model(["district_id"])
        rows = self.env.execute_query(SQL(
            """WITH toll AS (
                   SELECT property.district_id, property.id AS property_id, assessment.amount_total,
                          assessment.state, assessment.due_date,
                          COALESCE(assessment.toll_year_id = %(year)s, FALSE)
                              AND assessment.date >= %(date_from)s AS of_period
                     FROM municipality_toll_assessment assessment
                     JOIN municipality_property property ON property.id = assessment.origin_id
                     JOIN municipality_toll_type toll_type ON toll_type.id = assessment.toll_type_id
                    WHERE assessment.origin_model = 'municipality.property' AND toll_type.code = %(code)s
                      AND assessment.company_id = %(company)s AND assessment.state IN ('confirmed', 'paid')
                      AND assessment.date <= %(date_to)s AND property.id IN %(properties)s)
               SELECT district_id,
                      COUNT(DISTINCT property_id) FILTER (WHERE of_period),
                      COALESCE(SUM(amount_total) FILTER (WHERE of_period), 0),
                      COALESCE(SUM(amount_total) FILTER (WHERE of_period AND state = 'paid'), 0),
                      COALESCE(SUM(amount_total) FILTER (
                          WHERE of_period AND state = 'confirmed' AND due_date < %(today)s), 0),
                      COALESCE(SUM(amount_total) FILTER (WHERE NOT of_period AND state = 'confirmed'), 0)
                 FROM toll
             GROUP BY district_id""",
            year=self.fiscal_year_id.id, date_from=date_from, date_to=date_to, today=today, code=code,
            company=self.company_id.id,
            properties=properties.subselect()))
        districts = self.env["municipality.district"].with_context(active_test=False).browse(
            {row[0] for row in rows if row[0]})
        result = [(districts.browse(row[0]), *row[1:]) for row in rows if any(row[2:])]
        result.sort(key=lambda row: (row[0].sequence, row[0].code or ""))
        return result

    def _get_tables(self):
        _ = self.env._
        rows = []
        for district, count, assessed, collected, overdue, earlier in self._get_data():
            rows.append([district.name or _("No district"), count, assessed, collected, assessed - collected,
                         overdue, earlier, overdue + earlier])
        totals = [_("Total")] + [sum(row[index] for row in rows) for index in range(1, 8)]
        return [ReportTable(
            sheet_name=_("Renovation toll"), title=_("Renovation toll per district"),
            columns=[Column(_("District"), "text", 22), Column(_("Properties assessed"), "integer", 12),
                     Column(_("Toll assessed"), "amount", 18), Column(_("Toll collected"), "amount", 18),
                     Column(_("Outstanding"), "amount", 18), Column(_("Overdue of the period"), "amount", 18),
                     Column(_("Arrears of earlier assessments"), "amount", 18),
                     Column(_("Total arrears"), "amount", 18)],
            rows=rows, totals=totals,
            subtitle_lines=self._subtitle_lines() + [self._amount_note(), _(
                "Overdue: unpaid after its due date, on %(date)s.", date=self._jalali(self._today_in_iran()))])]
