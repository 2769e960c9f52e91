"""Implied consent of an inquiry (DOMAIN.md §5): an agency owning a protected zone (حریم) must answer within two
Jalali months of the letter, and its silence then counts as consent; the expert marks those agencies (silence is no
consent by default); any other inquiry keeps its days to answer and waits for the reply, however late."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tools.jalali import format_jalali

from ..upgrade_inquiry_due_dates import recompute_inquiry_due_dates
from .permit_common import PermitCase


@tagged("post_install", "-at_install")
class TestInquiryConsent(PermitCase):

    def _inquiry(self, permit, agency=None, **values):
        return self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": (agency or self.agency).id, "subject": "استعلام حریم میراث", **values})

    def _send(self, inquiry, when):
        with freeze_time(when):
            inquiry.with_user(self.expert).action_prepare_letter()
            self._sign_and_register(inquiry.letter_id, self.expert)
        self.assertEqual(inquiry.state, "sent")
        return inquiry

    def _cron(self, when):
        with freeze_time(when):
            self.env["municipality.permit.inquiry"]._cron_close_implied_consent()

    def test_silence_is_no_consent_unless_the_expert_says_so(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            inquiry = self._inquiry(permit)
        self.assertFalse(inquiry.silence_is_consent)
        self._send(inquiry, "2026-05-10 08:00:00")  # 1405/02/20
        self.assertEqual(inquiry.due_date, date(2026, 7, 9))  # its 60 days to answer
        for when in ("2026-07-10 08:00:00", "2027-05-10 08:00:00"):  # overdue, even a year later: it waits
            self._cron(when)
            self.assertEqual((inquiry.state, inquiry.answer, inquiry.closed_date), ("sent", False, False))
        self.assertNotIn("implied consent", "\n".join(permit.message_ids.mapped("body")))

    def test_a_protected_zone_agency_has_two_jalali_months(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            inquiry = self._inquiry(permit, silence_is_consent=True)
        self._send(inquiry, "2026-05-10 08:00:00")  # 1405/02/20
        # 20 Tir 1405, not the 60 days (2026-07-09) the inquiry says for a reply
        self.assertEqual(inquiry.due_date, date(2026, 7, 11))
        self.assertEqual(format_jalali(inquiry.due_date), "1405/04/20")
        for when in ("2026-07-10 08:00:00", "2026-07-11 08:00:00"):  # up to the due date itself: still waiting
            self._cron(when)
            self.assertEqual(inquiry.state, "sent", when)
        self._cron("2026-07-12 08:00:00")
        self.assertEqual((inquiry.state, inquiry.answer, inquiry.closed_date),
                         ("implied_consent", "consent", date(2026, 7, 12)))
        self.assertIn("implied consent", permit.message_ids[0].body)
        self.assertIn("۱۴۰۵/۰۴/۲۰", permit.message_ids[0].body)

    def test_the_second_month_shorter_gives_its_last_day(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            mehr = self._inquiry(permit, silence_is_consent=True)
            esfand = self._inquiry(permit, self.env["res.partner"].create({
                "name": "شرکت آب منطقه‌ای", "is_company": True}), silence_is_consent=True, subject="استعلام حریم رودخانه")
        self._send(mehr, "2026-09-22 08:00:00")  # 31 Shahrivar 1405: Aban has 30 days
        self.assertEqual(format_jalali(mehr.due_date), "1405/08/30")
        self._send(esfand, "2027-01-20 08:00:00")  # 30 Dey 1405: Esfand of a common year has 29
        self.assertEqual((format_jalali(esfand.due_date), esfand.due_date), ("1405/12/29", date(2027, 3, 20)))
        self._cron("2027-03-20 08:00:00")
        self.assertEqual(esfand.state, "sent")
        self._cron("2027-03-21 08:00:00")  # 1 Farvardin 1406
        self.assertEqual((mehr.state, esfand.state), ("implied_consent", "implied_consent"))

    def test_an_inquiry_sent_before_the_months_rule_waits_for_its_two_months(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            inquiry = self._inquiry(permit, silence_is_consent=True)
        self._send(inquiry, "2026-05-10 08:00:00")
        # the due date an older version stored: 60 days after the letter
        self.env.flush_all()
        self.env.cr.execute("UPDATE municipality_permit_inquiry SET due_date = %s WHERE id = %s",
                            (date(2026, 7, 9), inquiry.id))
        inquiry.invalidate_recordset()
        self.assertEqual(recompute_inquiry_due_dates(self.env), 1)  # the upgrade to 19.0.1.0.3
        self._cron("2026-07-10 08:00:00")
        self.assertEqual((inquiry.state, inquiry.due_date), ("sent", date(2026, 7, 11)))
        self._cron("2026-07-12 08:00:00")
        self.assertEqual(inquiry.state, "implied_consent")

    def test_days_to_answer_are_a_positive_deadline(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            for days in (0, -5):
                with self.subTest(days=days), self.assertRaisesRegex(ValidationError, "positive number of days"), \
                        self.env.cr.savepoint():
                    self._inquiry(permit, answer_days=days)
            self.assertFalse(permit.inquiry_ids)
            inquiry = self._inquiry(permit, answer_days=30)
            with self.assertRaisesRegex(ValidationError, "positive number of days"), self.env.cr.savepoint():
                inquiry.with_user(self.expert).write({"answer_days": 0})
            inquiry.invalidate_recordset()
            self.assertEqual(inquiry.answer_days, 30)
        self._send(inquiry, "2026-05-10 08:00:00")
        self.assertEqual(inquiry.due_date, date(2026, 6, 9))
