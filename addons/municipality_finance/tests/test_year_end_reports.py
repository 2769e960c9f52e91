import base64
import io
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.municipality_base.tests.common import _MARKUP, PrintedReportCase

from .test_year_end_closing import YearEndCase

import openpyxl  # an Odoo requirement


def _xlsx_rows(wizard):
    wizard.invalidate_recordset(["xlsx_file"])
    data = base64.b64decode(wizard.xlsx_file)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


@tagged("post_install", "-at_install")
class TestTrialBalance(YearEndCase):

    def _wizard(self, **values):
        return self.env["municipality.trial.balance.wizard"].create({
            "company_id": self.company.id, "fiscal_year_id": self.year.id, **values})

    def _rows(self, wizard):
        rows, totals = wizard._trial_balance()
        return {row.code: row.values()[2:] for row in rows}, totals.values()[2:]

    def test_whole_year_before_closing(self):
        rows, totals = self._rows(self._wizard())
        bank = self.bank.code
        self.assertEqual(rows, {
            bank: [0, 0, 5400, 0, 5400, 0],
            "103001": [0, 0, 1500, 400, 1100, 0],
            "201001": [0, 0, 200, 0, 200, 0],
            "301001": [0, 0, 0, 500, 0, 500],
            "501001": [0, 0, 0, 5000, 0, 5000],
            "601002": [0, 0, 0, 1000, 0, 1000],
            "601003": [0, 0, 0, 500, 0, 500],
            "801001": [0, 0, 300, 0, 300, 0],
        })
        self.assertEqual(totals, [0, 0, 7400, 7400, 7000, 7000])

    def test_period_range_opens_with_what_came_before(self):
        periods = self.year.period_ids.sorted("jalali_month")
        rows, totals = self._rows(self._wizard(period_from_id=periods[3].id, period_to_id=periods[4].id))  # Tir-Mordad
        self.assertEqual(rows["103001"], [1500, 0, 0, 400, 1100, 0])
        self.assertEqual(rows["801001"], [0, 0, 300, 0, 300, 0])
        self.assertNotIn("201001", rows)
        self.assertEqual(totals[0], totals[1])
        self.assertEqual(totals[2:4], [700, 700])
        self.assertEqual(totals[4], totals[5])

    def test_closing_entry_included_or_not_and_next_year_opening(self):
        self.year.action_close()
        rows, totals = self._rows(self._wizard())
        self.assertEqual(rows["601002"], [0, 0, 0, 1000, 0, 1000], "the closing entry is left out by default")
        rows, totals = self._rows(self._wizard(include_closing=True))
        self.assertEqual(rows["601002"], [0, 0, 1000, 1000, 0, 0])
        self.assertEqual(totals[4:], [0, 0])
        following = self.year._next_fiscal_year()
        rows, totals = self._rows(self._wizard(fiscal_year_id=following.id))
        self.assertEqual(rows["103001"], [1100, 0, 0, 0, 1100, 0])
        self.assertEqual(rows["502001"], [0, 1200, 0, 0, 0, 1200])
        self.assertNotIn("601002", rows)
        self.assertEqual(totals, [6700, 6700, 0, 0, 6700, 6700])

    def test_subtotals_per_class(self):
        rows, _totals = self._wizard(by_class=True)._trial_balance()
        subtotals = {row.code: row.values()[2:] for row in rows if row.is_subtotal}
        self.assertEqual(subtotals["1"], [0, 0, 6900, 400, 6500, 0])
        self.assertEqual(subtotals["6"], [0, 0, 0, 1500, 0, 1500])

    def test_periods_must_be_in_order_and_in_the_year(self):
        periods = self.year.period_ids.sorted("jalali_month")
        with self.assertRaisesRegex(ValidationError, "comes after"):
            self._wizard(period_from_id=periods[5].id, period_to_id=periods[2].id)
        other = self.FiscalYear.create({"jalali_year": 1403, "company_id": self.company.id})
        with self.assertRaisesRegex(ValidationError, "must belong"):
            self._wizard(period_from_id=other.period_ids[:1].id)

    def test_xlsx_is_right_to_left_with_the_figures(self):
        wizard = self._wizard()
        action = wizard.action_export_xlsx()
        self.assertIn("field=xlsx_file", action["url"])
        sheet, rows = _xlsx_rows(wizard)
        self.assertTrue(sheet.sheet_view.rightToLeft)
        self.assertEqual(rows[0][0], f"Trial Balance - {self.company.name}")
        self.assertIn("۱۴۰۴/۰۱/۰۱", rows[1][0])
        self.assertIn("۱۴۰۴/۱۲/۲۹", rows[1][0])
        header = rows.index(["Code", "Account", "Opening Debit", "Opening Credit", "Debit", "Credit",
                             "Closing Debit", "Closing Credit"])
        self.assertEqual(rows[header + 1][0], self.bank.code)
        self.assertEqual(rows[header + 1][4], 5400)
        self.assertEqual(rows[-1], ["", "Total", 0, 0, 7400, 7400, 7000, 7000])


