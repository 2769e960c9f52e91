import datetime
import json
import re

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tools import jalali
from odoo.addons.sms_kavenegar.tests.common import KavenegarCase

from ..tools.tracking_code import ALPHABET, LENGTH


def tehran(jalali_text, hour=10, minute=0):
    """A naive UTC datetime for a Jalali day and Tehran wall-clock time (UTC+03:30)."""
    day = jalali.parse_jalali(jalali_text)
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - datetime.timedelta(hours=3, minutes=30)


def end_of_workday(jalali_text):
    """14:00 in Tehran, the end of a working day of the Iranian calendar shipped with the addon."""
    return tehran(jalali_text, 14, 0)


class CitizenRequestCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.resource_calendar_id = env.ref("municipality_base.resource_calendar_iran")
        cls.Request = env["office.citizen.request"]
        cls.district_a = env["municipality.district"].create({"code": "T91", "name": "Test District A"})
        cls.district_b = env["municipality.district"].create({"code": "T92", "name": "Test District B"})
        cls.dept_services = env["hr.department"].create({"name": "Test Urban Services"})
        cls.dept_district_a = env["hr.department"].create({"name": "Test Services of District A"})
        cls.dept_other = env["hr.department"].create({"name": "Test Other Unit"})
        cls.category = env["office.citizen.request.category"].create({
            "name": "Test Waste", "code": "T-WASTE", "department_id": cls.dept_services.id, "working_days": 3,
            "escalation_days": 2,
        })
        cls.category_no_unit = env["office.citizen.request.category"].create({
            "name": "Test Orphan", "code": "T-ORPHAN", "working_days": 1})
        env["office.citizen.request.route"].create({
            "category_id": cls.category.id, "district_id": cls.district_a.id,
            "department_id": cls.dept_district_a.id})

        cls.operator = new_test_user(env, "t137_operator", groups="municipality_citizen_desk.group_citizen_desk_operator")
        cls.supervisor = new_test_user(env, "t137_supervisor",
                                       groups="municipality_citizen_desk.group_citizen_desk_supervisor")
        cls.unit_manager = new_test_user(env, "t137_manager", groups="office_automation.group_office_unit_manager")
        cls.unit_staff = new_test_user(env, "t137_staff", groups="office_automation.group_office_staff")
        cls.other_staff = new_test_user(env, "t137_other", groups="office_automation.group_office_staff")
        cls.portal_user = new_test_user(env, "t137_portal", groups="base.group_portal")
        manager_employee = env["hr.employee"].create({
            "name": "Test Manager A", "user_id": cls.unit_manager.id, "department_id": cls.dept_district_a.id})
        cls.dept_district_a.manager_id = manager_employee
        env["hr.employee"].create({"name": "Test Staff A", "user_id": cls.unit_staff.id,
                                   "department_id": cls.dept_district_a.id})
        env["hr.employee"].create({"name": "Test Other Staff", "user_id": cls.other_staff.id,
                                   "department_id": cls.dept_other.id})
        cls.citizen = env["res.partner"].create({
            "name": "Test Citizen", "national_id": "4270819359", "mobile": "09121234567",
            "email": "citizen@example.com", "country_id": env.ref("base.ir").id})

    def sms_of(self, request, text=""):
        """The SMS queued for ``request`` (Odoo's ``sms.sms``, through its chatter message) saying ``text``."""
        return self.env["sms.sms"].sudo().search([
            ("mail_message_id.model", "=", request._name), ("mail_message_id.res_id", "=", request.id),
            ("body", "ilike", text)])

    def new_request(self, user=None, **values):
        values = dict({"category_id": self.category.id, "district_id": self.district_a.id,
                       "phone": "0912 000 1122", "description": "The bin at the corner overflows."}, **values)
        return self.Request.with_user(user or self.operator).create(values)

    def answered_request(self, **values):
        request = self.new_request(**values)
        request.with_user(self.operator).action_assign()
        request.with_user(self.unit_staff).answer = "The bin was emptied this morning."
        request.with_user(self.unit_staff).action_answer()
        return request


