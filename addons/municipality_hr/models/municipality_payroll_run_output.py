import base64
import io
import zipfile
from datetime import timedelta

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.xlsx_table import Column, Table, build_workbook

from ..tools import dbf_lists, tax_list

_LEAVING_TYPES = ("termination", "retirement")
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MunicipalityPayrollRun(models.Model):
    """The statutory outputs and reports of a posted run, each stored as an
    attachment of the run (so readable by whoever reads the run: payroll
    officers and the finance director of its municipality, not HR officers
    without payroll rights nor employees):

    * the social-security monthly list, DSKKAR00.DBF / DSKWOR00.DBF per
      insurance workshop (``tools.dbf_lists``; encoding and extra columns are
      the workshop's), downloaded as one ZIP, and printed
      (``action_report_insurance_list``);
    * the wage-tax list by pay-type code (``tools.tax_list``), XLSX and CSV, and the WH file of the
      tax administration's wage-tax portal;
    * the payroll summary per department and pay item (XLSX, right to left).
    """

    _inherit = "municipality.payroll.run"

    # ------------------------------------------------------------------ helpers

    def _check_can_output(self):
        self.ensure_one()
        self._check_payroll_officer()
        if self.state not in ("posted", "paid"):
            raise UserError(self.env._(
                "The lists of payroll run %(run)s are made once it is posted (it is %(state)s).",
                run=self.name, state=self._selection_labels("state")[self.state]))

    def _attach(self, name, content, mimetype):
        return self.env["ir.attachment"].sudo().create({
            "name": name, "raw": content, "res_model": self._name, "res_id": self.id, "mimetype": mimetype})

    def _download(self, attachment):
        # "download" (as account's files): the file opens beside the form, which stays as it was; "self" would
        # leave the page (beforeunload) for a download
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true",
                "target": "download"}

    def _file_stem(self):
        return f"{(self.period or '').replace('/', '-')}-{self.id}"

    @staticmethod
    def _split_name(name):
        """(first name, last name) of a full name: its first word, and the rest."""
        words = (name or "").split()
        return (words[0], " ".join(words[1:]) or words[0]) if words else ("", "")

    def _service_dates(self, employees):
        """``{employee_id: (first day, last day or None)}``: the first decree's execution date and, for who
        left by the end of the run's month, the day before their termination or retirement decree."""
        decrees = self.env["municipality.hr.decree"].sudo().search(
            [("employee_id", "in", employees.ids), ("state", "in", ("approved", "superseded"))],
            order="employee_id, execution_date, id")
        result = {}
        for decree in decrees:
            start, end = result.get(decree.employee_id.id, (None, None))
            if decree.decree_type in _LEAVING_TYPES:
                if decree.state == "approved" and decree.execution_date <= self.date_to:
                    end = decree.execution_date - timedelta(days=1)
            elif start is None:
                start = decree.execution_date
            result[decree.employee_id.id] = (start, end)
        return result

    # ------------------------------------------------------------------ insurance list

    def _insurance_people(self, slips):
        dates = self._service_dates(slips.employee_id)
        people = []
        for slip in slips:
            employee = slip.employee_id
            first, last = self._split_name(employee.name)
            start, end = dates.get(employee.id, (None, None))
            days = slip.insurance_days
            daily = int(slip.daily_wage)
            people.append({
                "insurance_number": employee.insurance_number, "first_name": first, "last_name": last,
                "father_name": employee.father_name, "id_number": employee.birth_certificate_number,
                "id_place": employee.birth_certificate_place, "id_date": employee.birth_certificate_date or None,
                "birth_date": employee.birthday or None,
                "sex": employee.sex if employee.sex in ("male", "female") else None,
                "nationality": self.env._("Iranian") if employee.national_id else "",
                "occupation": employee.job_id.name or employee.job_title, "start_date": start, "end_date": end,
                "job_code": "", "national_id": employee.national_id,
                "days": days, "daily_wage": daily, "monthly_wage": daily * days,
                "benefits": int(slip.insurable) - daily * days, "insurable": int(slip.insurable),
                "total": int(slip.gross), "employee_share": int(slip.insurance_employee),
                "employer_share": int(slip.insurance_employer),
                "unemployment_share": int(slip.insurance_unemployment),
            })
        return people

    def _insurance_slips_by_workshop(self):
        self.ensure_one()
        if self.run_type != "regular":
            raise UserError(self.env._(
                "Only a monthly payroll has an insurance list; the year-end bonus and severance are not insurable."))
        slips = self.sudo().payslip_ids.filtered(lambda slip: slip.insurance_days)
        missing = slips.filtered(lambda slip: not slip.workshop_id)
        if missing:
            raise UserError(self.env._(
                "These employees are listed in no insurance workshop; set it on their personnel file: %(names)s.",
                names=", ".join(missing.employee_id[:10].mapped("name"))))
        if not slips:
            raise UserError(self.env._("Payroll run %(run)s insures nobody.", run=self.name))
        by_workshop = {}
        for slip in slips.sorted(lambda slip: (slip.employee_id.sudo().personnel_number or "", slip.id)):
            by_workshop.setdefault(slip.workshop_id, slip.browse())
            by_workshop[slip.workshop_id] |= slip
        return by_workshop

    def _insurance_list_files(self):
        """``{workshop: {"DSKKAR00.DBF": bytes, "DSKWOR00.DBF": bytes}}``."""
        result = {}
        for workshop, slips in self._insurance_slips_by_workshop().items():
            rates = self.parameter_id._insurance_rates(workshop.insurer_id) if self.parameter_id else {}
            header = {
                "code": workshop.code, "name": workshop.name,
                "employer": workshop.employer_name or self.company_id.name, "address": workshop.address,
                "description": self.name, "contract_row": workshop.contract_number,
                "rate": int(rates.get("employer", 0) + rates.get("unemployment", 0)),
            }
            extra = ("DSW_INC", "DSW_SPOUSE") if workshop.dbf_extra_columns else ()
            try:
                result[workshop] = dbf_lists.insurance_list_files(
                    header, self._insurance_people(slips), self.jalali_year, int(self.jalali_month),
                    encoding=workshop.dbf_encoding, extra_columns=extra)
            except ValueError as error:
                raise UserError(self.env._(
                    "The insurance list of workshop %(workshop)s cannot be written: %(reason)s",
                    workshop=workshop.display_name, reason=str(error))) from None
        return result

    def action_insurance_list_dbf(self):
        """The social-security list of the month: DSKKAR00.DBF and DSKWOR00.DBF of each workshop, stored on
        the run, downloaded as one ZIP (a folder per workshop code when there are several)."""
        self._check_can_output()
        files = self._insurance_list_files()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for workshop, contents in files.items():
                for name, content in contents.items():
                    self._attach(f"{workshop.code}-{self._file_stem()}-{name}", content, "application/x-dbf")
                    archive.writestr(f"{workshop.code}/{name}" if len(files) > 1 else name, content)
        attachment = self._attach(f"insurance-list-{self._file_stem()}.zip", buffer.getvalue(), "application/zip")
        return self._download(attachment)

    def action_insurance_list_pdf(self):
        """The printed insurance list, stored on the run and downloaded."""
        self._check_can_output()
        self._insurance_slips_by_workshop()
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(
            "municipality_hr.action_report_insurance_list", self.ids)
        return self._download(self._attach(f"insurance-list-{self._file_stem()}.pdf", pdf, "application/pdf"))

    def _insurance_list_report_lines(self):
        """For the printed list: ``[(workshop, [(slip, person)], totals)]``."""
        self.ensure_one()
        sections = []
        for workshop, slips in self._insurance_slips_by_workshop().items():
            people = self._insurance_people(slips)
            totals = {key: sum(person[key] for person in people) for key in (
                "days", "monthly_wage", "benefits", "insurable", "total", "employee_share", "employer_share",
                "unemployment_share")}
            sections.append((workshop, list(zip(slips, people)), totals))
        return sections

    # ------------------------------------------------------------------ wage-tax list

    def _tax_list_people(self):
        """The people of the wage-tax list (``tools.tax_list``): each payslip's earnings by the pay items'
        ``tax_pay_type_code`` (refused, naming the items, while one has none), taxable wage, tax, the
        employee's insurance share and net pay."""
        self.ensure_one()
        slips = self.sudo().payslip_ids
        earnings = slips.line_ids.filtered(lambda line: line.kind == "earning")
        without_code = earnings.pay_item_id.filtered(lambda item: not item.tax_pay_type_code)
        if without_code:
            raise UserError(self.env._(
                "Set the tax administration's pay-type code of these pay items first (Payroll › Configuration › "
                "Pay Items): %(items)s.", items=", ".join(without_code.mapped("name"))))
        people = []
        for slip in slips.sorted(lambda slip: (slip.employee_id.sudo().personnel_number or "", slip.id)):
            first, last = self._split_name(slip.employee_id.name)
            people.append({
                "national_id": slip.employee_id.national_id, "first_name": first, "last_name": last,
                "lines": [{"code": line.pay_item_id.code, "pay_type": line.pay_item_id.tax_pay_type_code,
                           "amount": int(line.amount)} for line in slip.line_ids if line.kind == "earning"],
                "taxable": int(slip.taxable), "tax": int(slip.tax),
                "insurance": int(slip.insurance_employee), "net": int(slip.net),
            })
        return people

    def _tax_list_rows(self):
        people = self._tax_list_people()
        try:
            return tax_list.tax_list_rows(self.jalali_year, int(self.jalali_month), people)
        except ValueError as error:
            raise UserError(self.env._("The wage-tax list cannot be written: %(reason)s", reason=str(error))) from None

    def action_tax_list_wh(self):
        """The personnel-pay file WH of the tax administration's wage-tax portal (``tools.tax_list.wh_rows``):
        one line per person, the amounts in the fields their pay items' codes name."""
        self._check_can_output()
        people = self._tax_list_people()
        year, month = self.jalali_year, int(self.jalali_month)
        try:
            content = tax_list.wh_text(tax_list.wh_rows(year, month, people)).encode("ascii")
        except ValueError as error:
            raise UserError(self.env._("The wage-tax list cannot be written: %(reason)s", reason=str(error))) from None
        return self._download(self._attach(tax_list.wh_file_name(year, month), content, "text/plain"))

    def action_tax_list_csv(self):
        self._check_can_output()
        content = tax_list.tax_list_csv(self._tax_list_rows()).encode("utf-8-sig")
        return self._download(self._attach(f"wage-tax-list-{self._file_stem()}.csv", content, "text/csv"))

    def action_tax_list_xlsx(self):
        self._check_can_output()
        rows = self._tax_list_rows()
        summary = tax_list.tax_list_summary(rows)
        _ = self.env._
        columns = [Column(_("Year"), "integer", 8), Column(_("Month"), "integer", 8),
                   Column(_("National ID"), "text", 14), Column(_("Last Name"), "text", 20),
                   Column(_("First Name"), "text", 16), Column(_("Pay Type"), "text", 10),
                   Column(_("Amount"), "amount", 16), Column(_("Taxable Wage"), "amount", 16),
                   Column(_("Wage Tax"), "amount", 14)]
        table = Table(
            sheet_name=_("Wage-tax List"), title=_("Wage-tax List of %(period)s", period=self.period),
            subtitle_lines=[self.company_id.name, self.name], columns=columns,
            rows=[[row["year"], row["month"], row["national_id"], row["last_name"], row["first_name"],
                   row["pay_type"], row["amount"], row["taxable_wage"], row["tax"]] for row in rows],
            totals=[None, None, _("Total"), None, None, None, sum(summary["by_pay_type"].values()),
                    summary["taxable_wage"], summary["tax"]])
        by_type = Table(
            sheet_name=_("By Pay Type"), title=_("Wage-tax List of %(period)s", period=self.period),
            columns=[Column(_("Pay Type"), "text", 12), Column(_("Amount"), "amount", 18)],
            rows=[[code, amount] for code, amount in summary["by_pay_type"].items()],
            subtitle_lines=[_("%(count)s people", count=summary["people"])])
        content = build_workbook([table, by_type])
        return self._download(self._attach(f"wage-tax-list-{self._file_stem()}.xlsx", content, _XLSX))

    # ------------------------------------------------------------------ payroll summary

    def _summary_tables(self):
        self.ensure_one()
        _ = self.env._
        Line = self.env["municipality.payslip.line"].sudo()
        Slip = self.env["municipality.payslip"].sudo()
        kinds = dict(Line._fields["kind"]._description_selection(self.env))
        lines = Line._read_group([("run_id", "=", self.id)], ["department_id", "pay_item_id", "kind"],
                                 ["amount:sum", "employee_id:count_distinct"])
        lines.sort(key=lambda row: (row[0].name or "", row[2] != "earning", row[1].sequence, row[1].id))
        by_item = Table(
            sheet_name=_("By Department and Item"), title=_("Payroll Summary of %(run)s", run=self.name),
            subtitle_lines=[self.company_id.name],
            columns=[Column(_("Department"), "text", 24), Column(_("Pay Item"), "text", 24),
                     Column(_("Kind"), "text", 10), Column(_("Employees"), "integer", 10),
                     Column(_("Amount"), "amount", 18)],
            rows=[[department.name or "", item.name, kinds[kind], count, amount]
                  for department, item, kind, amount, count in lines])
        departments = Slip._read_group(
            [("run_id", "=", self.id)], ["department_id"],
            ["__count", "gross:sum", "insurance_employee:sum", "tax:sum", "deductions:sum", "net:sum",
             "insurance_employer:sum", "insurance_unemployment:sum"])
        departments.sort(key=lambda row: row[0].name or "")
        rows = [[department.name or "", *values] for department, *values in departments]
        totals = [_("Total")] + [sum(row[index] for row in rows) for index in range(1, 9)]
        by_department = Table(
            sheet_name=_("By Department"), title=_("Payroll Summary of %(run)s", run=self.name),
            subtitle_lines=[self.company_id.name],
            columns=[Column(_("Department"), "text", 24), Column(_("Employees"), "integer", 10),
                     Column(_("Gross"), "amount", 18), Column(_("Employee Insurance"), "amount", 16),
                     Column(_("Wage Tax"), "amount", 16), Column(_("Other Deductions"), "amount", 16),
                     Column(_("Net Pay"), "amount", 18), Column(_("Employer Insurance"), "amount", 16),
                     Column(_("Unemployment Insurance"), "amount", 16)],
            rows=rows, totals=totals)
        return [by_department, by_item]

    def action_payroll_summary_xlsx(self):
        self.ensure_one()
        self._check_payroll_officer()
        if not self.payslip_ids:
            raise UserError(self.env._("Payroll run %(run)s has no payslips yet.", run=self.name))
        content = build_workbook(self._summary_tables())
        return self._download(self._attach(f"payroll-summary-{self._file_stem()}.xlsx", content, _XLSX))
