"""The Article 100 commission's decisions stay as decided (issue 11 item 5 audit): a decided session, its members,
votes and rulings neither change nor go away, no database cascade removes a ruling; and the notice of the first
ruling to the owners and occupants: the printed notice in Persian, an SMS to each owner with a mobile, the chatter."""

import re

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.identifiers import mobile_forms

from .commission_common import CommissionCase
from .permit_common import DAY, PermitSetup

NOTICE_REPORT = "municipality_urbanism.action_report_commission_notice"
_MARKUP = re.compile(r"<[^>]+>|[\u200f\u200b]")


def persian_notice(env):
    """fa_IR active and the addons' terms loaded from their fa.po (the notice's labels with them)."""
    env["res.lang"]._activate_lang("fa_IR")
    env["ir.module.module"]._load_module_terms(
        ["municipality_base", "municipality_finance", "municipality_urbanism"], ["fa_IR"], overwrite=True)


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestCommissionLocks(CommissionCase):

    def _decided(self):
        """A case whose first panel decided a fine; returns (case, session)."""
        violation = self._violation()
        case = self._submitted_case(violation)
        session = self._session(case, [self._fine(violation)])
        session.write({"minutes": "هر سه عضو رأی موافق دادند."})
        session.action_decide()
        return case, session

    def _snapshot(self, session):
        return (session.date, session.minutes, session.panel, session.state,
                sorted((m.id, m.partner_id.id, m.role, m.present, m.vote) for m in session.member_ids),
                sorted((r.id, r.decision, r.multiplier, r.fine_amount, r.is_final) for r in session.ruling_ids))

    def test_decided_session_members_votes_and_rulings_are_locked(self):
        case, session = self._decided()
        case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):  # eleven days after the notice
            case.with_user(self.secretary).action_finalize()
        self.assertEqual(case.state, "final")
        assessment = case.final_ruling_ids.sudo().assessment_id
        before = self._snapshot(session)
        as_secretary = session.with_user(self.secretary)
        judge = as_secretary.member_ids.filtered(lambda m: m.role == "judge")
        attempts = {
            "delete the judge": lambda: judge.unlink(),
            "change a vote": lambda: judge.write({"vote": "against"}),
            "add a member": lambda: self.env["municipality.commission.member"].with_user(self.secretary).create({
                "session_id": session.id, "partner_id": self.judge2.id, "role": "judge", "vote": "against"}),
            "delete a member through the session": lambda: as_secretary.write({"member_ids": [(2, judge.id)]}),
            "add a member through the session": lambda: as_secretary.write({"member_ids": [(0, 0, {
                "partner_id": self.judge2.id, "role": "judge", "vote": "against"})]}),
            "rewrite the date": lambda: as_secretary.write({"date": DAY.replace(day=1)}),
            "rewrite the minutes": lambda: as_secretary.write({"minutes": "جلسه تشکیل نشد."}),
            "change a ruling": lambda: as_secretary.ruling_ids.write({"multiplier": 1}),
            "delete a ruling": lambda: as_secretary.ruling_ids.unlink(),
            "add a ruling": lambda: self.env["municipality.commission.ruling"].with_user(self.secretary).create({
                "session_id": session.id, "violation_id": case.violation_ids.id, "decision": "demolition",
                "violated_principle": "planning"}),
            "delete the session": lambda: as_secretary.unlink(),
            "delete the session from the case": lambda: case.with_user(self.secretary).write(
                {"session_ids": [(2, session.id)]}),
        }
        for attempt, call in attempts.items():
            with self.subTest(attempt=attempt), self.assertRaises(UserError):
                call()
        session.invalidate_recordset()
        self.assertEqual(self._snapshot(session), before)
        # even the superuser does not delete a decided session's rulings, so the final fine keeps its ruling
        with self.assertRaisesRegex(UserError, "decided session"):
            session.sudo().unlink()
        self.assertTrue(session.exists())
        self.assertEqual(case.final_ruling_ids.sudo().assessment_id, assessment)
        self.assertEqual(case.state, "final")

    def test_no_cascade_removes_a_ruling(self):
        case, session = self._decided()
        self.env.cr.execute("""
            SELECT fk.confdeltype FROM pg_constraint fk
              JOIN pg_attribute a ON a.attrelid = fk.conrelid AND a.attnum = fk.conkey[1]
             WHERE fk.contype = 'f' AND fk.conrelid = 'municipality_commission_ruling'::regclass
               AND a.attname = 'session_id'""")
        self.assertEqual(self.env.cr.fetchone()[0], "r")  # -u turned the former cascade into restrict
        ruling = session.ruling_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("DELETE FROM municipality_commission_session WHERE id = %s", [session.id])
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            case.sudo().unlink()  # the case's sessions cascade, their rulings do not
        self.env.invalidate_all()
        self.assertTrue(ruling.exists())
        self.assertEqual((ruling.session_id, ruling.case_id), (session, case))

    def test_a_draft_session_is_still_corrected_or_deleted(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        session = self._session(case, [self._fine(violation)]).with_user(self.secretary)
        judge = session.member_ids.filtered(lambda m: m.role == "judge")
        judge.unlink()
        session.write({"date": DAY.replace(day=9), "minutes": "اصلاح شد",
                       "member_ids": [(0, 0, {"partner_id": self.judge.id, "role": "judge", "vote": "for"})]})
        session.ruling_ids.write({"multiplier": 1})
        self.assertEqual(session.ruling_ids.fine_amount, 8_000_000)
        rulings, members = session.ruling_ids, session.member_ids
        session.unlink()  # a draft session goes with its draft rulings and members
        self.assertFalse(session.exists() or rulings.exists() or members.exists())
        self.assertEqual(case.state, "submitted")

    def test_notice_sms_to_each_owner_and_chatter(self):
        Partner = self.env["res.partner"]
        co_owner = Partner.create({"name": "علی شریکی", "mobile": "0912 111 2233"})
        opted_out = Partner.create({"name": "مریم انصرافی", "mobile": "09125556677"})
        self.env["phone.blacklist"].sudo().add("+989125556677")
        self.property.sudo().owner_share_ids = [
            (1, self.property.owner_share_ids.id, {"share_dang": 3}),
            (0, 0, {"partner_id": co_owner.id, "share_dang": 1}),
            (0, 0, {"partner_id": self.stranger.id, "share_dang": 1}),  # no mobile
            (0, 0, {"partner_id": opted_out.id, "share_dang": 1})]
        case, _session = self._decided()
        with freeze_time("2026-05-11 08:00:00"):
            case.with_user(self.secretary).action_notify()
        self.assertEqual(case.notice_date.isoformat(), "2026-05-11")
        self.assertEqual(case.appeal_deadline.isoformat(), "2026-05-21")  # ten days from the notice
        sms = self.env["sms.sms"].sudo().search([("partner_id", "in", (self.owner | co_owner | opted_out |
                                                                        self.stranger).ids)])
        self.assertEqual({(s.partner_id, s.number) for s in sms},
                         {(self.owner, mobile_forms(self.owner.mobile)[0]), (co_owner, "09121112233")})
        for text in sms:
            self.assertEqual(text.state, "outgoing")  # queued for the SMS cron
            self.assertIn(case.name, text.body)
            self.assertIn("۱۴۰۵/۰۲/۳۱", text.body)  # the appeal deadline, Jalali
        note = case.message_ids.filtered(lambda m: "occupants" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.secretary.partner_id)
        for name in (self.owner.name, co_owner.name, self.stranger.name, opted_out.name, "09121112233",
                     "09125556677", "۱۴۰۵/۰۲/۲۱", "۱۴۰۵/۰۲/۳۱"):
            self.assertIn(name, note.body)
        # notified once; the appeal still counts from the notice day
        with self.assertRaisesRegex(UserError, "already notified"):
            case.with_user(self.secretary).action_notify()
        with self.assertRaisesRegex(UserError, "late"):
            case.with_user(self.secretary).action_appeal(appeal_date=DAY.replace(day=22))
        case.with_user(self.secretary).action_appeal(appeal_date=DAY.replace(day=21))
        self.assertEqual(case.state, "appealed")

    def test_notice_prints_the_rulings_in_persian(self):
        persian_notice(self.env)
        self.secretary.lang = "fa_IR"
        self.company.currency_id.words_unit_fa = "ریال"
        excess, encroachment = self._violation(), self._violation(kind="street_encroachment", area=5)
        case = self._submitted_case(excess | encroachment)
        with self.assertRaisesRegex(UserError, "no decided ruling"):
            self.env["ir.actions.report"].with_user(self.secretary)._render_qweb_html(NOTICE_REPORT, case.ids)
        self._session(case, [self._fine(excess), (encroachment, "demolition", {"violated_principle": "planning"})]
                      ).action_decide()
        Report = self.env["ir.actions.report"].with_user(self.secretary).with_context(lang="fa_IR")

        def text():
            html = Report._render_qweb_html(NOTICE_REPORT, case.ids)[0].decode()
            page = html[html.index(">", html.index("o_urb_commission_notice")) + 1:]
            return " ".join(_MARKUP.sub(" ", page).split())

        before = text()
        self.assertIn("ده روز پس از ابلاغ", before)  # not notified yet: the deadline runs from the notice
        case.with_user(self.secretary).action_notify(DAY)
        notice = text()
        for expected in ("ابلاغ رأی کمیسیون ماده صد", "به مالکان و متصرفان ملک", self.owner.name,
                         "۲۰ اردیبهشت ۱۴۰۵",  # the notice
                         "۳۰ اردیبهشت ۱۴۰۵",  # the appeal deadline
                         "جریمه", "۱۶,۰۰۰,۰۰۰", "شانزده میلیون ریال",  # 2 × 400,000 × 20 m²
                         "تخریب", "شهرسازی",  # the demolition and its violated principle
                         "دبیرخانه کمیسیون ماده صد در", self.company.name, "مرجع اعتراض"):
            self.assertIn(expected, notice)
        for number in (case.name, excess.name, encroachment.name):  # A100/…, V/…: one Latin letter each
            self.assertIn(to_persian_digits(number), notice)
        self.assertFalse(re.findall(r"[A-Za-z]{2,}", notice), "the notice has English words left")


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestCommissionNoticePrinted(PermitSetup, PrintedReportCase):
    """wkhtmltopdf prints the notice (an HttpCase: it fetches the report's stylesheet and fonts from the server)."""

    _violation = CommissionCase._violation
    _submitted_case = CommissionCase._submitted_case
    _members = CommissionCase._members
    _session = CommissionCase._session

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        persian_notice(cls.env)
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "fa_IR"}
        cls.secretary = new_test_user(cls.env, "up_a100_notice_secretary",
                                      groups="municipality_urbanism.group_urbanism_commission_secretary", **users)
        Partner = cls.env["res.partner"]
        cls.judge, cls.interior, cls.council, cls.municipality_rep = [
            Partner.create({"name": name}) for name in ("قاضی", "نماینده وزارت کشور", "عضو شورا", "نماینده شهرداری")]

    def test_notice_prints(self):
        violation = self._violation(kind="street_encroachment", area=5)
        case = self._submitted_case(violation)
        self._session(case, [(violation, "demolition", {"violated_principle": "planning"})]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        self.assertEqual(self.assert_prints(NOTICE_REPORT, case.with_context(lang="fa_IR")), 1)