@tagged("post_install", "-at_install")
class TestCitizenRequestRouting(CitizenRequestCase):

    def test_route_of_the_district_wins_over_the_category_unit(self):
        self.assertEqual(self.new_request().department_id, self.dept_district_a)

    def test_no_route_falls_back_to_the_category_unit(self):
        self.assertEqual(self.new_request(district_id=self.district_b.id).department_id, self.dept_services)
        self.assertEqual(self.new_request(district_id=False).department_id, self.dept_services)

    def test_no_unit_at_all_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "No unit answers requests of category"):
            self.new_request(category_id=self.category_no_unit.id, district_id=self.district_b.id)
        self.assertFalse(self.Request.search([("category_id", "=", self.category_no_unit.id)]))

    def test_changing_the_district_reroutes(self):
        request = self.new_request(district_id=self.district_b.id)
        request.with_user(self.operator).district_id = self.district_a
        self.assertEqual(request.department_id, self.dept_district_a)

    def test_anonymous_request_needs_a_valid_mobile(self):
        with self.assertRaisesRegex(ValidationError, "anonymous request needs"):
            self.new_request(phone=False)
        with self.assertRaisesRegex(ValidationError, "not an Iranian mobile"):
            self.new_request(phone="021 8888 7777")
        request = self.new_request(phone="+98 912 000 1122")
        self.assertEqual(request.phone, "09120001122")

    def test_citizen_needs_a_national_id_and_lends_their_mobile(self):
        request = self.new_request(partner_id=self.citizen.id, phone=False)
        self.assertEqual(request.phone, "09121234567")
        stranger = self.env["res.partner"].create({"name": "No ID"})
        with self.assertRaisesRegex(ValidationError, "has no national ID"):
            self.new_request(partner_id=stranger.id, phone=False)

    def test_tracking_codes_are_random_unique_and_unambiguous(self):
        requests = self.Request
        for _i in range(30):
            requests |= self.new_request()
        codes = requests.mapped("tracking_code")
        self.assertEqual(len(set(codes)), 30)
        for code in codes:
            self.assertRegex(code, f"^[{ALPHABET}]{{{LENGTH}}}$")
            self.assertFalse(set(code) & set("01OIL5S8B2ZUV"))
        request = requests[0]
        self.assertEqual(request.tracking_code_display, f"{request.tracking_code[:5]}-{request.tracking_code[5:]}")
        with self.assertRaisesRegex(UserError, "never changes"):
            request.with_user(self.supervisor).write({"tracking_code": requests[1].tracking_code})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            request.sudo().write({"tracking_code": requests[1].tracking_code})  # the unique index
            request.env.flush_all()

    def test_find_by_tracking_code(self):
        request = self.new_request()
        code = request.tracking_code
        typed = f" {code[:5].lower()}-{code[5:]} "
        self.assertEqual(self.Request._find_by_tracking_code(typed), request)
        self.assertFalse(self.Request._find_by_tracking_code("ZZZZZ-ZZZZZ"))
        self.assertFalse(self.Request._find_by_tracking_code("' OR 1=1 --"))
        self.assertFalse(self.Request._find_by_tracking_code(None))
        self.assertFalse(self.Request._find_by_tracking_code(code[:-1]))


