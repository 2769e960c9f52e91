import base64

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table, build_workbook


class MunicipalityHrDecree(models.Model):
    """The list of decrees (XLSX, right to left): the selected decrees with their number, employee, type,
    Jalali dates, department, employment type, state and total, and one column per pay item."""

    _inherit = "municipality.hr.decree"

    def _list_table(self):
        _ = self.env._
        decrees = self.sorted(lambda d: (d.execution_date, d.name))
        items = decrees.line_ids.pay_item_id.sorted(lambda item: (item.sequence, item.id))
        labels = {name: dict(self._fields[name]._description_selection(self.env))
                  for name in ("decree_type", "state", "municipality_employment_type")}
        columns = [Column(_("Number"), "text", 18), Column(_("Employee"), "text", 24),
                   Column(_("Personnel Number"), "text", 12), Column(_("Type"), "text", 14),
                   Column(_("Issue Date"), "text", 12), Column(_("Execution Date"), "text", 12),
                   Column(_("Department"), "text", 20), Column(_("Employment Type"), "text", 16),
                   Column(_("Status"), "text", 12)]
        columns += [Column(item.name, "amount", 16) for item in items]
        columns.append(Column(_("Total"), "amount", 18))
        rows = []
        for decree in decrees:
            amounts = {line.pay_item_id: line.amount for line in decree.line_ids}
            rows.append([
                to_persian_digits(decree.name), decree.employee_id.name,
                decree.employee_id.sudo().personnel_number or "", labels["decree_type"].get(decree.decree_type, ""),
                format_jalali(decree.issue_date, "%Y/%m/%d"), format_jalali(decree.execution_date, "%Y/%m/%d"),
                decree.department_id.name or "",
                labels["municipality_employment_type"].get(decree.municipality_employment_type, ""),
                labels["state"].get(decree.state, ""),
                *[amounts.get(item, 0) for item in items], decree.amount_total])
        totals = [_("Total"), None, None, None, None, None, None, None, None]
        totals += [sum(row[9 + index] for row in rows) for index in range(len(items))]
        totals.append(sum(decrees.mapped("amount_total")))
        return Table(sheet_name=_("Decrees"), title=_("List of Personnel Decrees"),
                     subtitle_lines=[self.env.company.name], columns=columns, rows=rows, totals=totals)

    def action_export_list_xlsx(self):
        """The selected decrees (all the user reads, when none is selected) as an XLSX list."""
        decrees = self or self.search([])
        if not decrees:
            raise UserError(self.env._("There is no decree to list."))
        export = self.env["municipality.xlsx.export"].create({
            "xlsx_file": base64.b64encode(build_workbook([decrees._list_table()])), "xlsx_filename": "decrees.xlsx"})
        return {
            "type": "ir.actions.act_url", "target": "self",
            "url": (f"/web/content?model={export._name}&id={export.id}&field=xlsx_file"
                    f"&filename_field=xlsx_filename&download=true"),
        }