@tagged("post_install", "-at_install")
class TestGeneralLedger(YearEndCase):

    def _wizard(self, **values):
        return self.env["municipality.general.ledger.wizard"].create({
            "company_id": self.company.id, "fiscal_year_id": self.year.id, **values})

    def test_running_balance_per_account(self):
        ledger = self._wizard(account_ids=[self.accounts["103001"].id])._ledger()
        self.assertEqual(len(ledger), 1)
        entry = ledger[0]
        self.assertEqual([(line["partner"], line["debit"], line["credit"], line["balance"]) for line in entry["lines"]],
                         [("علی", 1000, 0, 1000), ("سارا", 500, 0, 1500), ("علی", 0, 400, 1100)])
        self.assertEqual((entry["opening"], entry["debit"], entry["credit"], entry["closing"]), (0, 1500, 400, 1100))
        self.assertEqual(entry["lines"][0]["date"], date(2025, 6, 1))

    def test_next_year_opens_with_the_carried_balance(self):
        self.year.action_close()
        following = self.year._next_fiscal_year()
        self._post([(date(2026, 4, 1), [("bank", None, 100), ("103001", self.ali, -100)])])
        ledger = self._wizard(fiscal_year_id=following.id)._ledger()
        receivable = next(entry for entry in ledger if entry["account"].code == "103001")
        self.assertEqual(receivable["opening"], 1100)
        self.assertEqual([line["balance"] for line in receivable["lines"]], [1000])
        self.assertNotIn("601002", [entry["account"].code for entry in ledger])

    def test_xlsx_rows(self):
        wizard = self._wizard(account_ids=[self.accounts["103001"].id])
        wizard.action_export_xlsx()
        sheet, rows = _xlsx_rows(wizard)
        self.assertTrue(sheet.sheet_view.rightToLeft)
        body = rows[rows.index(["Code", "Account", "Date", "Entry", "Partner", "Label", "Debit", "Credit", "Balance"]) + 1:]
        self.assertEqual(len(body), 5)
        self.assertEqual(body[0][5:], ["Opening balance", None, None, 0])
        self.assertEqual((body[1][2], body[1][4], body[1][8]), ("1404/03/11", "علی", 1000))
        self.assertEqual(body[-1][5:], ["Closing balance", 1500, 400, 1100])


@tagged("post_install", "-at_install")
class TestYearEndPdf(PrintedReportCase, YearEndCase):
    """The PDFs: printed by wkhtmltopdf, figures read from what it is given."""

    def _report_text(self, report_xmlid, wizard):
        self.assert_prints(report_xmlid, wizard)
        return self.report_text(report_xmlid, wizard)

    def test_trial_balance_pdf(self):
        wizard = self.env["municipality.trial.balance.wizard"].create({
            "company_id": self.company.id, "fiscal_year_id": self.year.id})
        text = self._report_text("municipality_finance.action_report_trial_balance", wizard)
        self.assertIn("۶۰۱۰۰۲", text)
        self.assertIn("۷,۴۰۰", text)
        self.assertIn("۱۴۰۴/۱۲/۲۹", text)

    def test_general_ledger_pdf(self):
        wizard = self.env["municipality.general.ledger.wizard"].create({
            "company_id": self.company.id, "fiscal_year_id": self.year.id,
            "account_ids": [self.accounts["103001"].id]})
        text = self._report_text("municipality_finance.action_report_general_ledger", wizard)
        self.assertIn("۱۰۳۰۰۱", text)
        self.assertIn("۱,۱۰۰", text)
        self.assertIn("۱۴۰۴/۰۳/۱۱", text)

    def test_titles_and_headers_are_persian(self):
        """Printed for a Persian user, the fixed words are Persian (they were English, and word-reversed by the
        right-to-left layout: «Balance Trial», «balance Opening»)."""
        self.env["res.lang"]._activate_lang("fa_IR")
        for report, wizard_model, persian, english in (
            ("municipality_finance.action_report_trial_balance", "municipality.trial.balance.wizard",
             ["تراز آزمایشی", "بدهکار"], ["Trial", "Balance", "Debit"]),
            ("municipality_finance.action_report_general_ledger", "municipality.general.ledger.wizard",
             ["دفتر معین", "طرف حساب", "مانده ابتدای دوره", "سند"],
             ["General", "Ledger", "Date", "Entry", "Partner", "Label", "Debit", "Credit", "Balance", "Opening"]),
        ):
            with self.subTest(report=report):
                wizard = self.env[wizard_model].with_context(lang="fa_IR").create({
                    "company_id": self.company.id, "fiscal_year_id": self.year.id})
                html = self.env["ir.actions.report"].with_context(lang="fa_IR")._render_qweb_html(
                    report, wizard.ids)[0].decode()
                text = " ".join(_MARKUP.sub(" ", html).split())
                for word in persian:
                    self.assertIn(word, text)
                for word in english:
                    self.assertNotIn(word, text.split())