@tagged("post_install", "-at_install")
class TestCitizenRequestDeadline(CitizenRequestCase):

    def test_deadline_skips_the_weekend(self):
        # 1405/02/09 is a Wednesday: Thursday and Friday are not working days.
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
        self.assertEqual(request.deadline, end_of_workday("1405/02/14"))  # Sat 12, Sun 13, Mon 14
        self.assertEqual(request.deadline_jalali, "1405/02/14 14:00")

    def test_deadline_across_a_solar_holiday(self):
        # 1404/11/21 is a Tuesday; 22 Bahman (Wednesday) is a public holiday.
        with freeze_time(tehran("1404/11/21", 9)):
            request = self.new_request()
        self.assertEqual(request.deadline, end_of_workday("1404/11/27"))  # Sat 25, Sun 26, Mon 27

    def test_deadline_across_a_lunar_holiday(self):
        # Eid al-Adha 1405 is 6 Khordad (a Wednesday).
        with freeze_time(tehran("1405/03/04", 9)):  # Monday
            request = self.new_request()
        self.assertEqual(request.deadline, end_of_workday("1405/03/10"))  # Tue 5, Sat 9, Sun 10

    def test_deadline_counts_from_the_day_in_iran_not_the_clerks_utc_day(self):
        """Issue 10 item 8: at 00:30 in Tehran it is still the day before in UTC; the request's day is Iran's,
        whatever time zone the operator chose."""
        self.operator.tz = "UTC"
        # 00:30 on 1 Farvardin 1405 (20 March, 21:00 UTC): Nowruz, then Wed 5, Sat 8, Sun 9
        with freeze_time(tehran("1405/01/01", 0, 30)):
            nowruz = self.new_request()
        self.assertEqual(nowruz.deadline, end_of_workday("1405/01/09"))
        # 00:30 on Saturday 8 Farvardin is Friday 7 in UTC: Saturday does not count, Sun 9, Mon 10, Tue 11
        with freeze_time(tehran("1405/01/08", 0, 30)):
            saturday = self.new_request()
        self.assertEqual(saturday.deadline, end_of_workday("1405/01/11"))

    def test_deadline_across_the_jalali_new_year(self):
        # Wednesday 1404/12/27: then the weekend, 29 Esfand, Nowruz (1-4 Farvardin) and another weekend.
        with freeze_time(tehran("1404/12/27", 13, 55)):
            request = self.new_request()
        self.assertEqual(request.deadline, end_of_workday("1405/01/09"))  # Wed 5, Sat 8, Sun 9
        # The supervisor is told two working days later (Monday 10 and Tuesday 11 Farvardin).
        self.assertEqual(request.escalation_date, end_of_workday("1405/01/11"))
        with freeze_time(tehran("1405/01/09", 13)):
            self.assertFalse(request.is_overdue)
        with freeze_time(tehran("1405/01/09", 15)):
            request.invalidate_recordset(["is_overdue"])
            self.assertTrue(request.is_overdue)
            self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))

    def test_a_holiday_added_later_counts_for_new_requests(self):
        self.env["resource.calendar.leaves"].create({
            "name": "Test holiday", "date_from": tehran("1405/02/12", 0), "date_to": tehran("1405/02/12", 23),
            "time_type": "leave"})
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
        self.assertEqual(request.deadline, end_of_workday("1405/02/15"))  # Sun 13, Mon 14, Tue 15


