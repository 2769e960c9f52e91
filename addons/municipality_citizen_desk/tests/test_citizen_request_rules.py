"""Fixes of the citizen request desk (137) after review: who records the citizen's response, who changes
the request, SMS locks, cron isolation, deadlines of split days and the desk's own calendar, holidays."""

from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.sms_kavenegar.tests.common import KavenegarCase

from .test_citizen_request import CitizenRequestCase, end_of_workday, tehran



@tagged("post_install", "-at_install")
class TestCitizenResponse(CitizenRequestCase):

    def test_unit_staff_cannot_answer_for_the_citizen(self):
        request = self.answered_request()
        for user in (self.unit_staff, self.unit_manager):
            with self.assertRaisesRegex(UserError, "Only the citizen"):
                request.with_user(user).action_citizen_accept(5, "Perfect")
            with self.assertRaisesRegex(UserError, "Only the citizen"):
                request.with_user(user).action_citizen_contest("The unit says so itself, trust us.")
        self.assertEqual((request.state, request.satisfaction), ("answered", 0))

    def test_operator_records_what_the_citizen_said_by_phone(self):
        request = self.answered_request()
        wizard = Form(self.env["office.citizen.request.response.wizard"].with_user(self.operator).with_context(
            active_id=request.id, default_request_id=request.id))
        wizard.outcome = "accept"
        wizard.satisfaction = "4"
        wizard.comment = "Said thanks on the phone"
        wizard.save().action_confirm()
        self.assertEqual((request.state, request.satisfaction), ("accepted", 4))
        self.assertIn(self.operator.name, request.message_ids[0].body, "the chatter says who recorded it")

        contested = self.answered_request()
        contested.with_user(self.supervisor).action_citizen_contest("The citizen says the bin is still full.")
        self.assertEqual(contested.state, "contested")
        self.assertIn(self.supervisor.name, contested.message_ids.filtered(
            lambda m: "contested" in (m.body or ""))[0].body)

    def test_citizen_path_is_private(self):
        request = self.answered_request()
        found = self.Request._find_by_tracking_code(request.tracking_code)
        found._citizen_accept(3, "ok")
        self.assertEqual((request.state, request.satisfaction), ("accepted", 3))
        self.assertNotIn("Told by phone", request.message_ids[0].body, "the citizen answered themselves")


@tagged("post_install", "-at_install")
class TestCitizenDataIsTheDesks(CitizenRequestCase):

    def test_unit_staff_cannot_rewrite_reroute_or_redirect(self):
        request = self.new_request()
        request.with_user(self.operator).action_assign()
        as_unit = request.with_user(self.unit_staff)
        for values in ({"description": "Nothing to see here, all fine."}, {"department_id": self.dept_other.id},
                       {"phone": "09350000000"}, {"email": "unit@example.com"}, {"district_id": self.district_b.id},
                       {"partner_id": self.citizen.id}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "Only 137 operators and supervisors"):
                as_unit.write(values)
        self.assertEqual(request.department_id, self.dept_district_a)
        self.assertEqual(request.phone, "09120001122")
        as_unit.write({"answer": "We are on it.", "user_id": self.unit_staff.id})
        self.assertEqual(request.answer, "We are on it.")

    def test_the_mayor_reads_the_requests_of_every_unit(self):
        """The Mayor reads the requests of every unit and changes none (issue 15 item 14)."""
        mayor = new_test_user(self.env, "t137_mayor", groups="municipality_base.group_municipality_mayor")
        requests = self.new_request() | self.new_request(district_id=self.district_b.id)
        self.assertEqual(requests.department_id, self.dept_district_a | self.dept_services)
        Request = self.env["office.citizen.request"]
        self.assertEqual(Request.with_user(mayor).search([("id", "in", requests.ids)]), requests.with_user(mayor))
        self.assertFalse(Request.with_user(self.other_staff).search([("id", "in", requests.ids)]))
        with self.assertRaises(AccessError):
            requests[0].with_user(mayor).write({"answer": "Not the mayor's to write."})
        menu = self.env.ref("municipality_citizen_desk.menu_office_request_all")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(mayor)._visible_menu_ids())
        self.assertNotIn(self.env.ref("municipality_citizen_desk.menu_office_request_new").id,
                         self.env["ir.ui.menu"].with_user(mayor)._visible_menu_ids())

    def test_operator_changes_are_tracked(self):
        request = self.new_request()
        self.env.flush_all()
        self.cr.flush()  # as if the call had been saved in an earlier transaction
        request.with_user(self.operator).write({
            "description": "The bin at the corner overflows every night.", "phone": "09350000000",
            "email": "citizen2@example.com", "department_id": self.dept_other.id})
        self.env.flush_all()
        self.cr.flush()  # tracking values are written when the transaction ends
        request.invalidate_recordset(["message_ids"])
        tracked = request.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for name in ("description", "phone", "email", "department_id"):
            self.assertIn(name, tracked)

    def test_unit_form_shows_the_request_readonly(self):
        request = self.new_request()
        request.with_user(self.operator).action_assign()
        self.assertFalse(request.with_user(self.unit_staff).is_desk_user)
        self.assertTrue(request.with_user(self.operator).is_desk_user)
        form = Form(request.with_user(self.unit_staff))
        with self.assertRaises(AssertionError):
            form.description = "Rewritten by the unit."


