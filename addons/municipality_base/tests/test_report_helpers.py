from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReportHelpers(TransactionCase):
    """The helpers every QWeb report of the suite calls, rendered through ir.actions.report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.view = cls.env["ir.ui.view"].create({
            "name": "municipality_base.test_report_helpers",
            "key": "municipality_base.test_report_helpers",
            "type": "qweb",
            "arch": """<t t-name="municipality_base.test_report_helpers">
                <p class="date" t-out="jalali_date(day)"/>
                <p class="long" t-out="jalali_date(day, '%d %B %Y', persian_digits=True)"/>
                <p class="stamp" t-out="jalali_date(stamp)"/>
                <p class="digits" t-out="persian_digits(number)"/>
                <p class="words" t-out="amount_in_words(amount, currency)"/>
                <p class="empty" t-out="jalali_date(False)"/>
                <p class="now" t-out="jalali_now('%Y/%m/%d %H:%M')"/>
                <p class="text" t-out="persian_text(number, persian_digits=True)"/>
            </t>""",
        })
        cls.report = cls.env["ir.actions.report"].create({
            "name": "Helpers", "model": "res.partner", "report_type": "qweb-html",
            "report_name": "municipality_base.test_report_helpers"})
        cls.irr = cls.env.ref("base.IRR")

    def _render(self, env=None, **values):
        html, _format = (env or self.env)["ir.actions.report"]._render_qweb_html(self.report, [], data=values)
        return html.decode()

    def test_other_modules_reports_do_not_get_the_helpers(self):
        """A report of another module may have its own ``jalali_date``: the suite's helpers do not shadow
        it, nor appear in its values (L-9); the suite's reports get them, under their own values."""
        self.env["ir.ui.view"].create({
            "name": "web.test_foreign_report", "key": "web.test_foreign_report", "type": "qweb",
            "arch": """<t t-name="web.test_foreign_report">
                <p class="foreign" t-out="'helper' if jalali_date is not None else 'none'"/>
            </t>"""})
        foreign = self.env["ir.actions.report"].create({
            "name": "Foreign", "model": "res.partner", "report_type": "qweb-html",
            "report_name": "web.test_foreign_report"})
        html = self.env["ir.actions.report"]._render_qweb_html(foreign, [])[0].decode()
        self.assertIn('<p class="foreign">none</p>', html)
        html = self._render(day=date(2025, 4, 4), stamp=False, number="1", amount=0, currency=self.irr,
                            persian_digits=lambda text: "own helper")
        self.assertIn('<p class="digits">own helper</p>', html)

    def test_helpers(self):
        html = self._render(
            day=date(2025, 4, 4), stamp=datetime(2025, 3, 20, 21, 0),
            number="IR-1404/123", amount=1_250_000, currency=self.irr)
        self.assertIn('<p class="date">1404/01/15</p>', html)
        self.assertIn('<p class="long">۱۵ فروردین ۱۴۰۴</p>', html)
        self.assertIn('<p class="digits">IR-۱۴۰۴/۱۲۳</p>', html)
        self.assertIn('<p class="words">یک میلیون و دویست و پنجاه هزار ریال</p>', html)
        self.assertIn('<p class="empty"></p>', html)

    def test_persian_text_is_printed_word_by_word(self):
        html = self._render(day=False, stamp=False, number="پلاک 12 <b>", amount=0, currency=self.irr)
        word = '<span class="o_municipality_word">\u200f{}\u200f</span>'
        expected = " ".join(word.format(w) for w in ("پلاک", "۱۲", "&lt;b&gt;"))
        self.assertIn(f'<p class="text">{expected}</p>', html)

    def test_a_word_with_a_zwnj_is_printed_part_by_part(self):
        html = self._render(day=False, stamp=False, number="پرونده‌های باز", amount=0, currency=self.irr)
        word = '<span class="o_municipality_word">‏{}‏</span>'
        expected = word.format("پرونده‌") + word.format("های") + " " + word.format("باز")
        self.assertIn(f'<p class="text">{expected}</p>', html)

    def test_datetimes_are_shown_in_the_municipality_time_zone(self):
        self.env.user.tz = "Europe/London"  # the clerk's preference does not move a legal date
        # 21:00 UTC on 2025-03-20 is 00:30 on 1404/01/01 in Tehran.
        html = self._render(day=False, stamp=datetime(2025, 3, 20, 21, 0), number="", amount=0, currency=self.irr)
        self.assertIn('<p class="stamp">1404/01/01 00:30</p>', html)
        self.assertIn('<p class="words">صفر ریال</p>', html)

    def test_now_is_the_jalali_moment_in_the_municipality_time_zone(self):
        self.env.user.tz = "UTC"
        with freeze_time("2026-03-20 20:45:00"):  # 00:15 on 1405/01/01 in Tehran
            html = self._render(day=False, stamp=False, number="", amount=0, currency=self.irr)
        self.assertIn('<p class="now">1405/01/01 00:15</p>', html)

    def test_unit_comes_from_the_currency_record(self):
        new_rial = self.env["res.currency"].create({
            "name": "IRX", "symbol": "ر.ج", "rounding": 1, "words_unit_fa": "ریال جدید"})
        html = self._render(day=False, stamp=False, number="", amount=19, currency=new_rial)
        self.assertIn('<p class="words">نوزده ریال جدید</p>', html)

    def test_amounts_with_subunits_and_negative_amounts(self):
        usd = self.env.ref("base.USD")
        usd.words_unit_fa = "دلار"
        self.env["res.lang"]._activate_lang("fa_IR")
        usd.with_context(lang="fa_IR").currency_subunit_label = "سنت"
        self.assertEqual(usd.amount_to_text_fa(12.5), "دوازده دلار و پنجاه سنت")
        self.assertEqual(usd.amount_to_text_fa(12.504), "دوازده دلار و پنجاه سنت")
        self.assertEqual(usd.amount_to_text_fa(-1000), "منفی هزار دلار")
        self.assertEqual(self.irr.amount_to_text_fa(1_250_000.4), "یک میلیون و دویست و پنجاه هزار ریال")

    def test_currencies_without_a_persian_unit_work_without_persian_installed(self):
        self.assertFalse(self.env["res.lang"].search_count([("code", "=", "fa_IR")]))
        usd = self.env.ref("base.USD")
        self.assertEqual(usd.amount_to_text_fa(12.5),
                         f"دوازده {usd.currency_unit_label} و پنجاه {usd.currency_subunit_label}")

    def test_default_currency_is_the_companys(self):
        # a company of its own: the demo company may keep books in another currency
        company = self.env["res.company"].create({"name": "Rial municipality", "currency_id": self.irr.id})
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id]))
        html = self._render(env, day=False, stamp=False, number="", amount=19, currency=False)
        self.assertIn('<p class="words">نوزده ریال</p>', html)

    def test_irr_is_set_up_for_the_municipality(self):
        self.assertTrue(self.irr.active)
        self.assertEqual(self.irr.rounding, 1.0)
        self.assertEqual(self.irr.words_unit_fa, "ریال")