@tagged("post_install", "-at_install")
class TestCitizenRequestWorkflow(CitizenRequestCase):

    def test_full_life_with_acceptance(self):
        request = self.new_request(partner_id=self.citizen.id)
        self.assertEqual(request.state, "received")
        request.with_user(self.operator).action_assign()
        self.assertEqual(request.state, "assigned")
        self.assertEqual(request.user_id, self.unit_manager)
        self.assertTrue(request.activity_ids.filtered(lambda a: a.user_id == self.unit_manager))
        request.with_user(self.unit_staff).answer = "Collected."
        request.with_user(self.unit_staff).action_answer()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answered_by_id, self.unit_staff)
        mail = self.env["mail.mail"].search([("model", "=", request._name), ("res_id", "=", request.id),
                                             ("email_to", "=", "citizen@example.com")])
        self.assertEqual(mail.email_to, "citizen@example.com")
        self.assertIn("Collected.", mail.body_html)
        self.assertEqual(self.citizen_status(request)["can_respond"], True)
        request.action_citizen_accept(5, "Thanks")
        self.assertEqual((request.state, request.satisfaction, request.citizen_comment), ("accepted", 5, "Thanks"))
        with self.assertRaisesRegex(UserError, "only once"):
            request.action_citizen_contest("Changed my mind, it is dirty again.")
        request.with_user(self.operator).action_close()
        self.assertEqual(request.state, "closed")

    def citizen_status(self, request):
        status = request._public_status()
        for private in ("phone", "email", "partner", "name", "address", "citizen_name"):
            self.assertNotIn(private, status)
        self.assertNotIn(request.phone, json.dumps(status, default=str))
        return status

    def test_anonymous_answer_goes_by_sms(self):
        request = self.answered_request()
        sms = self.sms_of(request, "answered")
        self.assertEqual((sms.number, sms.state), ("09120001122", "outgoing"), "in Odoo's SMS queue")
        self.assertIn(request.tracking_code_display, sms.body)
        self.assertIn("The bin was emptied", sms.body, "the answer is quoted")
        self.assertEqual(sms.mail_message_id.message_type, "sms", "the request's chatter shows it")

    def test_contest_goes_to_the_supervisor_who_reopens_or_upholds(self):
        request = self.answered_request()
        with self.assertRaisesRegex(ValidationError, "Say why"):
            request.action_citizen_contest("  no ")
        request.action_citizen_contest("The bin is still overflowing today.")
        self.assertEqual(request.state, "contested")
        self.assertTrue(request.activity_ids.filtered(lambda a: a.user_id == self.supervisor))
        with self.assertRaisesRegex(UserError, "Only 137 supervisors reopen"):
            request.with_user(self.operator).action_reopen()
        with self.assertRaisesRegex(UserError, "cannot be closed"):
            request.with_user(self.operator).action_close()
        with freeze_time(tehran("1405/02/09", 11)):
            request.with_user(self.supervisor).action_reopen()
        self.assertEqual(request.state, "assigned")
        self.assertEqual(request.deadline, end_of_workday("1405/02/14"))
        request.with_user(self.unit_staff).answer = "Emptied twice a day from now on."
        request.with_user(self.unit_staff).action_answer()
        request.action_citizen_contest("Still overflowing, nothing changed at all.")
        request.with_user(self.supervisor).action_close()
        self.assertEqual(request.state, "closed")

    def test_bad_transitions_are_refused(self):
        request = self.new_request()
        with self.assertRaisesRegex(UserError, "cannot be answered"):
            request.with_user(self.supervisor).action_answer()
        with self.assertRaisesRegex(UserError, "only once, after the unit has answered"):
            request.action_citizen_accept(4)
        with self.assertRaisesRegex(UserError, "cannot be closed"):
            request.with_user(self.supervisor).action_close()
        with self.assertRaisesRegex(UserError, "change only through the document's buttons"):
            request.with_user(self.operator).write({"state": "answered"})
        with self.assertRaisesRegex(UserError, "starts at the beginning"):
            self.new_request(state="closed")
        with self.assertRaisesRegex(UserError, "Only 137 operators"):
            request.with_user(self.unit_staff).action_assign()
        request.with_user(self.operator).action_assign()
        with self.assertRaisesRegex(UserError, "cannot be assigned"):
            request.with_user(self.operator).action_assign()
        with self.assertRaisesRegex(UserError, "Write the answer"):
            request.with_user(self.unit_staff).action_answer()
        with self.assertRaisesRegex(UserError, "Only the staff of unit"):
            request.with_user(self.operator).write({"answer": "Not mine to say."})
            request.with_user(self.operator).action_answer()

    def test_accept_validates_the_score(self):
        request = self.answered_request()
        for bad in (0, 6, "x", None):
            with self.assertRaisesRegex(ValidationError, "score from 1"):
                request.action_citizen_accept(bad)
        self.assertEqual(request.state, "answered")
        request.action_citizen_accept("3")
        self.assertEqual(request.satisfaction, 3)

    def test_answered_request_is_frozen(self):
        request = self.answered_request()
        with self.assertRaisesRegex(UserError, "has been answered"):
            request.with_user(self.unit_staff).write({"answer": "Something else"})
        with self.assertRaisesRegex(UserError, "has been answered"):
            request.with_user(self.supervisor).write({"category_id": self.category_no_unit.id})


