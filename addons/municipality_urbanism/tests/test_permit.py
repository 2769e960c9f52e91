from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .permit_common import DAY, PDF, PermitCase


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitFlow(PermitCase):

    def test_full_permit_from_application_to_issue(self):
        permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
        self.assertRegex(permit.name, r"^PF/1405/\d{5}$")
        self.assertEqual((permit.state, permit.stage_id.action), ("application", "application"))
        self.assertEqual(permit.stage_deadline, date(2026, 5, 12))  # the stage's 2 working days: Monday, Tuesday
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "visit")
        # the visit is the assigned inspector's; another inspector does not even see the file
        self.assertFalse(self.env["municipality.permit"].with_user(self.other_inspector).search([("id", "=", permit.id)]))
        with self.assertRaisesRegex(UserError, "site visit"):
            permit.with_user(self.inspector).action_next_stage()
        self._visit(permit)
        permit.with_user(self.inspector).action_next_stage()
        # zoning: 4 × 110 m² on 200 m² = 220% > 180%: 80 m² of excess density on the top floor, charged
        permit.with_user(self.expert).action_zoning_check()
        self.assertEqual(permit.zoning_state, "excess", permit.zoning_message)
        self.assertAlmostEqual(permit.zoning_excess_area, 80)
        self.assertEqual(permit.floor_ids.filtered("excess_area").mapped("floor"), [3])
        permit.with_user(self.expert).action_next_stage()
        # inquiries: a letter goes out, the reply comes back linked to it
        inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام میراث فرهنگی"})
        inquiry.with_user(self.expert).action_prepare_letter()
        letter = inquiry.letter_id
        self.assertEqual((letter.res_model, letter.res_id, letter.letter_type),
                         ("municipality.permit", permit.id, "outgoing"))
        with self.assertRaisesRegex(UserError, "inquiries"):
            permit.with_user(self.expert).action_next_stage()
        self._sign_and_register(letter, self.expert)
        self.assertEqual((inquiry.state, inquiry.due_date), ("sent", DAY + timedelta(days=60)))
        reply = self._reply(letter, permit)
        self.assertEqual((inquiry.state, inquiry.reply_letter_id), ("answered", reply))
        self.assertEqual(permit.with_user(self.expert).office_letter_count, 2)
        inquiry.with_user(self.expert).answer = "consent"
        permit.with_user(self.expert).action_next_stage()
        self._to_stage(permit, "fees")
        permit.with_user(self.expert).action_assess_fees()
        assessments = permit.sudo().assessment_ids
        # 440 m² × 1,000,000 × 0.2, and the density toll of floor 3: 80 × 1,000,000 × 7
        self.assertEqual(sorted(assessments.mapped("amount_total")), [88_000_000, 560_000_000])
        self.assertEqual(set(assessments.mapped("origin_model")), {"municipality.permit"})
        with self.assertRaisesRegex(UserError, "already assessed"):
            permit.with_user(self.expert).action_assess_fees()
        permit.with_user(self.expert).action_next_stage()
        self.assertEqual(permit.stage_id.action, "payment")
        with self.assertRaisesRegex(UserError, "paid"):
            permit.with_user(self.front_desk).action_next_stage()
        assessments._pay_in_full(date=DAY)
        self.assertTrue(permit.is_paid)
        self.assertEqual(permit.stage_id.action, "signatures", "paid fees move the file on")
        with self.assertRaises(AccessError):
            permit.with_user(self.mayor).action_sign()  # the head signs first
        permit.with_user(self.head).action_sign()
        with self.assertRaises(AccessError):
            permit.with_user(self.head).action_sign()  # the deputy's turn
        permit.with_user(self.deputy).action_sign()
        permit.with_user(self.mayor).action_sign()
        self.assertEqual(permit.signature_ids.mapped("role"), ["head", "deputy", "mayor"])
        self.assertTrue(all(len(h) == 64 for h in permit.signature_ids.mapped("content_hash")))
        self.assertEqual(permit.stage_id.action, "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")
        self.assertRegex(permit.permit_number, r"^1405/\d{5}$")
        self.assertEqual(permit.start_deadline.isoformat(), "2027-05-10")  # 1406/02/20
        token = permit.sudo().verification_token
        self.assertGreaterEqual(len(token), 32)
        Permit = self.env["municipality.permit"]
        self.assertEqual(Permit._find_by_verification_token(token), permit)
        self.assertFalse(Permit._find_by_verification_token(token[:-2] + "xx"))
        self.assertFalse(Permit._find_by_verification_token(token[:20]))  # too short to be looked up
        self.assertFalse(self.env["municipality.building.certificate"]._find_by_verification_token(token))
        facts = permit._public_facts()
        self.assertNotIn(self.owner.name, str(facts))
        self.assertNotIn(self.owner.national_id, str(facts))
        # an SMS at each stage, to the applicant's mobile
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.owner.id)])
        self.assertGreaterEqual(len(sms), 10)
        self.assertTrue(all(number == "09123334455" for number in sms.mapped("number")))

    def test_deadline_warning_on_its_day_only(self):
        permit = self._to_stage(self._new_permit(), "issue")
        permit.with_user(self.head).action_issue()
        sms = self.env["sms.sms"].sudo()
        sent = sms.search_count([("partner_id", "=", self.owner.id)])
        warn_day = permit.start_deadline - timedelta(days=self.permit_type.warning_days)
        with freeze_time(f"{warn_day - timedelta(days=1)} 08:00:00"):
            self.env["municipality.permit"]._cron_deadline_warnings()
        self.assertEqual(sms.search_count([("partner_id", "=", self.owner.id)]), sent)
        with freeze_time(f"{warn_day} 08:00:00"):
            self.env["municipality.permit"]._cron_deadline_warnings()
        warning = sms.search([("partner_id", "=", self.owner.id)], order="id desc", limit=1)
        self.assertEqual(sms.search_count([("partner_id", "=", self.owner.id)]), sent + 1)
        self.assertIn(permit.permit_number, warning.body)

    def test_one_person_signs_once(self):
        permit = self._new_permit()
        self._to_stage(permit, "signatures")
        permit.with_user(self.deputy).action_sign()  # a deputy may sign as head of urban planning
        with self.assertRaisesRegex(UserError, "already signed"):
            permit.with_user(self.deputy).action_sign()
        self.assertEqual(len(permit.signature_ids), 1)

    def test_stage_fields_are_not_written_directly(self):
        permit = self._new_permit()
        last = permit.permit_type_id.stage_ids.sorted()[-1]
        for values in ({"stage_id": last.id}, {"state": "issued"}, {"permit_number": "1405/99999"}):
            with self.subTest(values=values), self.assertRaises(UserError):
                permit.with_user(self.head).write(values)
        with self.assertRaises(UserError):
            self._new_permit(state="issued")
        with self.assertRaises(UserError):
            self._new_permit(stage_id=last.id)
        self.assertEqual(permit.stage_id.action, "application")

    def test_only_the_stage_group_moves_the_file(self):
        permit = self._new_permit()
        permit.with_user(self.front_desk).action_next_stage()
        with self.assertRaises(AccessError):
            permit.with_user(self.front_desk).action_next_stage()  # the visit is the inspector's

    def test_applicant_must_own_or_hold_a_power_of_attorney(self):
        permit = self._new_permit(applicant=self.stranger)
        with self.assertRaisesRegex(UserError, "not an owner"):
            permit.with_user(self.front_desk).action_next_stage()
        attorney = self._new_permit(applicant=self.stranger, role="attorney")
        with self.assertRaisesRegex(UserError, "power of attorney"):
            attorney.with_user(self.front_desk).action_next_stage()
        attorney.with_user(self.front_desk).write({"document_ids": [(0, 0, {
            "document_type_id": self.env.ref("municipality_urbanism.document_type_power_of_attorney").id,
            "file": PDF, "file_name": "vekalat.pdf"})]})
        attorney.with_user(self.front_desk).action_next_stage()
        self.assertEqual(attorney.stage_id.action, "visit")

    def test_missing_documents_block_the_stage(self):
        permit = self._new_permit(document_ids=[])
        with self.assertRaisesRegex(UserError, "lacks these documents"):
            permit.with_user(self.front_desk).action_next_stage()

    def test_zoning_refuses_too_many_floors(self):
        permit = self._new_permit(floors=[(0, 50), (1, 50), (2, 50), (3, 50), (4, 50)])
        self._to_stage(permit, "zoning")
        permit.with_user(self.expert).action_zoning_check()
        self.assertEqual(permit.zoning_state, "refused")
        self.assertIn("5", permit.zoning_message)
        with self.assertRaisesRegex(UserError, "zoning"):
            permit.with_user(self.expert).action_next_stage()

    def test_inquiry_closes_as_implied_consent_on_its_due_date(self):
        permit = self._new_permit()
        self._to_stage(permit, "inquiries")
        silent = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام حریم",
            "silence_is_consent": True})  # the heritage office owns a protected zone: two Jalali months
        fault_agency = self.env["res.partner"].create({"name": "سازمان زمین‌شناسی", "is_company": True})
        strict = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": fault_agency.id, "subject": "استعلام گسل",
            "silence_is_consent": False})
        (silent | strict).with_user(self.expert).action_prepare_letter()
        for inquiry in silent | strict:
            self._sign_and_register(inquiry.letter_id, self.expert)
        Inquiry = self.env["municipality.permit.inquiry"]
        self.assertEqual((silent.due_date, strict.due_date), (date(2026, 7, 11), DAY + timedelta(days=60)))
        with freeze_time("2026-07-11 08:00:00"):  # the due date itself (20 Tir 1405): still waiting
            Inquiry._cron_close_implied_consent()
            self.assertEqual(silent.state, "sent")
        with freeze_time("2026-07-12 08:00:00"):
            Inquiry._cron_close_implied_consent()
        self.assertEqual((silent.state, silent.answer), ("implied_consent", "consent"))
        self.assertEqual(strict.state, "sent")
        with self.assertRaisesRegex(UserError, "inquiries"):
            permit.with_user(self.expert).action_next_stage()

    def test_school_permit_has_no_fees(self):
        self.permit_type = self.env.ref("municipality_urbanism.permit_type_school")
        permit = self._new_permit(floors=[(0, 100), (1, 100)])
        # due within 15 working days of the application (Sunday 20 Ordibehesht 1405), Saturday to Wednesday:
        # Monday 11 May ... Sunday 31 May, and one more for Eid al-Adha (6 Khordad, Wednesday 27 May)
        self.assertEqual(self.permit_type.total_days, 15)
        self.assertEqual(permit.file_deadline, date(2026, 6, 1))
        self._to_stage(permit, "signatures")
        self.assertFalse(permit.sudo().assessment_ids)
        self._to_stage(permit, "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")

    def test_fee_estimate_before_applying(self):
        permit = self._new_permit()
        estimate = dict((toll.code, amount) for toll, amount in permit._estimate_fees(DAY))
        self.assertEqual(estimate, {"UP_BP": 72_000_000})  # 360 m² × 1,000,000 × 0.2; no excess yet
        self.assertFalse(permit.sudo().assessment_ids)


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPaymentGate(PermitCase):

    def _at_payment(self):
        permit = self._new_permit()
        self._to_stage(permit, "payment")
        return permit

    def test_uncleared_cheque_does_not_pay_and_a_bounce_keeps_the_file(self):
        permit = self._at_payment()
        invoices = permit.sudo().assessment_ids.invoice_id
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")],
                                                     limit=1)
        cheque = self.env["municipality.cheque"].create({
            "direction": "received", "sayad_number": "8800000000000001", "partner_id": self.owner.id,
            "amount": sum(invoices.mapped("amount_residual")), "date": DAY, "due_date": DAY,
            "journal_id": journal.id, "company_id": self.company.id, "invoice_ids": [(6, 0, invoices.ids)]})
        cheque.action_receive(DAY)
        cheque.action_deposit(DAY)
        self.assertFalse(permit.is_paid)
        self.assertEqual(permit.stage_id.action, "payment")
        with self.assertRaisesRegex(UserError, "cleared"):
            permit.with_user(self.front_desk).action_next_stage()
        cheque.action_bounce(DAY)
        self.assertEqual(permit.stage_id.action, "payment")
        self.assertFalse(permit.is_paid)

    def test_cleared_cheque_pays(self):
        permit = self._at_payment()
        invoices = permit.sudo().assessment_ids.invoice_id
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")],
                                                     limit=1)
        cheque = self.env["municipality.cheque"].create({
            "direction": "received", "sayad_number": "8800000000000002", "partner_id": self.owner.id,
            "amount": sum(invoices.mapped("amount_residual")), "date": DAY, "due_date": DAY,
            "journal_id": journal.id, "company_id": self.company.id, "invoice_ids": [(6, 0, invoices.ids)]})
        cheque.action_receive(DAY)
        cheque.action_deposit(DAY)
        cheque.action_clear(DAY)
        self.assertTrue(permit.is_paid)
        self.assertEqual(permit.stage_id.action, "signatures")

    def test_payment_undone_sends_the_file_back(self):
        permit = self._at_payment()
        payments = permit.sudo().assessment_ids._pay_in_full(date=DAY)
        self.assertEqual(permit.stage_id.action, "signatures")
        permit.with_user(self.head).action_sign()
        payments.move_id.line_ids.remove_move_reconcile()
        self.assertFalse(permit.is_paid)
        self.assertEqual(permit.stage_id.action, "payment")
        self.assertFalse(permit.signature_ids, "the signatures of a file sent back are cleared")


