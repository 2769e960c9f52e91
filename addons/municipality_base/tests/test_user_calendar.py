from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUserCalendar(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")

    def test_default_follows_the_language_at_creation(self):
        persian = new_test_user(self.env, "jalali_fa", lang="fa_IR")
        english = new_test_user(self.env, "jalali_en", lang="en_US")
        self.assertEqual((persian.calendar, english.calendar), ("jalali", "gregorian"))
        chosen = new_test_user(self.env, "jalali_fa_greg", lang="fa_IR", calendar="gregorian")
        self.assertEqual(chosen.calendar, "gregorian")
        # an explicit choice survives a change of language
        persian.lang = "en_US"
        self.assertEqual(persian.calendar, "jalali")

    def test_users_choose_their_own_calendar(self):
        user = new_test_user(self.env, "jalali_self", groups="base.group_user", lang="en_US")
        as_user = user.with_user(user)
        self.assertIn("calendar", as_user.SELF_WRITEABLE_FIELDS)
        as_user.write({"calendar": "jalali"})
        self.assertEqual(as_user.read(["calendar"])[0]["calendar"], "jalali")

    def test_preferences_form_shows_the_calendar(self):
        for view in ("base.view_users_form_simple_modif", "base.view_users_form"):
            arch = self.env["res.users"].get_views([(self.env.ref(view).id, "form")])
            self.assertIn('name="calendar"', arch["views"]["form"]["arch"], view)
            self.assertIn('name="calendar_digits"', arch["views"]["form"]["arch"], view)

    def test_digits_are_latin_by_default_and_a_choice_of_the_user(self):
        persian = new_test_user(self.env, "jalali_digits_fa", groups="base.group_user", lang="fa_IR")
        self.assertEqual((persian.calendar, persian.calendar_digits), ("jalali", "latin"))
        as_user = persian.with_user(persian)
        self.assertIn("calendar_digits", as_user.SELF_WRITEABLE_FIELDS)
        as_user.write({"calendar_digits": "persian"})
        self.assertEqual(as_user.read(["calendar_digits"])[0]["calendar_digits"], "persian")


@tagged("post_install", "-at_install")
class TestUserCalendarSession(HttpCase):

    def test_session_info_carries_the_calendar(self):
        user = new_test_user(self.env, "jalali_session", password="jalali_session1", lang="en_US")
        user.calendar = "jalali"
        self.authenticate("jalali_session", "jalali_session1")
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["user_calendar"], "jalali")
        self.assertEqual(info["user_calendar_digits"], "latin")
        user.calendar_digits = "persian"
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["user_calendar_digits"], "persian")
