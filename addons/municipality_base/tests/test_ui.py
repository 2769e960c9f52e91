import contextlib
import http.client
import re
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@contextlib.contextmanager
def calls_abroad():
    """Record (and refuse) every HTTP(S) connection the server opens to a host other than this machine."""
    calls = []
    connect = http.client.HTTPConnection.connect

    def guarded_connect(connection):
        if connection.host not in LOCAL_HOSTS:
            calls.append(connection.host)
            raise OSError(f"test: no connection to {connection.host}")
        return connect(connection)

    with patch.object(http.client.HTTPConnection, "connect", guarded_connect):
        yield calls


@tagged("post_install", "-at_install")
class TestNothingCallsAbroad(TransactionCase):
    """Nothing in the suite calls out of the country by default (issue 15 item 18)."""

    def test_no_shahr_addon_depends_on_partner_autocomplete(self):
        Module = self.env["ir.module.module"]
        shahr = Module.search([("name", "in", ("municipality_base", "office_automation", "municipality_finance",
                                               "municipality_citizen_desk", "l10n_ir_municipality"))])
        required = set()
        todo = list(shahr)
        while todo:
            module = todo.pop()
            for dependency in module.dependencies_id:
                if dependency.name not in required:
                    required.add(dependency.name)
                    todo.extend(dependency.depend_id)
        self.assertNotIn("partner_autocomplete", required, "a Shahr addon pulls Odoo's partner autocomplete")
        # iap_mail comes only with Odoo's sms, on which Shahr sends through sms_kavenegar (its
        # default provider), so no SMS goes to Odoo's servers abroad.
        if "iap_mail" in required:
            self.assertIn("sms", required, "a Shahr addon pulls an IAP module other than through sms")

    def test_odoo_s_calls_home_are_off(self):
        self.assertFalse(self.env.ref("mail.ir_cron_module_update_notification").active,
                         "the daily update notification to Odoo's servers runs")
        for model in ("res.partner", "res.company"):
            arch = self.env[model].get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertNotIn("field_partner_autocomplete", arch, f"{model}: names typed go to Odoo's servers")

    def test_the_company_is_not_enriched_from_abroad(self):
        company = self.env["res.company"].create({"name": "شهرداری آزمون تماس"})
        if "iap_enrich_auto_done" not in company._fields:
            return  # partner_autocomplete is not installed: nothing to keep quiet
        company.iap_enrich_auto_done = False
        with calls_abroad() as calls:
            company.iap_enrich_auto()
        self.assertEqual(calls, [])
        self.assertTrue(company.iap_enrich_auto_done, "the web client would ask again at every login")


@tagged("post_install", "-at_install")
class TestCitizenTour(HttpCase):
    def test_citizen_registration_tour(self):
        Partner = self.env["res.partner"]
        Partner.create({"name": "محمد حسینی", "national_id": "3182405977"})  # the citizen the tour registers again

        with calls_abroad() as calls:
            self.start_tour("/odoo", "municipality_base_citizen_tour", login="admin")
        self.assertEqual(calls, [], "the server called out during the tour")

        created = Partner.search([("national_id", "=", "5897859299")])
        self.assertEqual(created.name, "نرگس تورانی")
        self.assertEqual(created.mobile, "09120001122")
        self.assertEqual(Partner.search_count([("national_id", "=", "3182405977")]), 1,
                         "the duplicate must not have been saved")


@tagged("post_install", "-at_install")
class TestPersianWebClient(HttpCase):
    def _backend_css(self, login):
        self.authenticate(login, login)
        # The first request of each bundle builds it (rtlcss over every installed addon's CSS): far longer
        # than url_open's default 12 s on a busy 2-core machine.
        html = self.url_open("/odoo", timeout=180).text
        links = re.findall(r'href="(/web/assets/[^"]*/web\.assets_web(?:\.rtl)?\.min\.css)"', html)
        self.assertEqual(len(links), 1, links)
        return links[0], self.url_open(links[0], timeout=180).text

    def test_persian_users_get_a_right_to_left_client(self):
        """Odoo turns its CSS right-to-left with rtlcss; without it a Persian
        user gets a left-to-right screen with Persian words."""
        self.env["res.lang"]._activate_lang("fa_IR")
        new_test_user(self.env, "fa_clerk", groups="municipality_base.group_municipality_user", lang="fa_IR")
        new_test_user(self.env, "en_clerk", groups="municipality_base.group_municipality_user", lang="en_US")
        rtl_url, rtl_css = self._backend_css("fa_clerk")
        ltr_url, ltr_css = self._backend_css("en_clerk")
        self.assertIn(".rtl", rtl_url)
        self.assertNotIn(".rtl", ltr_url)
        self.assertNotEqual(rtl_css, ltr_css, "the right-to-left bundle was not converted (is rtlcss installed?)")
        # rtlcss mirrors the sides: the LTR sheet's "left:" rules become "right:" ones.
        self.assertGreater(rtl_css.count("right:"), ltr_css.count("right:"))