@tagged("post_install", "-at_install")
class TestCitizenRequestEscalation(CitizenRequestCase):

    def test_escalation_levels_once_each(self):
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
            request.with_user(self.operator).action_assign()
        # deadline Monday 1405/02/14 14:00; supervisor escalation two working days later
        self.assertEqual(request.deadline, end_of_workday("1405/02/14"))
        self.assertEqual(request.escalation_date, end_of_workday("1405/02/16"))

        def notified(partner):
            return request.message_ids.filtered(
                lambda m: m.message_type != "user_notification" and partner in m.notified_partner_ids)

        cron = self.Request._cron_escalate_overdue
        with freeze_time(tehran("1405/02/14", 13)):
            cron()
        self.assertEqual(request.escalation_level, "0")
        with freeze_time(tehran("1405/02/15", 9)):
            cron()
            cron()
        self.assertEqual(request.escalation_level, "1")
        self.assertEqual(len(notified(self.unit_manager.partner_id)), 1)
        self.assertFalse(notified(self.supervisor.partner_id))
        with freeze_time(tehran("1405/02/17", 9)):
            cron()
            cron()
        self.assertEqual(request.escalation_level, "2")
        self.assertEqual(len(notified(self.unit_manager.partner_id)), 1)
        self.assertEqual(len(notified(self.supervisor.partner_id)), 1)
        with freeze_time(tehran("1405/03/20", 9)):
            cron()
        self.assertEqual(len(notified(self.supervisor.partner_id)), 1)

    def test_answered_requests_do_not_escalate(self):
        with freeze_time(tehran("1405/02/09", 11)):
            request = self.new_request()
            request.with_user(self.operator).action_assign()
            request.with_user(self.unit_staff).answer = "Done."
            request.with_user(self.unit_staff).action_answer()
        with freeze_time(tehran("1405/03/20", 9)):
            self.Request._cron_escalate_overdue()
        self.assertEqual(request.escalation_level, "0")


@tagged("post_install", "-at_install")
class TestCitizenRequestPublic(CitizenRequestCase):

    def valid(self, **values):
        return dict({"service_code": "T-WASTE", "description": "Overflowing bin near the school gate.",
                     "phone": "۰۹۱۲۳۴۵۶۷۸۹", "district_id": self.district_a.id, "latitude": 35.7,
                     "longitude": 51.4, "name": "Ali", "request_type": "report"}, **values)

    def test_submit_creates_a_routed_request(self):
        with freeze_time(tehran("1404/12/27", 10)):
            request = self.Request.with_user(self.portal_user)._submit_public(self.valid())
        self.assertEqual((request.state, request.channel, request.phone), ("received", "web", "09123456789"))
        self.assertEqual(request.department_id, self.dept_district_a)
        status = request._public_status()
        self.assertEqual(status["tracking_code"], request.tracking_code_display)
        self.assertEqual(status["deadline"]["jalali"], "1405/01/09 14:00")
        self.assertEqual(status["received"]["jalali"], "1404/12/27 10:00")
        self.assertEqual(status["department"], self.dept_district_a.name)
        self.assertIsNone(status["answer"])
        self.assertFalse(status["can_respond"])
        self.assertNotIn("09123456789", json.dumps(status))

    def test_submit_refuses_bad_input_and_writes_nothing(self):
        before = self.Request.sudo().search_count([])
        cases = [
            ({"service_code": "NOPE"}, "no category with the code"),
            ({"service_code": ""}, "Choose a category"),
            ({"description": "short"}, "at least 10 characters"),
            ({"description": "x" * 5000}, "too long"),
            ({"phone": "12345"}, "valid mobile number"),
            ({"phone": None}, "valid mobile number"),
            ({"email": "not-an-email"}, "not an e-mail address"),
            ({"district_id": 999999999}, "no district"),
            ({"district_id": "abc"}, "by its number"),
            ({"latitude": 91}, "latitude must be between"),
            ({"longitude": "-181"}, "longitude must be between"),
            ({"latitude": "nan"}, "latitude must be between"),
            ({"latitude": None}, "both latitude and longitude"),
            ({"request_type": "praise"}, "request type must be"),
            ({"channel": "phone"}, "channel of a request submitted online"),
            ({"is_admin": True}, "Unknown fields"),
            ({"description": 12345678901}, "must be text"),
        ]
        for change, message in cases:
            with self.subTest(change=change), self.assertRaisesRegex(ValidationError, message):
                self.Request._submit_public(self.valid(**change))
        orphan = self.env["office.citizen.request.category"].create({"name": "Test No Unit", "code": "T-NOUNIT"})
        with self.assertRaisesRegex(ValidationError, "No unit answers"):
            self.Request._submit_public(self.valid(service_code=orphan.code))
        self.assertEqual(self.Request.sudo().search_count([]), before)

    def test_citizen_answers_through_the_public_methods(self):
        request = self.Request._submit_public(self.valid())
        request.with_user(self.operator).action_assign()
        request.with_user(self.unit_manager).answer = "Emptied."
        request.with_user(self.unit_manager).action_answer()
        found = self.Request._find_by_tracking_code(request.tracking_code_display)
        self.assertEqual(found._public_status()["answer"], "Emptied.")
        found.action_citizen_contest("It is full again this evening.")
        self.assertEqual(found._public_status()["state"], "contested")


