from odoo import api, fields, models

from odoo.addons.municipality_base.tools.jalali import MONTH_NAMES, format_jalali, to_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table


class MunicipalityTollRevenueReport(models.TransientModel):
    """Toll revenue of a fiscal year by toll type and Jalali month, in two
    views of the same money:

    * assessed (تشخیص): the totals of the assessments confirmed in the month
      (confirmed or paid, not cancelled), by the assessment date;
    * collected (وصول): what was received on the toll invoices in the month,
      by the date the payment was reconciled with the invoice.
    """

    _name = "municipality.toll.revenue.report"
    _description = "Toll Revenue Report"
    _inherit = ["municipality.xlsx.report.mixin"]

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", required=True, domain="[('company_id', '=', company_id)]",
        default=lambda self: self.env["municipality.fiscal.year"]._for_date(self._today_in_iran()))
    toll_type_ids = fields.Many2many(
        "municipality.toll.type", string="Toll Types", domain="[('company_id', '=', company_id)]",
        help="Empty: every toll type with revenue in the year.")

    def _get_report_data(self):
        """Amounts per toll type and Jalali month, set-based (two grouped queries)."""
        self.ensure_one()
        year = self.fiscal_year_id
        months = range(1, 13)
        type_domain = [("toll_type_id", "in", self.toll_type_ids.ids)] if self.toll_type_ids else []
        assessed = self.env["municipality.toll.assessment"]._read_group(
            [("company_id", "=", self.company_id.id), ("state", "in", ("confirmed", "paid")),
             ("date", ">=", year.date_from), ("date", "<=", year.date_to)] + type_domain,
            ["toll_type_id", "date:day"], ["amount_total:sum"])
        move_type_domain = ([("debit_move_id.move_id.toll_type_id", "in", self.toll_type_ids.ids)]
                            if self.toll_type_ids else [("debit_move_id.move_id.toll_type_id", "!=", False)])
        collected = self.env["account.partial.reconcile"]._read_group(
            [("company_id", "=", self.company_id.id), ("max_date", ">=", year.date_from),
             ("max_date", "<=", year.date_to), ("credit_move_id.move_id.move_type", "=", "entry"),
             ("debit_move_id.move_id.move_type", "=", "out_invoice")] + move_type_domain,
            ["debit_move_id.move_id.toll_type_id", "max_date:day"], ["amount:sum"])
        types = self.toll_type_ids | self.env["municipality.toll.type"].browse(
            {toll_type.id for toll_type, _day, _amount in assessed + collected})
        types = types.with_context(active_test=False).sorted(lambda t: (t.sequence, t.code or ""))
        tables = {}
        for key, rows in (("assessed", assessed), ("collected", collected)):
            amounts = {toll_type.id: dict.fromkeys(months, 0.0) for toll_type in types}
            for toll_type, day, amount in rows:
                amounts[toll_type.id][to_jalali(day).month] += amount
            tables[key] = amounts
        return {
            "year": year,
            "types": types,
            "months": [(month, MONTH_NAMES[month - 1]) for month in months],
            **tables,
        }

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("municipality_finance.action_report_toll_revenue").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return self._xlsx_download(self._get_xlsx_tables(), f"toll-revenue-{self.fiscal_year_id.jalali_year}.xlsx")

    def _get_xlsx_tables(self):
        data = self._get_report_data()
        types = data["types"]
        _ = self.env._
        printed_on = format_jalali(self._today_in_iran(), "%Y/%m/%d", persian_digits=True)
        columns = ([Column(_("Month"), "text", 14)] + [Column(t.name, "amount", 18) for t in types]
                   + [Column(_("Total"), "amount", 20)])
        tables = []
        for key, title in self._report_titles().items():
            amounts = data[key]
            rows = []
            for month, month_name in data["months"]:
                values = [amounts[t.id][month] for t in types]
                rows.append([month_name] + values + [sum(values)])
            totals = [_("Total")] + [sum(amounts[t.id].values()) for t in types]
            totals.append(sum(totals[1:]))
            tables.append(Table(
                sheet_name=title, title=title, columns=columns, rows=rows, totals=totals,
                subtitle_lines=[
                    _("%(company)s - fiscal year %(year)s", company=self.company_id.name, year=data["year"].name),
                    _("Amounts in %(currency)s; printed on %(date)s",
                      currency=self.company_id.currency_id.name, date=printed_on),
                ]))
        return tables

    def _report_titles(self):
        return {"assessed": self.env._("Assessed toll revenue"), "collected": self.env._("Collected toll revenue")}

    @api.model
    def _month_total(self, amounts, types, month):
        return sum(amounts[t.id][month] for t in types)