@tagged("post_install", "-at_install")
class TestJalaliDateTours(HttpCase):
    """Issue 5 acceptance: Jalali input and picker in Chromium; Gregorian users unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,hr.group_hr_user"
        cls.jalali_user = new_test_user(cls.env, "jalali_hr", groups=groups, tz="Asia/Tehran")
        cls.jalali_user.calendar = "jalali"
        cls.gregorian_user = new_test_user(cls.env, "gregorian_hr", groups=groups, tz="Asia/Tehran")
        cls.gregorian_user.calendar = "gregorian"
        cls.employee = cls.env["hr.employee"].create({"name": "Jalali Birthday"})

    def test_jalali_and_gregorian_date_input(self):
        url = f"/odoo/employees/{self.employee.id}"
        self.start_tour(url, "municipality_base_jalali_type_date", login="jalali_hr")
        self.assertEqual(str(self.employee.birthday), "2025-03-21")
        self.start_tour(url, "municipality_base_jalali_pick_date", login="jalali_hr")
        self.assertEqual(str(self.employee.birthday), "2025-03-20")
        self.start_tour(url, "municipality_base_gregorian_date", login="gregorian_hr")
        self.assertEqual(str(self.employee.birthday), "2025-03-21")

    def test_list_grouped_by_jalali_month(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        user = new_test_user(self.env, "jalali_fa_hr", groups="base.group_user,hr.group_hr_user",
                             lang="fa_IR", tz="Asia/Tehran")
        self.assertEqual(user.calendar, "jalali")
        Employee = self.env["hr.employee"]
        Employee.create([
            {"name": "Bucket Esfand", "birthday": "2025-03-20"},
            {"name": "Bucket Farvardin", "birthday": "2025-03-21"},
        ])
        search_view = self.env["ir.ui.view"].create({
            "name": "employee search, Jalali month filter (test)",
            "model": "hr.employee",
            "inherit_id": self.env.ref("hr.view_employee_filter").id,
            "arch": """<xpath expr="//search" position="inside">
                <filter name="birthday_jalali_month" string="Birthday (Jalali)"
                        context="{'group_by': 'birthday:jalali_month'}"/>
            </xpath>""",
        })
        action = self.env["ir.actions.act_window"].create({
            "name": "Employees by Jalali month (test)",
            "res_model": "hr.employee",
            "view_mode": "list,form",
            "domain": [("name", "like", "Bucket ")],
            "search_view_id": search_view.id,
            "context": "{'search_default_birthday_jalali_month': 1}",
        })
        self.start_tour(f"/odoo/action-{action.id}", "municipality_base_jalali_group_by_month",
                        login="jalali_fa_hr")


@tagged("post_install", "-at_install")
class TestPersianFont(HttpCase):
    """The rial sign (﷼) and Persian text render with the font the suite ships, whatever fonts the client's
    machine has (issue 15 item 11)."""

    FONT_CHECK = """
        (async () => {
            // the user's digit font first (digits.scss), then Vazirmatn for a Persian user
            const family = getComputedStyle(document.body).fontFamily.replace(/^"Shahr (Persian|Latin) Digits", /, "");
            const faces = await document.fonts.load("16px Vazirmatn", "﷼ ۱۴۰۵");
            if (%(persian)s) {
                if (!family.startsWith('"Vazirmatn"') && !family.startsWith("Vazirmatn")) {
                    throw new Error(`a Persian user's screens use ${family}`);
                }
                if (!faces.length) {
                    throw new Error("the Vazirmatn font did not load");
                }
            } else if (family.includes("Vazirmatn")) {
                throw new Error(`an English user's screens use ${family}`);
            }
            console.log("test successful");
        })();
    """

    def test_persian_users_read_vazirmatn(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        new_test_user(self.env, "font_fa", groups="base.group_user", lang="fa_IR")
        new_test_user(self.env, "font_en", groups="base.group_user", lang="en_US")
        self.browser_js("/odoo", self.FONT_CHECK % {"persian": "true"}, ready="odoo.isReady", login="font_fa")
        self.browser_js("/odoo", self.FONT_CHECK % {"persian": "false"}, ready="odoo.isReady", login="font_en")


@tagged("post_install", "-at_install")
class TestPivotGraphDigits(HttpCase):
    """A Persian Jalali user's pivot and graph views group by Jalali month, and every digit of the screen
    follows the user's digits (issue 15 items 6 and 12)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        groups = "base.group_user,hr.group_hr_user"
        cls.persian = new_test_user(cls.env, "digits_fa", groups=groups, lang="fa_IR", tz="Asia/Tehran")
        cls.persian.calendar_digits = "persian"
        cls.latin = new_test_user(cls.env, "digits_latin", groups=groups, lang="fa_IR", tz="Asia/Tehran")
        cls.env["hr.employee"].create([
            {"name": "Bucket Esfand", "birthday": "2025-03-20"},
            {"name": "Bucket Farvardin", "birthday": "2025-03-21"},
        ])
        # Odoo's default pivot and graph views; a month in the action's context is Odoo's Gregorian month
        cls.action = cls.env["ir.actions.act_window"].create({
            "name": "Employees by birthday (test)",
            "res_model": "hr.employee",
            "view_mode": "pivot,graph",
            "domain": [("name", "like", "Bucket ")],
            "context": "{'pivot_row_groupby': ['birthday:month'], 'graph_groupbys': ['birthday:month']}",
        })

    def test_persian_digits_user(self):
        self.assertEqual((self.persian.calendar, self.persian.calendar_digits), ("jalali", "persian"))
        self.start_tour(f"/odoo/action-{self.action.id}", "municipality_base_pivot_graph_persian_digits",
                        login="digits_fa")

    def test_latin_digits_user(self):
        self.assertEqual((self.latin.calendar, self.latin.calendar_digits), ("jalali", "latin"))
        self.start_tour(f"/odoo/action-{self.action.id}", "municipality_base_pivot_graph_latin_digits",
                        login="digits_latin")


