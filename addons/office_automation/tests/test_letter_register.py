import base64
import io
import os
from datetime import timedelta

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from .common import create_office_user, create_secretariat, sign

REPORT = "office_automation.report_office_letter_register"


class LetterRegisterCommon:

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.clerk = create_office_user(env, "lr_clerk", "office_automation.group_office_secretariat_clerk")
        cls.cleared_clerk = create_office_user(env, "lr_cleared", "office_automation.group_office_secretariat_clerk",
                                               office_clearance="secret")
        cls.author = create_office_user(env, "lr_author")
        cls.secretariat = create_secretariat(env, code="LR", clerks=cls.clerk | cls.cleared_clerk)
        cls.other_secretariat = create_secretariat(env, code="LO", clerks=cls.clerk)
        cls.partner = env["res.partner"].create({"name": "اداره کل راه و شهرسازی"})
        Letter = env["office.letter"]

        def letter(subject, clerk, secretariat=cls.secretariat, **values):
            record = Letter.create(dict({
                "subject": subject, "letter_type": "outgoing", "secretariat_id": secretariat.id,
                "author_id": cls.author.id, "recipient_partner_ids": [(6, 0, cls.partner.ids)],
            }, **values))
            if record.letter_type != "incoming":  # signed by its author before it is registered
                sign(record, cls.author)
            record.with_user(clerk).action_register()
            return record

        cls.first = letter("استعلام وضعیت ملک", cls.clerk)
        cls.secret = letter("گزارش بازرسی ویژه", cls.cleared_clerk, classification_declared="secret")
        cls.incoming = letter("پاسخ استعلام", cls.clerk, letter_type="incoming", recipient_partner_ids=False,
                              sender_partner_id=cls.partner.id, sender_number="۴۵/۱۲",
                              sender_date=fields.Date.today() - timedelta(days=2))
        cls.elsewhere = letter("نامه دبیرخانه دیگر", cls.clerk, secretariat=cls.other_secretariat)
        cls.today = Letter._today_in_iran()  # the day the letters were registered on: Iran's, not UTC's

    def wizard(self, user, **values):
        return self.env["office.letter.register.report"].with_user(user).create(dict({
            "secretariat_id": self.secretariat.id, "date_from": self.today - timedelta(days=1),
            "date_to": self.today + timedelta(days=1)}, **values))


@tagged("post_install", "-at_install")
class TestLetterRegister(LetterRegisterCommon, TransactionCase):

    def read_xlsx(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertIn(f"id={wizard.id}", action["url"])
        sheet = load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file))).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return sheet, rows

    def test_xlsx_lists_every_number_and_hides_what_the_user_may_not_read(self):
        sheet, rows = self.read_xlsx(self.wizard(self.clerk))
        self.assertTrue(sheet.sheet_view.rightToLeft)
        self.assertEqual(rows[0][0], "Letter register of Secretariat LR")
        header_index = next(index for index, row in enumerate(rows) if row[0] == "Row")
        header, body = rows[header_index], rows[header_index + 1:]
        self.assertEqual(header[:3], ["Row", "Number", "Date"])
        self.assertEqual([row[1] for row in body], [self.first.number, self.secret.number, self.incoming.number])
        self.assertEqual([row[0] for row in body], [1, 2, 3])
        by_number = {row[1]: dict(zip(header, row)) for row in body}
        self.assertEqual(by_number[self.first.number]["Subject"], "استعلام وضعیت ملک")
        self.assertEqual(by_number[self.first.number]["Sender or Recipients"], "اداره کل راه و شهرسازی")
        secret_row = by_number[self.secret.number]
        self.assertEqual(secret_row["Subject"], "Classified letter")
        self.assertEqual(secret_row["Classification"], "Secret")
        self.assertIsNone(secret_row["Sender or Recipients"])
        self.assertNotIn("گزارش بازرسی ویژه", str(rows))
        incoming_row = by_number[self.incoming.number]
        self.assertEqual(incoming_row["Type"], "Incoming")
        self.assertTrue(incoming_row["Sender's Number and Date"].startswith("۴۵/۱۲ - "))

    def test_cleared_user_reads_the_classified_subject(self):
        _sheet, rows = self.read_xlsx(self.wizard(self.cleared_clerk))
        self.assertIn("گزارش بازرسی ویژه", str(rows))

    def test_period_and_type_filters(self):
        self.secret.sudo().date = self.today - timedelta(days=5)
        data = self.wizard(self.clerk)._get_report_data()
        self.assertEqual([row["number"] for row in data["rows"]], [self.first.number, self.incoming.number])
        data = self.wizard(self.clerk, letter_type="incoming")._get_report_data()
        self.assertEqual([row["number"] for row in data["rows"]], [self.incoming.number])
        data = self.wizard(self.clerk, date_from=self.today + timedelta(days=1))._get_report_data()
        self.assertEqual(data["rows"], [])

    def test_only_the_secretariats_clerks_and_administrators_print_its_register(self):
        other_clerk = create_office_user(self.env, "lr_other_clerk", "office_automation.group_office_secretariat_clerk",
                                         office_clearance="top_secret")
        with self.assertRaises(UserError):
            self.wizard(other_clerk)._get_report_data()
        with self.assertRaises(UserError):
            self.wizard(other_clerk).action_export_xlsx()
        admin = create_office_user(self.env, "lr_admin", "office_automation.group_office_admin")
        self.assertEqual(len(self.wizard(admin)._get_report_data()["rows"]), 3)
        staff = create_office_user(self.env, "lr_staff")
        with self.assertRaises(AccessError):
            self.wizard(staff)

    def test_dates_in_the_wrong_order_are_refused(self):
        with self.assertRaises(ValidationError):
            self.wizard(self.clerk, date_from=self.today, date_to=self.today - timedelta(days=1))

    def test_default_period_is_the_current_jalali_month(self):
        wizard = self.env["office.letter.register.report"].with_user(self.clerk).create({
            "secretariat_id": self.secretariat.id})
        self.assertLessEqual(wizard.date_from, self.today)
        self.assertGreaterEqual(wizard.date_to, self.today)
        self.assertLessEqual((wizard.date_to - wizard.date_from).days, 30)


@tagged("post_install", "-at_install")
class TestLetterRegisterPdf(LetterRegisterCommon, PrintedReportCase):

    def test_pdf(self):
        self.env = self.env(user=self.clerk)  # printed with the clerk's rights
        wizard = self.wizard(self.clerk)
        text = self.report_text(REPORT, wizard)
        self.assertIn("Letter register of Secretariat LR", text)
        self.assertIn("استعلام وضعیت ملک", text)
        self.assertIn("Classified letter", text)
        self.assertNotIn("گزارش بازرسی ویژه", text)
        self.assertNotIn("نامه دبیرخانه دیگر", text)
        self.assertIn(self.secret.number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")), text)
        self.assertEqual(wizard.action_print_pdf()["report_name"], REPORT)
        self.assert_prints(REPORT, wizard)
        if os.environ.get("OFFICE_LETTER_PDF_DIR"):  # for looking at the pages (pdftoppm)
            pdf, _format = self.env["ir.actions.report"].with_context(
                force_report_rendering=True, lang="fa_IR")._render_qweb_pdf(REPORT, wizard.ids)
            with open(os.path.join(os.environ["OFFICE_LETTER_PDF_DIR"], "register.pdf"), "wb") as file:
                file.write(pdf)
