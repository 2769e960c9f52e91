from odoo.tests import tagged

from .treasury_common import TreasuryHttpCase


@tagged("post_install", "-at_install")
class TestTreasuryReports(TreasuryHttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.currency_id.words_unit_fa = "ریال"
        cls.order = cls.env["municipality.payment.order"].create({
            "partner_id": cls.contractor.id,
            "partner_bank_id": cls.contractor_sheba.id,
            "amount": 1_250_000,
            "journal_id": cls.bank_journal.id,
            "purpose": "لکه‌گیری آسفالت",
            "date": cls.day,
            "company_id": cls.company.id,
        })
        cls.order.action_submit()
        cls.order.with_user(cls.director).action_sign_director()
        cls.order.with_user(cls.mayor).action_sign_mayor()

    def test_payment_order_html_has_words_figures_jalali_date_and_signers(self):
        text = self.report_text("municipality_finance.action_report_payment_order", self.order)
        self.assertIn("یک میلیون و دویست و پنجاه هزار ریال", text)
        self.assertIn("۱,۲۵۰,۰۰۰", text)
        self.assertIn("۲۰ اردیبهشت ۱۴۰۵", text)
        self.assertIn("IR820540102680020817909002", text)
        self.assertIn("حسن ذیحساب", text)
        self.assertIn("علی شهردار", text)

    def test_payment_order_pdf_is_one_page(self):
        self.assert_prints("municipality_finance.action_report_payment_order", self.order, pages=1)

    def test_issued_cheque_prints_amount_in_words_and_the_order_signers(self):
        cheque = self._cheque("issued", payment_order_id=self.order.id)
        text = self.report_text("municipality_finance.action_report_cheque", cheque)
        self.assertIn("یک میلیون و دویست و پنجاه هزار ریال", text)
        self.assertIn("۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶", text)
        self.assertIn("۲۰ اردیبهشت ۱۴۰۵", text)
        self.assertIn("علی شهردار", text)
        self.assert_prints("municipality_finance.action_report_cheque", cheque, pages=1)