@tagged("post_install", "-at_install")
class TestPageDigits(HttpCase):
    """Every page says which digits it shows (``<html data-digits>``): the web client and the portal the
    user's, a public page Persian when it is in Persian (issue 15 item 12)."""

    def _digits(self, url, **kwargs):
        html = self.url_open(url, timeout=180, **kwargs).text
        found = re.findall(r'<html[^>]*\sdata-digits="(\w+)"', html)
        self.assertEqual(len(found), 1, f"{url}: no data-digits on <html>")
        return found[0]

    def test_pages_carry_the_digits(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["res.lang"]._activate_lang("en_US")
        self.assertEqual(self._digits("/web/login", headers={"Accept-Language": "fa-IR,fa"}), "persian")
        self.assertEqual(self._digits("/web/login", headers={"Accept-Language": "en-US,en"}), "latin")
        persian = new_test_user(self.env, "page_digits_fa", groups="base.group_user", lang="fa_IR")
        persian.calendar_digits = "persian"
        portal = new_test_user(self.env, "page_digits_portal", groups="base.group_portal", lang="fa_IR")
        self.assertEqual(portal.calendar_digits, "latin")
        self.authenticate("page_digits_fa", "page_digits_fa")
        self.assertEqual(self._digits("/odoo"), "persian")
        self.assertEqual(self._digits("/my"), "persian")
        self.authenticate("page_digits_portal", "page_digits_portal")
        self.assertEqual(self._digits("/my"), "latin")
        portal.calendar_digits = "persian"
        self.assertEqual(self._digits("/my"), "persian")