@tagged("post_install", "-at_install")
class TestStageDeadlines(PermitCase):
    """A stage's deadline counts working days of the municipality's Iranian calendar: Saturday to Wednesday,
    without the public holidays."""

    def test_the_day_a_stage_is_entered_is_tehran_s(self):
        """00:30 on 1405/02/20 in Tehran is still 1405/02/19 in UTC: the portal's stage history says the 20th."""
        with freeze_time("2026-05-09 21:00:00"):
            permit = self._new_permit()
            permit.with_user(self.front_desk).action_next_stage()
            self._visit(permit)
            permit.with_user(self.inspector).action_next_stage()
        history = {line["stage"].action: line for line in permit._portal_stage_history()}
        # the days of the stage log, in Tehran
        self.assertEqual((history["visit"]["status"], history["visit"]["entered"]), ("done", date(2026, 5, 10)))
        self.assertEqual((history["zoning"]["status"], history["zoning"]["entered"]), ("current", date(2026, 5, 10)))

    def test_thursday_friday_and_public_holidays_do_not_count(self):
        permit = self.env["municipality.permit"]
        # Monday 10 Farvardin 1405: Tuesday the 11th, then Wednesday 12 and Thursday 13 are holidays (Islamic
        # Republic Day, Nature Day), Friday is off: the second working day is Saturday 15 Farvardin
        self.assertEqual(permit._working_day_after(date(2026, 3, 30), 2), date(2026, 4, 4))
        # Wednesday 19 Farvardin: the next working day is Saturday the 22nd, not Thursday
        self.assertEqual(permit._working_day_after(date(2026, 4, 8), 1), date(2026, 4, 11))
        self.assertEqual(permit._working_day_after(date(2026, 4, 8), 0), date(2026, 4, 8))

    @freeze_time("2026-03-30 05:00:00")
    def test_a_new_file_gets_the_deadline_of_its_first_stage(self):
        permit = self._new_permit(floors=[(0, 110)])
        self.assertEqual(permit.stage_start_date, date(2026, 3, 30))
        # the application stage's two working days: the 11th, then (after the holidays and the weekend) the 15th
        self.assertEqual(permit.stage_deadline, date(2026, 4, 4))

    @freeze_time("2026-03-30 05:00:00")
    def test_a_file_without_a_deadline_of_its_type_is_due_after_its_stages(self):
        self.permit_type.total_days = 0
        permit = self._new_permit(floors=[(0, 110)])
        days = sum(self.permit_type.stage_ids.mapped("sla_days"))
        self.assertEqual(permit.file_deadline, permit._working_day_after(date(2026, 3, 30), days))
        self.assertGreater(permit.file_deadline, permit.stage_deadline)
        with self.assertRaises(UserError):
            permit.with_user(self.front_desk).write({"file_deadline": date(2027, 1, 1)})

    def test_a_holiday_added_by_the_municipality_counts(self):
        calendar = self.env.ref("municipality_base.resource_calendar_iran")
        self.env["resource.calendar.leaves"].create({
            "name": "1405/01/15 تعطیلی اعلام‌شده", "calendar_id": calendar.id, "time_type": "leave",
            "date_from": "2026-04-03 20:30:00", "date_to": "2026-04-04 20:29:59"})
        self.assertEqual(self.env["municipality.permit"]._working_day_after(date(2026, 3, 30), 2), date(2026, 4, 5))