@tagged("post_install", "-at_install")
class TestCitizenRequestAccess(CitizenRequestCase):

    def test_who_sees_what(self):
        mine = self.new_request()  # routed to the unit of District A
        other = self.new_request(district_id=self.district_b.id)  # the category's unit
        both = mine | other
        for user in (self.operator, self.supervisor):
            self.assertEqual(self.Request.with_user(user).search([("id", "in", both.ids)]), both)
        for user in (self.unit_manager, self.unit_staff):
            self.assertEqual(self.Request.with_user(user).search([("id", "in", both.ids)]), mine)
            with self.assertRaises(AccessError):
                other.with_user(user).read(["description"])
        self.assertFalse(self.Request.with_user(self.other_staff).search([("id", "in", both.ids)]))
        with self.assertRaises(AccessError):
            mine.with_user(self.other_staff).read(["phone"])
        with self.assertRaises(AccessError):
            self.Request.with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.new_request(user=self.unit_staff)

    def test_only_supervisors_configure_and_delete(self):
        with self.assertRaises(AccessError):
            self.env["office.citizen.request.category"].with_user(self.operator).create(
                {"name": "X", "code": "T-X"})
        request = self.new_request()
        with self.assertRaises(AccessError):
            request.with_user(self.operator).unlink()
        with self.assertRaises(AccessError):
            self.env["sms.sms"].with_user(self.operator).search([])
        request.with_user(self.supervisor).unlink()

    def test_desk_users_read_no_letter(self):
        """The desk's groups give nothing of correspondence: its operators and supervisors read no letter."""
        for user in (self.operator, self.supervisor):
            self.assertFalse(user.has_group("office_automation.group_office_staff"))
            with self.assertRaises(AccessError):
                self.env["office.letter"].with_user(user).search([])


