import base64
import csv
import io
import os
import tempfile
import zipfile
from datetime import date
from xml.etree import ElementTree

import openpyxl
from dbfread import DBF

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open, mute_logger

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from ..models.hr_version import EMPLOYMENT_TYPES
from ..tools import iran_system, tax_list
from .common import DECREE_1404, MunicipalityHrCase

PAY_TYPES = {"BASE": "1", "SENIORITY": "2", "HOUSING": "3", "GROCERY": "4", "JOB": "5"}


def read_dbf(content):
    """The table of a DBF file's bytes, read back with dbfread (Windows-1256)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "LIST.DBF")
        with open(path, "wb") as handle:
            handle.write(content)
        return DBF(path, load=True, encoding="cp1256")


@tagged("post_install", "-at_install")
class TestPayrollOutputs(MunicipalityHrCase, PrintedReportCase):
    """The statutory lists and reports of a posted run: the social-security DBF files, the printed
    insurance list, the wage-tax list, the payroll summary, payslips and the yearly statement; stored on the
    run and read only by payroll (and by the employee for their own payslip and statement)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop.write({"employer_name": "شهرداری آزمون", "address": "میدان شهرداری"})
        cls.worker = cls.create_employee(
            "مریم یزدی", father_name="علی", insurance_number="1234567890", birth_certificate_number="452",
            birth_certificate_place="یزد", sex="female", birthday=date(1990, 3, 21))
        cls.worker_user = new_test_user(cls.env, "hr_out_worker", groups="base.group_user",
                                        company_id=cls.company.id, company_ids=[cls.company.id],
                                        partner_id=cls.worker.work_contact_id.id)
        cls.worker.user_id = cls.worker_user
        cls.create_decree(cls.worker, date(2025, 3, 21), DECREE_1404, municipality_employment_type="permanent")
        cls.parks = cls.env["hr.department"].create({"name": "فضای سبز", "company_id": cls.company.id})
        cls.gardener = cls.create_employee("حسن باغبان", department_id=cls.parks.id, insurance_number="22")
        cls.create_decree(cls.gardener, date(2025, 4, 5), {"BASE": 150_000_000, "JOB": 30_000_000},
                          department_id=cls.parks.id)  # 1404/01/16
        cls.month_run = cls.env["municipality.payroll.run"].with_user(cls.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "2", "company_id": cls.company.id})
        cls.month_run.action_compute()
        cls.month_run.with_user(cls.director).action_approve()
        cls.month_run.action_post()
        cls.slips = {slip.employee_id: slip for slip in cls.month_run.payslip_ids}

    def set_pay_types(self):
        for code, pay_type in PAY_TYPES.items():
            self.pay_item(code).tax_pay_type_code = pay_type

    def attachment_of(self, action):
        self.assertIn("download=true", action["url"])
        return self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))

    # ------------------------------------------------------------------ social security

    def test_insurance_list_dbf_files(self):
        action = self.month_run.with_user(self.payroll_officer).action_insurance_list_dbf()
        archive = zipfile.ZipFile(io.BytesIO(self.attachment_of(action).raw))
        self.assertEqual(sorted(archive.namelist()), ["DSKKAR00.DBF", "DSKWOR00.DBF"])
        kar, wor = (read_dbf(archive.read(name)) for name in ("DSKKAR00.DBF", "DSKWOR00.DBF"))
        self.assertEqual(wor.field_names[:5], ["DSW_ID", "DSW_YY", "DSW_MM", "DSW_LISTNO", "DSW_ID1"])
        self.assertEqual(wor.field_names[-1], "PER_NATCOD")
        self.assertEqual({field.name: field.length for field in wor.fields}["DSW_ID1"], 10)
        rows = {row["PER_NATCOD"]: row for row in wor.records}
        worker = rows[self.worker.national_id]
        slip = self.slips[self.worker]
        # Windows-1256: the Persian yeh is written as the Arabic one; Jalali dates without separators
        self.assertEqual((worker["DSW_FNAME"], worker["DSW_LNAME"], worker["DSW_DNAME"]), ("مريم", "يزدي", "علي"))
        self.assertEqual((worker["DSW_SEX"], worker["DSW_SDATE"], worker["DSW_BDATE"]), ("زن", "14040101", "13690101"))
        self.assertEqual((worker["DSW_YY"], worker["DSW_MM"], worker["DSW_ID"]), (4, 2, "9876543210"))
        self.assertEqual(worker["DSW_DD"], 31, "Ordibehesht insures 31 days")
        self.assertEqual(worker["DSW_ROOZ"], slip.daily_wage)
        self.assertEqual(worker["DSW_MAH"], slip.daily_wage * 31)
        self.assertEqual(worker["DSW_MASH"], slip.insurable)
        self.assertEqual(worker["DSW_BIME"], slip.insurance_employee)
        gardener = rows[self.gardener.national_id]
        self.assertEqual((gardener["DSW_DD"], gardener["DSW_SDATE"]), (31, "14040116"))
        header = kar.records[0]
        self.assertEqual((header["DSK_ID"], header["DSK_NUM"], header["DSK_YY"], header["DSK_MM"]),
                         ("9876543210", 2, 4, 2))
        self.assertEqual(header["DSK_FARM"], "شهرداري آزمون")
        self.assertEqual(header["DSK_TDD"], 62)
        self.assertEqual(header["DSK_TMASH"], sum(row["DSW_MASH"] for row in wor.records))
        self.assertEqual(header["DSK_TBIME"], self.month_run.insurance_employee)
        self.assertEqual(header["DSK_TKOSO"], self.month_run.insurance_employer)
        self.assertEqual(header["DSK_BIC"], self.month_run.insurance_unemployment)
        self.assertEqual(header["DSK_RATE"], 23)
        # the two files are kept on the run
        names = self.env["ir.attachment"].search(
            [("res_model", "=", self.month_run._name), ("res_id", "=", self.month_run.id)]).mapped("name")
        self.assertTrue(any(name.endswith("DSKKAR00.DBF") for name in names))
        self.assertTrue(any(name.endswith("DSKWOR00.DBF") for name in names))

    def test_insurance_list_in_iran_system(self):
        """A workshop whose list program reads Iran System: the Persian text of both files is Iran System
        (shaped, right to left), numbers and dates ASCII, and reads back to the same names."""
        self.workshop.dbf_encoding = "iran_system"
        action = self.month_run.with_user(self.payroll_officer).action_insurance_list_dbf()
        archive = zipfile.ZipFile(io.BytesIO(self.attachment_of(action).raw))
        kar, wor = (read_dbf(archive.read(name)) for name in ("DSKKAR00.DBF", "DSKWOR00.DBF"))
        self.assertEqual(archive.read("DSKWOR00.DBF")[29], 0x7E)
        rows = {row["PER_NATCOD"]: row for row in wor.records}
        worker = rows[self.worker.national_id]
        raw = {field: worker[field].encode("cp1256") for field in ("DSW_FNAME", "DSW_LNAME", "DSW_DNAME",
                                                                   "DSW_SEX", "DSW_IDPLC")}
        self.assertEqual(raw["DSW_SEX"], iran_system.encode("زن"))
        self.assertEqual(raw["DSW_DNAME"], bytes.fromhex("fcf3e4"))  # علی, as published lists hold it
        self.assertEqual((iran_system.decode(raw["DSW_FNAME"]), iran_system.decode(raw["DSW_LNAME"]),
                          iran_system.decode(raw["DSW_IDPLC"])), ("مریم", "یزدی", "یزد"))
        self.assertEqual((worker["DSW_ID"], worker["DSW_ID1"]), ("9876543210", "1234567890"))
        self.assertEqual(iran_system.decode(kar.records[0]["DSK_FARM"].encode("cp1256")), "شهرداری آزمون")
        self.assertEqual(kar.records[0]["DSK_TTOTL"], sum(row["DSW_TOTL"] for row in wor.records))

    def test_insurance_list_refusals(self):
        draft = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "3", "company_id": self.company.id})
        draft.action_compute()
        with self.assertRaisesRegex(UserError, "posted"):
            draft.action_insurance_list_dbf()
        self.worker.insurance_number = "12345678901234"
        with self.assertRaisesRegex(UserError, "DSW_ID1"):
            self.month_run.with_user(self.payroll_officer).action_insurance_list_dbf()
        with self.assertRaises(AccessError):
            self.month_run.with_user(self.hr_officer).action_insurance_list_dbf()

    # ------------------------------------------------------------------ wage tax

    def test_wage_tax_list_csv_and_xlsx(self):
        self.pay_item("JOB").tax_pay_type_code = False
        with self.assertRaisesRegex(UserError, self.pay_item("JOB").name):
            self.month_run.with_user(self.payroll_officer).action_tax_list_csv()
        self.set_pay_types()
        attachment = self.attachment_of(self.month_run.with_user(self.payroll_officer).action_tax_list_csv())
        rows = list(csv.DictReader(io.StringIO(attachment.raw.decode("utf-8-sig"))))
        worker_rows = [row for row in rows if row["national_id"] == self.worker.national_id]
        self.assertEqual([row["pay_type"] for row in worker_rows], ["1", "2", "3", "4"])
        self.assertEqual(sum(int(row["amount"]) for row in rows), self.month_run.gross)
        self.assertEqual(sum(int(row["tax"]) for row in rows), self.month_run.tax)
        self.assertEqual(sum(int(row["taxable_wage"]) for row in rows),
                         sum(self.month_run.payslip_ids.mapped("taxable")))
        attachment = self.attachment_of(self.month_run.with_user(self.payroll_officer).action_tax_list_xlsx())
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(values[-1][6], self.month_run.gross)
        self.assertEqual(values[-1][8], self.month_run.tax)
        by_type = {row[0]: row[1] for row in ([cell.value for cell in row] for row in book.worksheets[1].iter_rows())}
        self.assertEqual(by_type["5"], 30_000_000, "the gardener's job allowance")

    def shipped_pay_types(self):
        """The pay items' codes as the data file ships them (a database installed before them has none:
        noupdate), written on the items as a fresh install would."""
        with file_open("municipality_hr/data/municipality_pay_item_data.xml", "rb") as handle:
            root = ElementTree.parse(handle).getroot()
        shipped = {}
        for record in root.iter("record"):
            fields = {field.get("name"): field.text for field in record.iter("field")}
            if fields.get("tax_pay_type_code"):
                shipped[fields["code"]] = fields["tax_pay_type_code"]
                self.pay_item(fields["code"]).tax_pay_type_code = fields["tax_pay_type_code"]
        return shipped

    def test_shipped_codes_filled_where_empty(self):
        """A database installed before the codes shipped (noupdate data) gets them from the data file on update
        (migration 19.0.1.2.0), where an item has none; a code a payroll manager set is kept."""
        base, overtime, job = self.pay_item("BASE"), self.pay_item("OVERTIME"), self.pay_item("JOB")
        (base | overtime | job).tax_pay_type_code = False
        overtime.tax_pay_type_code = "29"  # set by hand: kept
        filled = self.env["municipality.pay.item"]._fill_shipped_tax_pay_type_codes()
        self.assertIn(base, filled)
        self.assertNotIn(overtime, filled)
        self.assertEqual((base.tax_pay_type_code, overtime.tax_pay_type_code, job.tax_pay_type_code),
                         ("7", "29", False), "JOB ships no code: the sources do not say")
        self.assertFalse(self.env["municipality.pay.item"]._fill_shipped_tax_pay_type_codes() & base,
                         "filled once")

    def test_wage_tax_wh_file(self):
        shipped = self.shipped_pay_types()
        self.assertEqual(
            shipped, {"BASE": "7", "SENIORITY": "7", "HOUSING": "7", "GROCERY": "7", "MARRIAGE": "7", "CHILD": "7",
                      "OVERTIME": "17", "MISSION": "19", "ARREARS": "8", "BONUS": "23", "SEVERANCE": "27"})
        officer = self.month_run.with_user(self.payroll_officer)
        self.pay_item("JOB").tax_pay_type_code = False  # not shipped: the sources do not say
        with self.assertRaisesRegex(UserError, self.pay_item("JOB").name):
            officer.action_tax_list_wh()
        self.pay_item("JOB").tax_pay_type_code = "1001"  # not a field of the WH file
        with self.assertRaisesRegex(UserError, "not a field of the WH file"):
            officer.action_tax_list_wh()
        self.assertFalse(self.env["ir.attachment"].search(
            [("res_model", "=", "municipality.payroll.run"), ("res_id", "=", self.month_run.id),
             ("name", "=like", "WH%")]), "nothing half-written")
        self.pay_item("JOB").tax_pay_type_code = "7"  # continuous cash pay, as a payroll manager would set it
        attachment = self.attachment_of(officer.action_tax_list_wh())
        self.assertEqual(attachment.name, "WH140402.txt")
        text = attachment.raw.decode("ascii")
        self.assertTrue(text.endswith("\r\n"))
        lines = list(csv.reader(io.StringIO(text.replace("\r\n", "\n"))))
        self.assertEqual([len(fields) for fields in lines], [39, 39])
        by_id = {fields[0]: fields for fields in lines}
        self.assertEqual(set(by_id), {self.worker.national_id, self.gardener.national_id})
        worker, gardener = by_id[self.worker.national_id], by_id[self.gardener.national_id]
        self.assertEqual(worker[1:6], ["1", "1", "1", "84", "1"])
        self.assertEqual(int(worker[6]), self.slips[self.worker].gross, "base, seniority, housing, grocery")
        self.assertEqual(int(gardener[6]), self.slips[self.gardener].gross, "base and job allowance")
        amounts = [int(value) for fields in lines for index, value in enumerate(fields)
                   if index + 1 in tax_list.WH_EARNING_FIELDS]
        self.assertEqual(sum(amounts), self.month_run.gross)
        self.assertEqual(sum(int(fields[32]) for fields in lines), self.month_run.insurance_employee)
        self.assertEqual(sum(int(fields[34]) for fields in lines), self.month_run.net)
        with self.assertRaises(AccessError):
            self.month_run.with_user(self.hr_officer).action_tax_list_wh()

    # ------------------------------------------------------------------ summary, decrees

    def test_payroll_summary_per_department_and_item(self):
        attachment = self.attachment_of(self.month_run.with_user(self.payroll_officer).action_payroll_summary_xlsx())
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertTrue(all(sheet.sheet_view.rightToLeft for sheet in book.worksheets))
        departments = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
        parks = next(row for row in departments if row[0] == "فضای سبز")
        gardener = self.slips[self.gardener]
        self.assertEqual(parks[1:4], [1, gardener.gross, gardener.insurance_employee])
        self.assertEqual(departments[-1][2], self.month_run.gross)
        self.assertEqual(departments[-1][6], self.month_run.net)
        items = [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()]
        base = next(row for row in items if row[0] == "فضای سبز" and row[1] == self.pay_item("BASE").name)
        self.assertEqual(base[3:], [1, 150_000_000])

    def test_list_of_decrees_and_decree_screen(self):
        decrees = self.env["municipality.hr.decree"].search([("employee_id", "in", (self.worker | self.gardener).ids)])
        action = decrees.with_user(self.hr_officer).action_export_list_xlsx()
        export = self.env["municipality.xlsx.export"].browse(int(action["url"].split("id=")[1].split("&")[0]))
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.xlsx_file))).worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        worker = next(row for row in rows if row[1] == "مریم یزدی")
        self.assertEqual((worker[4], worker[5], worker[7]), ("1404/01/01", "1404/01/01", "Permanent (رسمی)"))
        self.assertEqual(worker[-1], sum(DECREE_1404.values()))
        self.assertEqual(rows[-1][-1], sum(decrees.mapped("amount_total")))
        # the decree's employment type is the version's one static list (so fa.po translates both)
        Decree, Version = self.env["municipality.hr.decree"], self.env["hr.version"]
        self.assertEqual(Decree._fields["municipality_employment_type"].selection, EMPLOYMENT_TYPES)
        self.assertEqual(Version._fields["municipality_employment_type"].selection, EMPLOYMENT_TYPES)
        # the form shows the full Jalali dates and the number left to right
        arch = Decree.get_view(view_type="form")["arch"]
        self.assertIn('dir="ltr"', arch)
        self.assertIn('name="number_display"', arch)
        self.assertEqual(decrees[0].number_display, decrees[0].name.replace("/", "\u200e/\u200e"))
        self.assertIn("numeric", arch)
        # an employee exports nothing but their own decrees
        own = self.env["municipality.hr.decree"].with_user(self.worker_user).search([])
        self.assertEqual(own.employee_id, self.worker)

    # ------------------------------------------------------------------ privacy of files and reports

    def test_attachments_and_reports_read_by_payroll_only(self):
        self.set_pay_types()
        officer = self.month_run.with_user(self.payroll_officer)
        attachments = self.env["ir.attachment"]
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            actions = (officer.action_insurance_list_dbf(), officer.action_tax_list_xlsx(),
                       officer.action_tax_list_csv(), officer.action_payroll_summary_xlsx(),
                       officer.action_insurance_list_pdf())
        for action in actions:
            attachments |= self.attachment_of(action)
        for user in (self.hr_officer, self.worker_user):
            for attachment in attachments:
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["raw"])
            with self.assertRaises(AccessError):
                self.env["ir.attachment"].with_user(user).search(
                    [("res_model", "=", self.month_run._name), ("res_id", "=", self.month_run.id)])
        self.assertEqual(len(attachments.with_user(self.director).read(["raw"])), len(attachments))
        Report = self.env["ir.actions.report"]
        for user in (self.hr_officer, self.worker_user):
            with self.assertRaises(AccessError):
                Report.with_user(user)._render_qweb_html("municipality_hr.report_insurance_list", self.month_run.ids)
        # payslips: the employee prints their own, not a colleague's; an HR officer without payroll none
        own, other = self.slips[self.worker], self.slips[self.gardener]
        self.assertTrue(Report.with_user(self.worker_user)._render_qweb_html(
            "municipality_hr.report_payslip", own.ids)[0])
        for user, slip in ((self.worker_user, other), (self.hr_officer, own)):
            with self.assertRaises(AccessError):
                Report.with_user(user)._render_qweb_html("municipality_hr.report_payslip", slip.ids)
        # the yearly statement: the employee for themselves only
        Statement = self.env["municipality.hr.earnings.statement"]
        mine = Statement.with_user(self.worker_user).create({"employee_id": self.worker.id, "jalali_year": 1404})
        self.assertEqual(mine.action_print()["report_name"], "municipality_hr.report_earnings_statement")
        for user, employee in ((self.worker_user, self.gardener), (self.hr_officer, self.worker)):
            statement = Statement.with_user(user).create({"employee_id": employee.id, "jalali_year": 1404})
            with self.assertRaises(AccessError):
                statement.action_print()

    def test_printed_payslip_list_and_statement(self):
        slip = self.slips[self.worker]
        report = "municipality_hr.report_payslip"
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            self.assert_prints(report, slip, pages=1)
        text = self.report_text(report, slip)
        for expected in ("اردیبهشت ۱۴۰۴", "۱۰۳,۹۰۹,۶۸۰", "۲۲,۰۰۰,۰۰۰",
                         "{:,.0f}".format(slip.net).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
                         " ".join(slip.currency_id.amount_to_text_fa(slip.net).split()), "Earnings", "Deductions"):
            self.assertIn(expected, text)
        report = "municipality_hr.report_insurance_list"
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            self.assert_prints(report, self.month_run)
        text = self.report_text(report, self.month_run)
        self.assertIn("۹۸۷۶۵۴۳۲۱۰", text)
        self.assertIn("{:,.0f}".format(self.month_run.insurance_employee).translate(
            str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")), text)
        statement = self.env["municipality.hr.earnings.statement"].create(
            {"employee_id": self.worker.id, "jalali_year": 1404})
        report = "municipality_hr.report_earnings_statement"
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            self.assert_prints(report, statement, pages=1)
        text = self.report_text(report, statement)
        self.assertIn("اردیبهشت", text)
        self.assertIn(" ".join(slip.currency_id.amount_to_text_fa(slip.net).split()), text)

    def test_payslip_by_url(self):
        """The report's address: an employee opens their own payslip, not a colleague's."""
        own, other = self.slips[self.worker], self.slips[self.gardener]
        self.authenticate("hr_out_worker", "hr_out_worker")
        response = self.url_open(f"/report/html/municipality_hr.report_payslip/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("۱۰۳,۹۰۹,۶۸۰", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/report/html/municipality_hr.report_payslip/{other.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("۱۵۰,۰۰۰,۰۰۰", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/report/html/municipality_hr.report_insurance_list/{self.month_run.id}")
        self.assertNotEqual(response.status_code, 200)