@tagged("post_install", "-at_install")
class TestSmsLocksEachMessage(CitizenRequestCase, KavenegarCase):

    def test_message_sent_meanwhile_is_not_sent_again(self):
        """Odoo's queue locks what it sends; and should a stale batch send a message again (another worker sent
        it meanwhile), Kavenegar gets the same localid and does not send it twice."""
        Sms = self.env["sms.sms"].sudo()
        first, second = Sms.create({"number": "09121111111", "body": "one"}), Sms.create(
            {"number": "09122222222", "body": "two"})
        second.send()  # another worker
        self.assertEqual(second.state, "pending")
        second.state = "outgoing"  # the stale batch still sees it queued
        (first | second).send()
        self.assertEqual([message["receptor"] for message in self.kavenegar.messages.values()],
                         ["09122222222", "09121111111"])


@tagged("post_install", "-at_install")
class TestEscalationCron(CitizenRequestCase):

    def test_one_failing_request_does_not_undo_the_others(self):
        with freeze_time(tehran("1405/02/09", 11)):
            good, bad = self.new_request(), self.new_request()
            (good | bad).with_user(self.operator).action_assign()
        original = type(self.Request)._escalate_to_unit_manager

        def failing(requests):
            if bad in requests:
                raise ValueError("broken mail server")
            return original(requests)

        with freeze_time(tehran("1405/02/15", 9)), \
                patch.object(type(self.Request), "_escalate_to_unit_manager", autospec=True, side_effect=failing), \
                self.assertLogs("odoo.addons.municipality_citizen_desk.models.office_citizen_request", "ERROR"):
            self.Request._cron_escalate_overdue()
        self.assertEqual(good.escalation_level, "1")
        self.assertEqual(bad.escalation_level, "0", "left for the next run")

    def test_request_never_routed_goes_to_the_supervisors(self):
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()  # received, never sent to a unit
        with freeze_time(tehran("1405/02/15", 9)):
            self.Request._cron_escalate_overdue()
        self.assertEqual(request.escalation_level, "2")
        notified = request.message_ids.filtered(lambda m: m.message_type != "user_notification").notified_partner_ids
        self.assertIn(self.supervisor.partner_id, notified)
        self.assertNotIn(self.unit_manager.partner_id, notified)
        self.assertTrue(request.activity_ids.filtered(lambda a: a.user_id == self.supervisor))
        self.assertFalse(request.activity_ids.filtered(lambda a: a.user_id == self.unit_manager))


