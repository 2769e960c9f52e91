from odoo.tests import tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from .test_tolls import TollsCase


@tagged("post_install", "-at_install")
class TestTollInvoicePrint(TollsCase, PrintedReportCase):
    """The invoice a citizen receives for a toll, printed by Odoo for a Persian reader: Jalali dates in
    Persian digits, the payment ID and the total in words (issue 15 item 7)."""

    def test_a_persian_citizen_s_invoice_is_jalali_with_the_total_in_words(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.citizen.lang = "fa_IR"
        assessment = self._assess()
        invoice = assessment.invoice_id
        self.assertEqual(invoice.invoice_date.isoformat(), "2026-05-10")
        report = self.env.ref("account.account_invoices")
        text = self.report_text(report, invoice)
        self.assertIn("۱۴۰۵/۰۲/۲۰", text)
        self.assertNotIn("2026", text)
        self.assertNotIn("05/10", text)
        self.assertIn(invoice.payment_reference, text.replace(" ", ""))
        words = invoice.currency_id.amount_to_text_fa(invoice.amount_total)
        self.assertIn("ریال", words)
        self.assertIn(" ".join(words.split()), text)
        self.assert_prints(report, invoice)

    def test_an_english_reader_keeps_odoo_s_dates(self):
        self.citizen.lang = "en_US"
        invoice = self._assess().invoice_id
        text = self.report_text(self.env.ref("account.account_invoices"), invoice)
        self.assertIn("05/10/2026", text)
        self.assertNotIn("۱۴۰۵", text)
