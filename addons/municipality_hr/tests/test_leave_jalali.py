from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import format_date

from .common import MunicipalityHrCase


@tagged("post_install", "-at_install")
class TestLeaveJalaliDates(MunicipalityHrCase, HttpCase):
    """A user whose calendar is Jalali reads every date of a leave in the Jalali calendar, whatever their
    language: the leave's name (breadcrumbs, calendar, many2one), the leave form and its side panel, and
    the /my/leave portal page. A Gregorian user keeps Odoo's dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.create_employee("Jalali Reader")
        cls.jalali_user = new_test_user(
            cls.env, "hr_jalali_reader", password="hr_jalali_reader", tz="Asia/Tehran", lang="en_US",
            groups="base.group_user,hr_holidays.group_hr_holidays_user",
            company_id=cls.company.id, company_ids=[cls.company.id], partner_id=cls.employee.work_contact_id.id)
        cls.jalali_user.calendar = "jalali"
        cls.employee.user_id = cls.jalali_user
        cls.gregorian_user = new_test_user(
            cls.env, "hr_gregorian_reader", tz="Asia/Tehran", lang="en_US", groups="hr_holidays.group_hr_holidays_user",
            company_id=cls.company.id, company_ids=[cls.company.id])
        cls.gregorian_user.calendar = "gregorian"
        # 11 to 13 Mordad 1404 (Saturday 2025-08-02 to Monday 2025-08-04)
        cls.leave = cls.env["hr.leave"].create({
            "employee_id": cls.employee.id, "holiday_status_id": cls.env.ref("municipality_hr.leave_type_sick").id,
            "request_date_from": date(2025, 8, 2), "request_date_to": date(2025, 8, 4)})
        cls.leave._action_validate(check_state=False)

    def test_leave_name_is_jalali_for_a_jalali_user(self):
        name = self.leave.with_user(self.jalali_user).display_name
        self.assertIn("1404/05/11", name)
        self.assertIn("1404/05/13", name)
        self.assertNotIn("2025", name)
        # in Persian digits for a user who chose them
        self.jalali_user.calendar_digits = "persian"
        self.leave.invalidate_recordset(["display_name"])
        self.assertIn("۱۴۰۴/۰۵/۱۱", self.leave.with_user(self.jalali_user).display_name)
        # a Gregorian user keeps hr_holidays' own name
        name = self.leave.with_user(self.gregorian_user).display_name
        self.assertIn(format_date(self.env(user=self.gregorian_user), date(2025, 8, 2)), name)
        self.assertNotIn("1404", name)

    def test_portal_leave_page_is_jalali_for_a_jalali_user(self):
        self.authenticate("hr_jalali_reader", "hr_jalali_reader")
        page = self.url_open("/my/leave")
        self.assertEqual(page.status_code, 200)
        self.assertIn("1404/05/11", page.text)
        self.assertIn("1404/05/13", page.text)
        self.assertNotIn("08/02/2025", page.text)
        self.assertNotIn("2025-08-02", page.text.replace('data-date="2025-08-02"', ""))

    def test_tour_leave_form_is_jalali(self):
        self.start_tour(f"/odoo/hr.leave/{self.leave.id}", "municipality_hr_leave_jalali_tour",
                        login="hr_jalali_reader")