@tagged("post_install", "-at_install")
class TestDeskCalendar(CitizenRequestCase):

    @classmethod
    def split_calendar(cls):
        """Saturday to Wednesday, 07:00–12:00 and 13:00–16:00 in Tehran."""
        return cls.env["resource.calendar"].create({
            "name": "Test split day", "tz": "Asia/Tehran", "company_id": False,
            "attendance_ids": [Command.clear()] + [
                Command.create({"name": f"{day} {period}", "dayofweek": day, "hour_from": start, "hour_to": stop,
                                "day_period": period})
                for day in "56012" for period, start, stop in (("morning", 7, 12), ("afternoon", 13, 16))],
        })

    def test_split_day_deadline_is_the_end_of_the_day(self):
        self.category.resource_calendar_id = self.split_calendar()
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
        self.assertEqual(request.deadline, tehran("1405/02/14", 16))  # not noon
        self.assertEqual(request.escalation_date, tehran("1405/02/16", 16))

    def test_category_counts_in_the_iranian_week_whatever_the_company_calendar(self):
        category = self.env["office.citizen.request.category"].create({
            "name": "Test Fresh", "code": "T-FRESH", "department_id": self.dept_services.id, "working_days": 3})
        self.assertEqual(category.resource_calendar_id, self.env.ref("municipality_base.resource_calendar_iran"))
        # The company keeps the Monday-Friday calendar of a fresh install.
        self.env.company.resource_calendar_id = self.env.ref("resource.resource_calendar_std")
        with freeze_time(tehran("1405/02/09", 11)):  # Wednesday
            request = self.new_request(category_id=category.id)
        self.assertEqual(request.deadline, end_of_workday("1405/02/14"))  # Sat 12, Sun 13, Mon 14

    def test_warns_when_the_year_has_no_public_holidays(self):
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
        self.assertFalse(request.holiday_warning)
        with freeze_time(tehran("1410/02/09", 11)):
            later = self.new_request()
        self.assertIn("1410", later.holiday_warning)
        self.assertIn("Public Holidays", later.holiday_warning)
        with freeze_time(tehran("1409/12/20", 11)):
            self.category.invalidate_recordset(["holiday_warning"])
            self.assertIn("1409", self.category.holiday_warning)

    def test_deadlines_of_many_requests_read_the_calendar_once(self):
        Calendar = type(self.env["resource.calendar"])
        original = Calendar._work_intervals_batch
        calls = []

        def counting(calendar, *args, **kwargs):
            calls.append(calendar)
            return original(calendar, *args, **kwargs)

        values = [{"category_id": self.category.id, "district_id": self.district_a.id, "phone": "09120001122",
                   "description": f"Imported complaint number {n}."} for n in range(30)]
        with freeze_time(tehran("1405/02/09", 11)), \
                patch.object(Calendar, "_work_intervals_batch", autospec=True, side_effect=counting):
            requests = self.Request.with_user(self.operator).create(values)
            self.assertEqual(set(requests.mapped("deadline")), {end_of_workday("1405/02/14")})
        self.assertEqual(len(calls), 1)


@tagged("post_install", "-at_install")
class TestPublicHolidaysAccess(CitizenRequestCase):

    def holiday_values(self, day="1405/02/12"):
        return {"name": "Test holiday", "date_from": tehran(day, 0), "date_to": tehran(day, 23),
                "time_type": "leave",
                "calendar_id": self.env.ref("municipality_base.resource_calendar_iran").id}

    def test_only_supervisors_maintain_public_holidays(self):
        Leaves = self.env["resource.calendar.leaves"]
        holiday = Leaves.with_user(self.supervisor).create(self.holiday_values())
        holiday.with_user(self.supervisor).name = "Test holiday (renamed)"
        for user in (self.unit_staff, self.operator):
            with self.subTest(user=user.login):
                self.assertTrue(holiday.with_user(user).read(["name"]), "everyone reads them")
                with self.assertRaises(AccessError):
                    holiday.with_user(user).write({"name": "Not a holiday"})
                with self.assertRaises(AccessError):
                    # another day: with hr_holidays installed, two public holidays may not overlap
                    Leaves.with_user(user).create(self.holiday_values("1405/02/13"))
        holiday.with_user(self.supervisor).unlink()

    def test_holiday_menu_and_action_are_for_supervisors(self):
        supervisor_group = self.env.ref("municipality_citizen_desk.group_citizen_desk_supervisor")
        action = self.env.ref("municipality_citizen_desk.office_citizen_request_holiday_action")
        menu = self.env.ref("municipality_citizen_desk.menu_office_request_holiday")
        self.assertEqual(action.group_ids, supervisor_group)
        self.assertEqual(menu.group_ids, supervisor_group)
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.operator)._visible_menu_ids())
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.supervisor)._visible_menu_ids())


@tagged("post_install", "-at_install")
class TestRateLimitNetworks(CitizenRequestCase):

    def test_ipv6_clients_are_counted_by_their_prefix(self):
        self.env["ir.config_parameter"].sudo().set_param("municipality_citizen_desk.public_submit_limit", "2")
        Limit = self.env["municipality.rate.limit"]
        self.assertTrue(Limit._hit("submit", "2001:db8:7:7::1"))
        self.assertTrue(Limit._hit("submit", "2001:db8:7:7::2"))
        self.assertFalse(Limit._hit("submit", "2001:db8:7:7:abcd::3"), "another address of the same /64")
        self.assertTrue(Limit._hit("submit", "2001:db8:7:8::1"), "another /64 is another client")
