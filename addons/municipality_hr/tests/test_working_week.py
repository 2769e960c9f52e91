from datetime import date, datetime, time, timedelta

import pytz

from odoo.tests import freeze_time, tagged

from .common import DECREE_1404, MunicipalityHrCase

TEHRAN = pytz.timezone("Asia/Tehran")


def tehran_midnight(day):
    """The start of the local day ``day`` in Tehran, as naive UTC."""
    return TEHRAN.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestIranianWorkingWeek(MunicipalityHrCase):
    """Municipal staff work Saturday to Thursday (44 hours), Friday off: the company's default working hours,
    which employees created through HR take, and which leave, work entries and unpaid days count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.week = cls.env.ref("municipality_hr.resource_calendar_iranian_week")
        # 22 Bahman 1404 (Wednesday 2026-02-11), a public holiday of every calendar of the company
        cls.env["resource.calendar.leaves"].create({
            "name": "۲۲ بهمن (آزمون)", "company_id": cls.company.id, "calendar_id": False,
            "date_from": tehran_midnight(date(2026, 2, 11)),
            "date_to": tehran_midnight(date(2026, 2, 12)) - timedelta(seconds=1)})
        cls.employee = cls.create_employee("Saturday Worker", contract_date_start=date(2025, 3, 21))
        cls.create_decree(cls.employee, date(2025, 3, 21), DECREE_1404)

    def test_shipped_week_is_44_hours_saturday_to_thursday(self):
        days = {}
        for attendance in self.week.attendance_ids:
            days[attendance.dayofweek] = days.get(attendance.dayofweek, 0) + attendance.hour_to - attendance.hour_from
        # Saturday to Wednesday 8 hours, Thursday 4, no Friday (Odoo: Monday is "0", Friday "4", Saturday "5")
        self.assertEqual(days, {"5": 8, "6": 8, "0": 8, "1": 8, "2": 8, "3": 4})
        self.assertEqual(self.week.hours_per_week, 44)
        self.assertEqual(self.week.tz, "Asia/Tehran")
        # Thursday is a whole day of leave (Art. 64: a month of leave is 26 working days), not half of one
        self.assertEqual(self.week.attendance_ids.filtered(lambda a: a.dayofweek == "3").duration_days, 1)

    def test_new_company_and_its_employees_work_the_iranian_week(self):
        # the test municipality was created in setUpClass: its own copy of the week, not Odoo's 40 hours
        calendar = self.company.resource_calendar_id
        self.assertEqual(calendar.company_id, self.company)
        self.assertEqual(calendar.hours_per_week, 44)
        self.assertEqual(sorted(set(calendar.attendance_ids.mapped("dayofweek"))), ["0", "1", "2", "3", "5", "6"])
        self.assertEqual(self.employee.resource_calendar_id, calendar)
        self.assertEqual(self.employee.version_id.resource_calendar_id, calendar)
        self.assertEqual(self.employee.resource_id.calendar_id, calendar)
        # a version created by a decree copies it
        decree = self.create_decree(self.employee, date(2025, 9, 23), DECREE_1404, decree_type="annual_increase")
        self.assertEqual(decree.version_id.resource_calendar_id, calendar)

    def test_western_default_is_replaced_once_and_a_chosen_week_kept(self):
        western = self.env.ref("resource.resource_calendar_std")
        own = self.env["resource.calendar"].create({
            "name": "Summer hours", "company_id": self.company.id, "tz": "Asia/Tehran",
            "attendance_ids": [(5, 0, 0)] + [(0, 0, {"name": day, "dayofweek": day, "hour_from": 6, "hour_to": 13,
                                                     "day_period": "morning"}) for day in "56012"]})
        self.company.resource_calendar_id = own
        other = self.env["res.company"].create({"name": "Western Company"})
        other.resource_calendar_id = western
        changed = self.env["res.company"]._municipality_hr_adopt_iranian_week()
        self.assertIn(other, changed)
        self.assertEqual(other.resource_calendar_id, self.week)
        self.assertEqual(self.company.resource_calendar_id, own)
        self.assertFalse(self.env["res.company"]._municipality_hr_adopt_iranian_week() & (other | self.company))

    def test_bahman_counts_saturday_to_thursday_without_the_holiday(self):
        # Bahman 1404 = 2026-01-21..2026-02-19: 30 days, 4 Fridays, 5 Thursdays, 22 Bahman a holiday
        start, stop = tehran_midnight(date(2026, 1, 21)), tehran_midnight(date(2026, 2, 20))
        data = self.employee._get_work_days_data_batch(start, stop)[self.employee.id]
        self.assertEqual(data["days"], 25)
        self.assertEqual(data["hours"], 20 * 8 + 5 * 4)

    def test_work_entries_fall_saturday_to_thursday(self):
        version = self.employee.version_id
        entries = version.generate_work_entries(date(2026, 2, 7), date(2026, 2, 14))
        by_day = {}
        for entry in entries:
            by_day.setdefault(entry.date, set()).add(entry.work_entry_type_id.code)
        self.assertNotIn(date(2026, 2, 13), by_day, "Friday is off")
        self.assertEqual(set(by_day), {date(2026, 2, d) for d in (7, 8, 9, 10, 11, 12, 14)})
        attendance = self.env.ref("hr_work_entry.work_entry_type_attendance").code
        self.assertEqual(by_day[date(2026, 2, 12)], {attendance}, "Thursday is a working day")
        thursday = entries.filtered(lambda entry: entry.date == date(2026, 2, 12))
        self.assertEqual(sum(thursday.mapped("duration")), 4)
        self.assertNotIn(attendance, by_day[date(2026, 2, 11)], "22 Bahman is a holiday, not attendance")

    @freeze_time("2026-02-25 10:00:00")
    def test_unpaid_week_over_a_friday_and_a_holiday_is_six_days(self):
        # Saturday 18 Bahman to Saturday 25 Bahman: 8 days, less Friday 24 Bahman and the holiday on 22 Bahman
        leave = self.env["hr.leave"].create({
            "employee_id": self.employee.id, "holiday_status_id": self.env.ref("municipality_hr.leave_type_unpaid").id,
            "request_date_from": date(2026, 2, 7), "request_date_to": date(2026, 2, 14)})
        leave._action_validate(check_state=False)
        self.assertEqual(leave.number_of_days, 6)
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "11", "company_id": self.company.id})
        run.action_compute()
        slip = run.payslip_ids.filtered(lambda slip: slip.employee_id == self.employee)
        self.assertEqual((slip.leave_unpaid_days, slip.paid_days), (6, 24))