@tagged("post_install", "-at_install")
class TestCitizenSmsThroughKavenegar(CitizenRequestCase, KavenegarCase):
    """The desk's SMS go through Odoo's queue to Kavenegar (the local double)."""

    def test_answer_reaches_the_citizen_and_is_delivered(self):
        request = self.answered_request()
        sms = self.sms_of(request, "answered")
        sms.send()
        [sent] = self.kavenegar.sent_to("09120001122")
        self.assertIn(request.tracking_code_display, sent["message"])
        self.assertEqual(sent["localid"], sms.uuid)
        notification = sms.mail_message_id.notification_ids
        self.assertEqual(notification.notification_status, "pending")
        self.kavenegar.deliver_all()
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(notification.notification_status, "sent", "the chatter shows it delivered")

    @mute_logger("odoo.addons.sms_kavenegar.models.sms_sms")
    def test_provider_down_then_retried(self):
        with freeze_time("2026-05-01 08:00:00"):
            request = self.new_request(phone="09121234567")
            sms = self.sms_of(request, request.tracking_code_display)
            self.kavenegar.down = 1
            sms.send()
            self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
            notification = sms.mail_message_id.notification_ids
            self.assertEqual(notification.notification_status, "exception", "the request's chatter shows the failure")
            self.env["sms.sms"]._cron_kavenegar_retry()  # not before its delay
            self.assertEqual(sms.state, "error")
        with freeze_time("2026-05-01 08:06:00"):
            self.env["sms.sms"]._cron_kavenegar_retry()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(notification.notification_status, "pending")
        self.assertEqual(len(self.kavenegar.sent_to("09121234567")), 1)

    def test_lookup_code_reaches_the_citizen(self):
        request = self.new_request(phone="09121230000")
        code_record = self.env["office.citizen.lookup.code"]._send_code("09121230000")
        self.assertTrue(code_record)
        sms = self.env["sms.sms"].sudo().search([("number", "=", "09121230000"), ("mail_message_id", "=", False)])
        self.assertEqual(sms.state, "outgoing", "in Odoo's queue, whose cron is woken up")
        sms.send()
        [sent] = self.kavenegar.sent_to("09121230000")
        self.assertRegex(sent["message"], r"\d{6}")
        self.assertTrue(code_record.code_hash)
        self.env["phone.blacklist"].sudo().add("09121230000")
        self.env["office.citizen.lookup.code"]._send_code("09121230000")
        self.assertEqual(len(self.env["sms.sms"].sudo().search([("number", "=", "09121230000"),
                                                                ("mail_message_id", "=", False)])), 1,
                         "no code to a number that opted out")
        self.assertTrue(request)

    def test_numbers_are_normalised_mobiles(self):
        request = self.new_request(phone="+98 912 123 4567")
        self.assertEqual(self.sms_of(request, request.tracking_code_display).number, "09121234567")
        request.sudo().write({"phone": "+98 (935) 555-0000"})
        request._sms_citizen("municipality_citizen_desk.sms_template_request_received")
        self.assertIn("09355550000", self.sms_of(request).mapped("number"))

    def test_nothing_to_a_citizen_who_opted_out(self):
        self.env["phone.blacklist"].sudo().add("+989127770000")
        request = self.new_request(phone="09127770000")
        self.assertFalse(self.sms_of(request), "no tracking code SMS")
        self.assertIn("opted out", "\n".join(request.message_ids.mapped("body")))
        request.with_user(self.operator).action_assign()
        request.sudo().answer = "Done."
        request.with_user(self.supervisor).action_answer()
        self.assertFalse(self.sms_of(request), "no answer SMS either")
        self.assertFalse(self.env["sms.sms"].sudo().search([("number", "=", "09127770000")]))

    def test_templates_speak_persian(self):
        """The citizen's SMS are in their language: the templates' Persian comes from the addon's fa.po."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["municipality_citizen_desk"], ["fa_IR"], overwrite=True)
        self.citizen.lang = "fa_IR"
        request = self.new_request(partner_id=self.citizen.id, phone="09121234567")
        body = self.sms_of(request, request.tracking_code_display).body
        self.assertIn("کد رهگیری", body)
        self.assertIn(f"{request.get_base_url()}/137", body)


@tagged("post_install", "-at_install")
class TestCitizenRequestViews(CitizenRequestCase):

    def test_views_open_for_each_role(self):
        views = [(False, kind) for kind in ("list", "kanban", "form", "search", "pivot", "graph")]
        for user in (self.operator, self.supervisor, self.unit_staff):
            result = self.Request.with_user(user).get_views(views)
            self.assertEqual(set(result["views"]), {"list", "kanban", "form", "search", "pivot", "graph"})
        quick = self.env.ref("municipality_citizen_desk.office_citizen_request_view_form_quick")
        self.Request.with_user(self.operator).get_views([(quick.id, "form")])
        request = self.new_request()
        self.assertTrue(request.with_user(self.unit_staff).web_read({"deadline_jalali": {}, "received_date_jalali": {}}))

    def test_sms_settings_are_the_company_provider(self):
        """The desk's SMS settings are the company's SMS provider (Kavenegar: key and sender line)."""
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="office_sms_gateway"', arch)
        self.assertIn('name="sms_kavenegar_api_key"', arch)
        settings = self.env["res.config.settings"].create({
            "sms_provider": "kavenegar", "sms_kavenegar_api_key": "desk-key", "sms_kavenegar_sender": "3000999"})
        settings.execute()
        self.assertEqual(self.env.company.sudo().sms_kavenegar_sender, "3000999")
        self.assertEqual(self.env.company._get_sms_api_class().__name__, "SmsApiKavenegar")
