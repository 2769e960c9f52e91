import io
import re

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader


@tagged("post_install", "-at_install")
class TestCitizenRecordReport(HttpCase):
    """The printed citizen record: Persian, Jalali, rendered by wkhtmltopdf."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        district = cls.env["municipality.district"].create({"code": "91", "name": "مرکز شهر"})
        cls.citizen = cls.env["res.partner"].create({
            "name": "محمد حسینی", "national_id": "2718304561", "mobile": "09121234567",
            "street": "خیابان انقلاب، کوچه بهار، پلاک ۱۲", "city": "شهر نمونه", "zip": "1135713911",
            "country_id": cls.env.ref("base.ir").id, "district_id": district.id})
        cls.report = cls.env.ref("municipality_base.action_report_citizen_record")

    def test_html_shows_persian_digits_and_jalali_dates(self):
        self.env.user.tz = "Asia/Tehran"
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s",
                            ["2025-03-20 21:00:00", self.citizen.id])  # 00:30 on 1404/01/01 in Tehran
        self.citizen.invalidate_recordset(["create_date"])
        html = self.env["ir.actions.report"]._render_qweb_html(self.report, self.citizen.ids)[0].decode()
        self.assertIn('<span class="o_municipality_word">\u200fحسینی\u200f</span>', html)
        html = " ".join(re.sub(r"<[^>]+>|\u200f", " ", html).split())  # the text a reader sees
        self.assertIn("۲۷۱۸۳۰۴۵۶۱", html)  # national ID
        self.assertIn("۰۹۱۲۱۲۳۴۵۶۷", html)  # mobile
        self.assertIn("۱۱۳۵۷۱۳۹۱۱", html)  # postal code
        self.assertIn("۰۱ فروردین ۱۴۰۴", html)
        self.assertNotIn("۳۰ اسفند ۱۴۰۳", html)
        self.assertIn("۹۱ - مرکز شهر", html)
        self.assertIn("خیابان انقلاب، کوچه بهار، پلاک ۱۲، شهر نمونه", html)

    def test_pdf_is_rendered_by_wkhtmltopdf(self):
        # One record: Odoo refuses several documents in one run of an unpatched wkhtmltopdf.
        pdf, report_format = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report, self.citizen.ids)
        self.assertEqual(report_format, "pdf")
        self.assertEqual(len(PdfFileReader(io.BytesIO(pdf)).pages), 1)

    def test_the_persian_font_reaches_the_printer(self):
        """The report's stylesheet declares Vazirmatn, and the server serves the font files."""
        html = self.env["ir.actions.report"]._render_qweb_html(self.report, self.citizen.ids)[0].decode()
        (css_url,) = set(re.findall(r'href="(/web/assets/[^"]*web\.report_assets_common[^"]*\.css)"', html))
        css = self.url_open(css_url).text
        self.assertIn('font-family: "Vazirmatn"', css)
        fonts = re.findall(r'url\("(/municipality_base/static/fonts/[^"]+\.ttf)"\)', css)
        self.assertEqual(len(fonts), 2, "Vazirmatn regular and bold")
        for font in fonts:
            response = self.url_open(font)
            self.assertEqual(response.status_code, 200, font)
            self.assertGreater(len(response.content), 50_000, font)

    def test_report_is_offered_on_contacts_to_municipal_staff(self):
        self.assertEqual(self.report.binding_model_id.model, "res.partner")
        self.assertIn(self.env.ref("municipality_base.group_municipality_user"), self.report.group_ids)
