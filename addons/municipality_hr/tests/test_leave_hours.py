from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import DECREE_1404, MunicipalityHrCase

SAT_TO_WED = [("5", "Saturday"), ("6", "Sunday"), ("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday")]


class LeaveHoursCase(MunicipalityHrCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Iranian week (test)", "tz": "Asia/Tehran", "company_id": cls.company.id,
            "attendance_ids": [(5, 0, 0)] + [(0, 0, {"name": name, "dayofweek": day, "hour_from": 7, "hour_to": 14,
                                                     "day_period": "morning"}) for day, name in SAT_TO_WED]})
        # a public holiday of the calendar (no resource), the whole of 12 Mordad 1404 (2025-08-03) in Tehran
        cls.env["resource.calendar.leaves"].create({
            "name": "Public holiday (test)", "calendar_id": cls.calendar.id, "company_id": cls.company.id,
            "date_from": datetime(2025, 8, 2, 20, 30), "date_to": datetime(2025, 8, 3, 20, 29, 59)})
        cls.employee = cls.create_employee("Leave Taker", resource_calendar_id=cls.calendar.id)
        cls.create_decree(cls.employee, date(2025, 3, 21), DECREE_1404)
        cls.unpaid = cls.env.ref("municipality_hr.leave_type_unpaid")

    @classmethod
    def validated_leave(cls, leave_type, first, last, employee=None):
        leave = cls.env["hr.leave"].create({
            "employee_id": (employee or cls.employee).id, "holiday_status_id": leave_type.id,
            "request_date_from": first, "request_date_to": last})
        leave._action_validate(check_state=False)
        return leave

    def run_month(self, month):
        run = self.env["municipality.payroll.run"].with_user(self.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": str(month), "company_id": self.company.id})
        run.action_compute()
        return run.payslip_ids.filtered(lambda slip: slip.employee_id == self.employee)


@tagged("post_install", "-at_install")
class TestUnpaidLeave(LeaveHoursCase):

    def test_leave_types_are_shipped(self):
        for xmlid in ("annual", "sick", "unpaid", "maternity", "mission", "absence"):
            self.assertTrue(self.env.ref(f"municipality_hr.leave_type_{xmlid}").active)
        self.assertTrue(self.unpaid.unpaid and self.env.ref("municipality_hr.leave_type_absence").unpaid)
        self.assertFalse(self.env.ref("municipality_hr.leave_type_sick").unpaid)
        level = self.env.ref("municipality_hr.accrual_level_annual")
        self.assertEqual((level.added_value, level.frequency, level.added_value_type), (2.5, "monthly", "day"))

    @freeze_time("2025-08-25 10:00:00")
    def test_three_days_unpaid_leave_pays_27_days(self):
        # 4-6 Mordad 1404: Saturday to Monday, three working days
        leave = self.validated_leave(self.unpaid, date(2025, 7, 26), date(2025, 7, 28))
        self.assertEqual(leave.number_of_days, 3)
        slip = self.run_month(5)
        self.assertEqual((slip.leave_unpaid_days, slip.unpaid_days, slip.paid_days), (3, 0, 27))
        full = DECREE_1404["BASE"]
        self.assertEqual(slip.line_ids.filtered(lambda line: line.pay_item_id.code == "BASE").amount,
                         round(full * 27 / 30))
        # the hand-typed unpaid days add to the leave, and recomputing gives the same
        run = slip.run_id
        slip.with_user(self.payroll_officer).unpaid_days = 2
        run.action_compute()
        slip = run.payslip_ids
        self.assertEqual((slip.leave_unpaid_days, slip.unpaid_days, slip.paid_days), (3, 2, 25))
        run.action_compute()
        self.assertEqual(run.payslip_ids.paid_days, 25)

    @freeze_time("2025-08-25 10:00:00")
    def test_public_holiday_is_not_an_unpaid_day(self):
        # 11-13 Mordad: Saturday, the holiday on Sunday, Monday
        leave = self.validated_leave(self.unpaid, date(2025, 8, 2), date(2025, 8, 4))
        self.assertEqual(leave.number_of_days, 2)
        self.assertEqual(self.run_month(5).paid_days, 28)

    @freeze_time("2025-09-01 10:00:00")
    def test_leave_across_two_jalali_months_splits(self):
        # 29 Mordad (Wednesday) to 3 Shahrivar (Monday): 1 working day in Mordad, 3 in Shahrivar
        leave = self.validated_leave(self.unpaid, date(2025, 8, 20), date(2025, 8, 25))
        self.assertEqual(leave.number_of_days, 4)
        self.assertEqual(self.run_month(5).paid_days, 29)
        self.assertEqual(self.run_month(6).paid_days, 27)

    @freeze_time("2025-08-25 10:00:00")
    def test_only_validated_unpaid_leave_counts(self):
        sick = self.env.ref("municipality_hr.leave_type_sick")
        self.validated_leave(sick, date(2025, 7, 26), date(2025, 7, 28))
        self.env["hr.leave"].create({"employee_id": self.employee.id, "holiday_status_id": self.unpaid.id,
                                     "request_date_from": date(2025, 8, 9), "request_date_to": date(2025, 8, 11)})
        absence = self.validated_leave(self.env.ref("municipality_hr.leave_type_absence"),
                                       date(2025, 8, 16), date(2025, 8, 16))
        self.assertEqual(absence.number_of_days, 1)
        slip = self.run_month(5)
        self.assertEqual((slip.leave_unpaid_days, slip.paid_days), (1, 29))

    def test_annual_leave_accrues_two_and_a_half_days_a_month(self):
        with freeze_time("2025-04-01 10:00:00"):
            allocation = self.env["hr.leave.allocation"].create({
                "name": "Annual 1404", "employee_id": self.employee.id, "allocation_type": "accrual",
                "holiday_status_id": self.env.ref("municipality_hr.leave_type_annual").id,
                "accrual_plan_id": self.env.ref("municipality_hr.accrual_plan_annual").id,
                "date_from": date(2025, 4, 1), "number_of_days": 0})
            allocation.action_approve()
        with freeze_time("2025-06-02 10:00:00"):
            allocation._update_accrual()
        self.assertAlmostEqual(allocation.number_of_days, 5.0)  # April and May


@tagged("post_install", "-at_install")
class TestMonthlyHours(LeaveHoursCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.create_employee("Unit Manager", personnel_number=False)
        cls.manager_user = cls.user_of(cls.manager, "hr_hours_manager")
        cls.department.manager_id = cls.manager
        cls.employee_user = cls.user_of(cls.employee, "hr_hours_employee")
        cls.stranger_user = cls.user_of(cls.create_employee("Stranger", personnel_number=False), "hr_hours_stranger")

    @classmethod
    def user_of(cls, employee, login):
        user = new_test_user(cls.env, login, groups="base.group_user", company_id=cls.company.id,
                             company_ids=[cls.company.id], partner_id=employee.work_contact_id.id)
        employee.user_id = user
        return user

    def enter(self, user=None, **values):
        return self.env["municipality.hr.monthly.hours"].with_user(user or self.employee_user).create({
            "employee_id": self.employee.id, "company_id": self.company.id, "jalali_year": 1404,
            "jalali_month": "5", "overtime_hours": 10, "night_hours": 4, **values})

    @freeze_time("2025-08-25 10:00:00")
    def test_only_hours_the_unit_manager_approves_reach_the_payslip(self):
        hours = self.enter()
        hours.action_submit()
        self.assertEqual(hours.state, "submitted")
        activity = hours.activity_ids
        self.assertEqual((len(activity), activity.user_id), (1, self.manager_user))
        slip = self.run_month(5)
        self.assertEqual((slip.approved_overtime_hours, slip.approved_night_hours), (0, 0),
                         "hours awaiting approval are not paid")
        self.assertFalse(slip.line_ids.filtered(lambda line: line.pay_item_id.code == "OVERTIME"))

        hours.with_user(self.manager_user).action_approve()
        self.assertEqual((hours.state, hours.approved_by_id), ("approved", self.manager_user))
        self.assertFalse(hours.activity_ids)
        run = slip.run_id
        run.action_compute()
        slip = run.payslip_ids.filtered(lambda slip: slip.employee_id == self.employee)
        self.assertEqual((slip.approved_overtime_hours, slip.approved_night_hours, slip.overtime_hours),
                         (10, 4, 0))
        overtime = slip.line_ids.filtered(lambda line: line.pay_item_id.code == "OVERTIME")
        self.assertTrue(overtime.amount > 0)
        with self.assertRaises(UserError):
            hours.with_user(self.employee_user).overtime_hours = 100

    def test_approval_by_anyone_but_the_manager_is_refused_in_persian(self):
        hours = self.enter()
        hours.action_submit()
        self.env["res.lang"]._activate_lang("fa_IR")
        for user in (self.employee_user, self.stranger_user, self.payroll_officer, self.hr_officer):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "فقط مدیر"):
                hours.with_user(user).with_context(lang="fa_IR").action_approve()
        with self.assertRaisesRegex(UserError, "فقط مدیر"):
            hours.with_user(self.payroll_officer).with_context(lang="fa_IR").action_refuse()
        self.assertEqual(hours.state, "submitted")
        # nor by writing the state over RPC
        with self.assertRaises(UserError):
            hours.with_user(self.employee_user).write({"state": "approved"})
        self.assertEqual(hours.state, "submitted")

    def test_a_unit_managers_own_hours_go_to_the_manager_above(self):
        director = self.create_employee("Director", personnel_number=False)
        director_user = self.user_of(director, "hr_hours_director")
        self.department.parent_id = self.env["hr.department"].create(
            {"name": "Deputy for Services", "company_id": self.company.id, "manager_id": director.id})
        hours = self.env["municipality.hr.monthly.hours"].with_user(self.manager_user).create({
            "employee_id": self.manager.id, "company_id": self.company.id, "jalali_year": 1404,
            "jalali_month": "5", "overtime_hours": 6})
        hours.action_submit()
        self.assertEqual((hours.manager_user_id, hours.activity_ids.user_id), (director_user, director_user))
        with self.assertRaises(UserError):
            hours.with_user(self.manager_user).action_approve()
        self.assertEqual(self.env["municipality.hr.monthly.hours"].with_user(director_user).search([]), hours)
        hours.with_user(director_user).action_approve()
        self.assertEqual(hours.state, "approved")

    def test_bad_input_is_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.enter(overtime_hours=-1)
        self.enter()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.enter()
        self.department.manager_id = False
        other = self.create_employee("No Manager", department_id=self.env["hr.department"].create(
            {"name": "Unmanaged", "company_id": self.company.id}).id)
        hours = self.env["municipality.hr.monthly.hours"].create({
            "employee_id": other.id, "company_id": self.company.id, "jalali_year": 1404, "jalali_month": "5"})
        with self.assertRaises(UserError):
            hours.action_submit()
        self.assertEqual(hours.state, "draft")

    def test_hours_are_read_by_their_employee_and_manager_only(self):
        hours = self.enter()
        Hours = self.env["municipality.hr.monthly.hours"]
        self.assertEqual(Hours.with_user(self.employee_user).search([]), hours)
        self.assertEqual(Hours.with_user(self.manager_user).search([]), hours)
        self.assertFalse(Hours.with_user(self.stranger_user).search([]))
        self.assertFalse(Hours.with_user(self.stranger_user).formatted_read_group([], ["employee_id"],
                                                                                   ["overtime_hours:sum"]))
        with self.assertRaises(AccessError):
            hours.with_user(self.stranger_user).read(["overtime_hours"])
        # nor enter hours for a colleague
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.enter(user=self.stranger_user, jalali_month="6")
