import base64
import io

import openpyxl  # an Odoo requirement

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from .common_budget import BudgetCase



class BudgetReportCase(BudgetCase):
    """The test budget with a 400,000 commitment on goods and services and a 250,000 bill that consumes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        commitment = cls._commitment(cls, cls.goods, 400_000)
        cls._bill(cls, cls.account["802001"], 250_000, commitment=commitment)

    def _wizard(self, **values):
        return self.env["municipality.budget.execution.report"].create({"budget_id": self.budget.id, **values})


@tagged("post_install", "-at_install")
class TestBudgetExecutionReport(BudgetReportCase):

    def test_xlsx_has_the_figures_of_each_line(self):
        wizard = self._wizard(line_type="expense")
        action = wizard.action_export_xlsx()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = next(row for row in rows if row[0] == "Code")
        self.assertEqual(header[5:], ["Approved", "Final", "Committed", "Actual", "Available", "% Executed"])
        goods = next(row for row in rows if row[0] == "22010")
        self.assertEqual(goods[5:10], [1_000_000, 1_000_000, 150_000, 250_000, 600_000])
        self.assertAlmostEqual(goods[10], 0.25)
        self.assertFalse(any(row[0] == "11010" for row in rows), "expense only")
        total = rows[-1]
        self.assertEqual(total[5], 10_500_000)
        self.assertEqual(len(book.worksheets), 1)
        self.assertEqual(len(openpyxl.load_workbook(io.BytesIO(base64.b64decode(
            (w := self._wizard()).action_export_xlsx() and w.xlsx_file))).worksheets), 2)

    def test_filters_and_empty_report(self):
        wizard = self._wizard(department_id=self.dep_admin.id)
        codes = [row["line"].code for row in wizard._report_values()["rows"]]
        self.assertEqual(codes, ["21020", "31010"])
        parks = self.env["hr.department"].create({"name": "بی‌ردیف", "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "no lines"):
            self._wizard(department_id=parks.id).action_export_xlsx()


@tagged("post_install", "-at_install")
class TestBudgetExecutionPdf(BudgetReportCase, PrintedReportCase):

    def test_pdf_shows_the_figures(self):
        wizard = self._wizard()
        report = "municipality_finance.action_report_budget_execution"
        with mute_logger("odoo.addons.base.models.ir_actions_report"):  # unpatched wkhtmltopdf's notices
            self.assert_prints(report, wizard)
        text = self.report_text(report, wizard)
        for figure in ("۱,۰۰۰,۰۰۰", "۲۵۰,۰۰۰", "۶۰۰,۰۰۰", "۲۵.۰", "۲۲۰۱۰"):
            self.assertIn(figure, text)
