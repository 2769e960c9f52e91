import re

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCitizenTour(HttpCase):
    def test_citizen_registration_tour(self):
        Partner = self.env["res.partner"]
        Partner.create({"name": "محمد حسینی", "national_id": "3182405977"})  # the citizen the tour registers again

        self.start_tour("/odoo", "municipality_base_citizen_tour", login="admin")

        created = Partner.search([("national_id", "=", "5897859299")])
        self.assertEqual(created.name, "نرگس تورانی")
        self.assertEqual(created.mobile, "09120001122")
        self.assertEqual(Partner.search_count([("national_id", "=", "3182405977")]), 1,
                         "the duplicate must not have been saved")


@tagged("post_install", "-at_install")
class TestPersianWebClient(HttpCase):
    def _backend_css(self, login):
        self.authenticate(login, login)
        html = self.url_open("/odoo").text
        links = re.findall(r'href="(/web/assets/[^"]*/web\.assets_web(?:\.rtl)?\.min\.css)"', html)
        self.assertEqual(len(links), 1, links)
        return links[0], self.url_open(links[0]).text

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
