import base64
import io
import os
import unicodedata

from PIL import Image

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from odoo.addons.municipality_base.tools.jalali import format_jalali

from .common import create_office_user, create_secretariat, create_signer

REPORT = "office_automation.report_office_letter"


def red_square_png():
    """A small red square, as a secretariat's logo."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 0, 0)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


def page_texts(pdf):
    """The text layer of each page (the marks drawn after printing), presentation forms folded."""
    reader = PdfFileReader(io.BytesIO(pdf))
    return [" ".join(unicodedata.normalize("NFKC", reader.getPage(index).extractText()).split())
            for index in range(reader.getNumPages())]


@tagged("post_install", "-at_install")
class TestLetterReport(PrintedReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = create_office_user(cls.env, "lp_clerk", "office_automation.group_office_secretariat_clerk",
                                       office_clearance="top_secret", lang="en_US")
        cls.secretariat = create_secretariat(
            cls.env, code="LP", clerks=cls.clerk, letterhead_title="شهرداری شهر نمونه",
            letterhead_subtitle="معاونت شهرسازی", letterhead_logo=red_square_png(),
            letterhead_footer="خیابان آزادی، پلاک ۱۲ - تلفن 021-12345678")
        cls.department = cls.env["hr.department"].create({"name": "واحد درآمد"})
        cls.employee = cls.env["hr.employee"].create({"name": "مریم احمدی", "job_title": "کارشناس درآمد"})
        cls.partner = cls.env["res.partner"].create({"name": "شرکت ساختمانی البرز"})
        paragraph = ("<p>" + " ".join(["این متن آزمایشی نامه است که چند صفحه را پر می‌کند."] * 12) + "</p>")
        # Recipient employees are set as administrator: staff do not read hr.employee (letters' part).
        cls.letter = cls.env["office.letter"].create({
            "author_id": cls.clerk.id,
            "subject": "درخواست بررسی پروانه ساختمانی",
            "letter_type": "outgoing",
            "secretariat_id": cls.secretariat.id,
            "classification_declared": "secret",
            "priority": "urgent",
            "recipient_partner_ids": [(6, 0, cls.partner.ids)],
            "recipient_employee_ids": [(6, 0, cls.employee.ids)],
            "recipient_department_ids": [(6, 0, cls.department.ids)],
            "body": paragraph * 18,
        })
        cls.env["ir.attachment"].create([{
            "name": f"plan-{index}.pdf", "raw": b"%PDF-1.4", "res_model": "office.letter", "res_id": cls.letter.id,
            "office_classification": "normal",
        } for index in range(2)])
        # signed in order by the deputy and the mayor, then registered
        cls.deputy = create_signer(cls.env, "lp_deputy", name="علی رضایی")
        cls.mayor = create_signer(cls.env, "lp_mayor", name="حسن کریمی")
        cls.mayor.sudo().office_signature = red_square_png()
        cls.env["hr.employee"].create({"name": "حسن کریمی", "user_id": cls.mayor.id, "job_title": "شهردار"})
        cls.letter.signature_ids = [(0, 0, {"sequence": 1, "user_id": cls.deputy.id}),
                                    (0, 0, {"sequence": 2, "user_id": cls.mayor.id})]
        cls.letter.action_request_signatures()
        cls.letter.with_user(cls.deputy).action_sign()
        cls.letter.with_user(cls.mayor).action_sign()
        cls.letter.with_user(cls.clerk).action_register()

    def render_pdf(self, letters, user=None, lang="en_US"):
        reports = self.env["ir.actions.report"].with_user(user or self.clerk).with_context(
            force_report_rendering=True, lang=lang)
        pdf, report_format = reports._render_qweb_pdf(REPORT, letters.ids)
        self.assertEqual(report_format, "pdf")
        if os.environ.get("OFFICE_LETTER_PDF_DIR"):  # for looking at the pages (pdftoppm)
            with open(os.path.join(os.environ["OFFICE_LETTER_PDF_DIR"], f"letter-{letters[:1].id}.pdf"), "wb") as f:
                f.write(pdf)
        return pdf

    def test_letter_content(self):
        text = self.report_text(REPORT, self.letter.with_user(self.clerk))
        letter = self.letter
        for expected in ("شهرداری شهر نمونه", "معاونت شهرسازی", "درخواست بررسی پروانه ساختمانی",
                         "شرکت ساختمانی البرز", "مریم احمدی - کارشناس درآمد", "واحد درآمد",
                         format_jalali(letter.date, persian_digits=True), "Secret", "Urgent", "Attachments: ۲",
                         "این متن آزمایشی نامه است"):
            self.assertIn(expected, text)
        number_digits = letter.number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        self.assertIn(number_digits, text)
        # the signatures, in their order, with the signer's job title and the Jalali time of signing
        self.assertIn("علی رضایی", text)
        self.assertIn("حسن کریمی شهردار Signed on", text)
        self.assertLess(text.index("علی رضایی"), text.index("حسن کریمی"))
        signed_on = letter.signature_ids.sorted("sequence")[1].signed_on
        self.assertIn(self.env["ir.actions.report"]._municipality_report_helpers()["jalali_date"](
            signed_on, persian_digits=True), text)
        html = self.env["ir.actions.report"].with_user(self.clerk)._render_qweb_html(REPORT, letter.ids)[0].decode()
        mayor_image = letter.signature_ids.filtered(lambda signature: signature.user_id == self.mayor).signature_image
        self.assertIn(f'src="data:image/png;base64,{mayor_image.decode()}"', html, "the mayor's signature image")
        self.assertGreaterEqual(html.count("data:image/png;base64"), 3, "the logo and both signatures")
        self.assertIn('class="o_municipality_word">\u200fمتن\u200f<', html, "each word of the body in its own box")

    def test_marks_on_every_page(self):
        """Classification at the top and bottom of every page, the letterhead footer and page n of N."""
        pdf = self.render_pdf(self.letter)
        pages = page_texts(pdf)
        self.assertEqual(len(pages), 3)
        for number, text in enumerate(pages, start=1):
            self.assertEqual(text.count("Secret"), 2, f"page {number}: {text}")
            self.assertIn(f"Page {number} of 3", text)
            self.assertIn("021-12345678", text)

    def test_normal_letter_has_no_classification_mark(self):
        letter = self.letter.copy({"classification_declared": "normal", "priority": "normal", "body": "<p>کوتاه</p>"})
        pages = page_texts(self.render_pdf(letter))
        self.assertEqual(len(pages), 1)
        self.assertIn("Page 1 of 1", pages[0])
        self.assertNotIn("Secret", pages[0])
        text = self.report_text(REPORT, letter)
        self.assertNotIn("Classification", text)
        self.assertNotIn("Urgent", text)
        self.assertIn("Draft", text, "an unregistered letter says it is a draft, without a number")

    def test_persian_marks(self):
        """In Persian the marks are drawn shaped, with Persian digits."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.model.fields.selection"].search([
            ("field_id.model", "=", "office.letter"), ("field_id.name", "=", "classification"),
            ("value", "=", "secret")]).with_context(lang="fa_IR").name = "سری"
        pages = page_texts(self.render_pdf(self.letter, lang="fa_IR"))
        self.assertEqual(len(pages), 3)
        for number, text in enumerate(pages, start=1):
            self.assertEqual(text.count("سری"), 2, text)
            # «صفحه ۱ از ۳» once the Persian translation is loaded; Persian digits either way
            self.assertRegex(text.replace(" ", ""), f"(Page{'۰۱۲۳'[number]}of۳|صفحه{'۰۱۲۳'[number]}از۳)")
            self.assertIn("خیابان آزادی", text, "the letterhead footer, shaped")

    def test_several_letters_numbered_each_from_one(self):
        short = self.letter.copy({"body": "<p>کوتاه</p>"})
        pdf = self.render_pdf(self.letter | short)
        pages = page_texts(pdf)
        self.assertEqual(len(pages), 4)
        self.assertIn("Page 3 of 3", pages[2])
        self.assertIn("Page 1 of 1", pages[3])

    def test_uncleared_user_cannot_print_a_secret_letter(self):
        outsider = create_office_user(self.env, "lp_outsider", "office_automation.group_office_secretariat_clerk")
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(outsider)._render_qweb_html(REPORT, self.letter.ids)
        with self.assertRaises(AccessError):
            self.render_pdf(self.letter, user=outsider)
