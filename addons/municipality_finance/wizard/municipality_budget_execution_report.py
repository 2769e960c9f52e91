from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.jalali import format_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table

from ..tools import budget as budget_tools


class MunicipalityBudgetExecutionReport(models.TransientModel):
    """Budget execution (تفریغ بودجه) per line: original, final, committed,
    actual, available and the share executed, as PDF or XLSX."""

    _name = "municipality.budget.execution.report"
    _inherit = ["municipality.xlsx.report.mixin"]
    _description = "Budget Execution Report"

    budget_id = fields.Many2one(
        "municipality.budget", string="Budget", required=True,
        default=lambda self: self._default_budget(), domain="[('state', '!=', 'draft')]")
    line_type = fields.Selection(
        [("all", "Revenue and Expense"), ("revenue", "Revenue"), ("expense", "Expense")],
        string="Lines", required=True, default="all")
    department_id = fields.Many2one("hr.department", string="Department")

    @api.model
    def _default_budget(self):
        today = self._today_in_iran()
        budgets = self.env["municipality.budget"].search(
            [("company_id", "=", self.env.company.id), ("state", "!=", "draft")], order="fiscal_year_id desc")
        current = budgets.filtered(lambda b: b.fiscal_year_id.date_from <= today <= b.fiscal_year_id.date_to)
        return (current or budgets)[:1]

    def _lines(self):
        self.ensure_one()
        lines = self.budget_id.line_ids
        if self.line_type != "all":
            lines = lines.filtered(lambda line: line.line_type == self.line_type)
        if self.department_id:
            departments = self.env["hr.department"].search([("id", "child_of", self.department_id.id)])
            lines = lines.filtered(lambda line: line.department_id._origin in departments)
        if not lines:
            raise UserError(self.env._("Budget “%(budget)s” has no lines to report with these filters.",
                                       budget=self.budget_id.name))
        return lines.sorted(lambda line: (line.line_type != "revenue", line.sequence, line.code))

    def _report_values(self):
        """The rows of the report, one dict per line, plus the totals per type."""
        lines = self._lines()
        type_labels = dict(lines._fields["line_type"]._description_selection(self.env))
        nature_labels = dict(lines._fields["nature"]._description_selection(self.env))
        rows = [{
            "line": line,
            "type": type_labels[line.line_type],
            "nature": nature_labels[line.nature],
            "approved": line.amount_approved,
            "final": line.amount_final,
            "committed": line.amount_committed,
            "actual": line.amount_actual,
            "available": line.amount_available,
            "rate": budget_tools.execution_rate(line.amount_actual, line.amount_final),
        } for line in lines]
        totals = {}
        for line_type in ("revenue", "expense"):
            typed = [row for row in rows if row["line"].line_type == line_type]
            if typed:
                total = {key: sum(row[key] for row in typed)
                         for key in ("approved", "final", "committed", "actual", "available")}
                total["rate"] = budget_tools.execution_rate(total["actual"], total["final"])
                total["label"] = self.env._("Total %(type)s", type=type_labels[line_type])
                totals[line_type] = total
        return {"rows": rows, "totals": totals}

    def action_print_pdf(self):
        self.ensure_one()
        self._lines()
        return self.env.ref("municipality_finance.action_report_budget_execution").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        values = self._report_values()
        _ = self.env._
        columns = [
            Column(_("Code"), "text", 10), Column(_("Title"), "text", 36), Column(_("Type"), "text", 10),
            Column(_("Nature"), "text", 10), Column(_("Department"), "text", 20),
            Column(_("Approved"), "amount", 18), Column(_("Final"), "amount", 18), Column(_("Committed"), "amount", 18),
            Column(_("Actual"), "amount", 18), Column(_("Available"), "amount", 18), Column(_("% Executed"), "percent", 12),
        ]
        rows = [[row["line"].code, row["line"].name, row["type"], row["nature"], row["line"].department_id.name or "",
                 row["approved"], row["final"], row["committed"], row["actual"], row["available"], row["rate"]]
                for row in values["rows"]]
        tables = []
        for line_type, total in values["totals"].items():
            typed = [r for r, row in zip(rows, values["rows"]) if row["line"].line_type == line_type]
            tables.append(Table(
                sheet_name=dict(self._fields["line_type"]._description_selection(self.env))[line_type],
                title=_("Budget Execution - %(budget)s", budget=self.budget_id.name),
                subtitle_lines=[
                    _("Fiscal year %(year)s", year=self.budget_id.fiscal_year_id.name),
                    _("Printed on %(date)s", date=format_jalali(self._today_in_iran(), "%Y/%m/%d")),
                ],
                columns=columns, rows=typed,
                totals=[total["label"], "", "", "", "", total["approved"], total["final"], total["committed"],
                        total["actual"], total["available"], total["rate"]],
            ))
        return self._xlsx_download(tables, f"budget-execution-{self.budget_id.fiscal_year_id.jalali_year}.xlsx")
