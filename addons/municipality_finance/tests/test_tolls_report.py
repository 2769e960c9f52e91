import base64
import io
from datetime import date

import openpyxl

from odoo.tests import tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from .test_tolls import TollsCase


@tagged("post_install", "-at_install")
class TestTollRevenueReport(TollsCase, PrintedReportCase):
    """An HttpCase: wkhtmltopdf fetches the report assets over HTTP, and those
    requests must see (and not wait for) the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Farvardin 1405 (2026-03-21..04-20): two renovation tolls, one paid in Ordibehesht
        cls.first = cls.Assessment.create_assessment(cls.citizen, cls.renovation, {"value": 1_000_000_000},
                                                     date=date(2026, 4, 1))
        cls.second = cls.Assessment.create_assessment(cls.citizen, cls.renovation, {"value": 2_000_000_000},
                                                      date=date(2026, 4, 2), instalments=2)
        # Khordad 1405: a building permit, cancelled one not counted
        cls.permit_toll = cls.Assessment.create_assessment(
            cls.citizen, cls.permit, {"area": 100, "regional_value": 100_000, "use": "residential"},
            date=date(2026, 6, 1))
        cancelled = cls.Assessment.create_assessment(cls.citizen, cls.renovation, {"value": 7_000_000_000},
                                                     date=date(2026, 4, 3))
        cancelled.action_cancel()
        cls.first._pay_in_full(date(2026, 4, 25))  # 1405/02/05
        cls.wizard = cls.env["municipality.toll.revenue.report"].create({
            "company_id": cls.company.id, "fiscal_year_id": cls.year_1405.id})

    def test_data_by_type_and_jalali_month(self):
        data = self.wizard._get_report_data()
        self.assertEqual(data["types"], self.renovation | self.permit)
        self.assertEqual(data["assessed"][self.renovation.id][1], 4_500_000 + 10_000_000)
        self.assertEqual(data["assessed"][self.permit.id][3], 10_000_000)
        self.assertEqual(sum(data["assessed"][self.renovation.id].values()), 14_500_000)
        self.assertEqual(data["collected"][self.renovation.id][2], 4_500_000)
        self.assertEqual(sum(data["collected"][self.renovation.id].values()), 4_500_000)
        self.assertEqual(sum(data["collected"][self.permit.id].values()), 0)
        self.wizard.toll_type_ids = self.permit
        data = self.wizard._get_report_data()
        self.assertEqual(data["types"], self.permit)
        self.assertEqual(list(data["collected"]), [self.permit.id])

    def test_xlsx(self):
        self.wizard.action_export_xlsx()
        self.assertEqual(self.wizard.xlsx_filename, "toll-revenue-1405.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.wizard.xlsx_file)))
        self.assertEqual(len(book.worksheets), 2)
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header_index = next(i for i, row in enumerate(rows) if "عوارض نوسازی" in row)
        header = rows[header_index]
        # columns by the types' sequence and code: BP, then RENOV
        self.assertEqual(header[1:], ["عوارض پروانه", "عوارض نوسازی", "Total"])
        farvardin = rows[header_index + 1]
        self.assertEqual(farvardin, ["فروردین", 0, 14_500_000, 14_500_000])
        self.assertEqual(rows[header_index + 3], ["خرداد", 10_000_000, 0, 10_000_000])
        self.assertEqual(rows[header_index + 12][0], "اسفند")
        self.assertEqual(rows[header_index + 13][1:], [10_000_000, 14_500_000, 24_500_000])
        collected = [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()]
        self.assertEqual(collected[header_index + 2], ["اردیبهشت", 0, 4_500_000, 4_500_000])

    def test_pdf(self):
        report = "municipality_finance.action_report_toll_revenue"
        text = self.report_text(report, self.wizard)
        for expected in ("عوارض نوسازی", "فروردین", "اسفند", "۱۴,۵۰۰,۰۰۰", "۲۴,۵۰۰,۰۰۰", "۴,۵۰۰,۰۰۰", "۱۴۰۵"):
            self.assertIn(expected, text)
        self.assert_prints(report, self.wizard, pages=2)  # assessed, then collected
