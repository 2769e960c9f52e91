from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestArticle100Commission(CommissionCase):

    def test_violation_number_and_stop_work_order(self):
        violation = self._violation()
        self.assertRegex(violation.name, r"^V/1405/\d{5}$")
        violation.with_user(self.expert).action_stop_work_order()
        letter = violation.stop_work_letter_id
        self.assertEqual((letter.letter_type, letter.res_model, letter.res_id),
                         ("outgoing", "municipality.violation", violation.id))
        self.assertEqual(letter.recipient_partner_ids, self.owner)
        with self.assertRaises(UserError):
            violation.with_user(self.expert).action_stop_work_order()
        with self.assertRaises(ValidationError):
            self._violation(area=0)  # an area violation needs its measured area
        with self.assertRaises(UserError):
            violation.with_user(self.expert).write({"state": "closed"})
        self.assertEqual(self.property.violation_count, 1)
        self.assertEqual(self.property.action_view_violations()["domain"], [("property_id", "=", self.property.id)])

    def test_quorum_of_three(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        self.assertRegex(case.name, r"^A100/1405/\d{5}$")
        self.assertEqual(violation.state, "referred")
        session = self._session(case, [self._fine(violation)], members=self._members(absent=("interior",)))
        with self.assertRaisesRegex(UserError, "quorum"):
            session.action_decide()
        self.assertEqual((session.state, case.state), ("draft", "submitted"))
        # the municipality's representative does not make up the quorum, and does not vote
        with self.assertRaises(ValidationError):
            session.member_ids.filtered(lambda m: m.role == "municipality").write({"vote": "for"})

    def test_two_votes_decide(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        session = self._session(case, [self._fine(violation)], members=self._members(votes=("for", "against", "against")))
        with self.assertRaisesRegex(UserError, "two of the three"):
            session.action_decide()
        session.member_ids.filtered(lambda m: m.role == "council").write({"vote": "for"})
        session.action_decide()
        self.assertEqual((session.state, case.state, violation.state), ("decided", "first_ruling", "ruled"))
        with self.assertRaises(UserError):
            session.ruling_ids.write({"multiplier": 1})  # a decided ruling does not change
        with self.assertRaises(AccessError):
            self._session(case, [], panel="appeal").with_user(self.expert).action_decide()

    def test_every_violation_is_ruled(self):
        excess, parking = self._violation(), self._violation(kind="missing_parking", area=0)
        case = self._submitted_case(excess | parking)
        session = self._session(case, [self._fine(excess)])
        with self.assertRaisesRegex(UserError, parking.name):
            session.action_decide()

    def test_fine_within_the_legal_range(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        session = self._session(case, [self._fine(violation, 2)])
        ruling = session.ruling_ids
        # 2 × 400,000 rials (the block's transactional value in 1405) × 20 m²
        self.assertEqual(ruling.transactional_value, 400_000)
        self.assertEqual(ruling.fine_amount, 16_000_000)
        for multiplier in (0.4, 3.5):  # residential excess area: ½ to 3 times
            with self.assertRaisesRegex(ValidationError, "outside the legal range"):
                ruling.write({"multiplier": multiplier})
        commercial = self._violation(use="commercial")
        self._submitted_case(commercial)
        commercial_ruling = self._session(commercial.case_id, [self._fine(commercial, 3.5)]).ruling_ids
        self.assertEqual(commercial_ruling.fine_amount, 28_000_000)
        with self.assertRaisesRegex(ValidationError, "outside the legal range"):  # 2 to 4 times
            commercial_ruling.write({"multiplier": 1})
        with self.assertRaisesRegex(ValidationError, "violated principle"):
            ruling.write({"decision": "demolition"})
        ruling.write({"decision": "demolition", "violated_principle": "technical"})
        self.assertEqual(ruling.fine_amount, 0)
        encroachment = self._violation(kind="street_encroachment", area=5)
        self._submitted_case(encroachment)
        encroachment_ruling = self._session(encroachment.case_id, [
            (encroachment, "demolition", {"violated_principle": "planning"})]).ruling_ids
        with self.assertRaisesRegex(ValidationError, "no fine"):  # encroachment on the street: demolition
            encroachment_ruling.write({"decision": "fine", "multiplier": 1})

    def test_appeal_within_ten_days_of_the_notice(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        self._session(case, [self._fine(violation)]).action_decide()
        with self.assertRaisesRegex(UserError, "notice"):
            case.with_user(self.secretary).action_appeal()
        case.with_user(self.secretary).action_notify(DAY)
        self.assertEqual(case.appeal_deadline.isoformat(), "2026-05-20")
        with self.assertRaisesRegex(UserError, "may still be appealed"):
            case.with_user(self.secretary).action_finalize()
        with self.assertRaisesRegex(UserError, "late"):
            case.with_user(self.secretary).action_appeal(appeal_date=DAY.replace(day=21))
        self.assertEqual(case.state, "first_ruling")
        case.with_user(self.secretary).action_appeal(appeal_date=DAY.replace(day=20))
        self.assertEqual(case.state, "appealed")

    def test_appeal_panel_has_other_members(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        self._session(case, [self._fine(violation, 3)]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        case.with_user(self.secretary).action_appeal()
        members = self._members(first=False)
        members[0] = (0, 0, {"partner_id": self.judge.id, "role": "judge", "present": True, "vote": "for"})
        appeal = self._session(case, [self._fine(violation, 1)], panel="appeal", members=members)
        with self.assertRaisesRegex(UserError, self.judge.name):
            appeal.action_decide()
        appeal.member_ids.filtered(lambda m: m.role == "judge").write({"partner_id": self.judge2.id})
        appeal.action_decide()
        self.assertEqual(case.state, "final")
        self.assertEqual(case.final_ruling_ids, appeal.ruling_ids)
        self.assertEqual(case.final_ruling_ids.fine_amount, 8_000_000)  # the second panel's multiplier

    def test_fine_becomes_an_assessment_without_late_charge(self):
        case, violation = self._final_fine_case()
        ruling = case.final_ruling_ids
        assessment = ruling.sudo().assessment_id
        self.assertTrue(assessment)
        self.assertEqual((assessment.origin_model, assessment.origin_id), (case._name, case.id))
        self.assertEqual(assessment.partner_id, self.owner)
        self.assertEqual(assessment.toll_type_id, self.toll_fine)
        self.assertEqual(assessment.amount_total, 16_000_000)
        self.assertEqual(assessment.penalty_amount, 0)
        self.assertEqual((case.state, violation.state), ("final", "ruled"))
        with self.assertRaisesRegex(UserError, "carried out"):
            case.with_user(self.secretary).action_close()
        assessment._pay_in_full(date=DAY)
        self.assertTrue(case.fines_paid)
        self.assertEqual((case.state, violation.state), ("closed", "closed"))

    def test_unpaid_fine_goes_back_for_demolition(self):
        case, violation = self._final_fine_case()
        due = case.final_ruling_ids.sudo().assessment_id.invoice_id.invoice_date_due
        with freeze_time(due.isoformat() + " 08:00:00"), self.assertRaisesRegex(UserError, "not due"):
            case.with_user(self.secretary).action_refer_unpaid_fines()
        later = due.replace(year=due.year + 1)
        with freeze_time(later.isoformat() + " 08:00:00"):
            case.with_user(self.secretary).action_refer_unpaid_fines()
            self.assertEqual(case.state, "review")
            review = self._session(case, [self._fine(violation)], panel="review")
            with self.assertRaisesRegex(UserError, "demolition"):
                review.action_decide()
            review.ruling_ids.write({"decision": "demolition", "violated_principle": "planning"})
            review.action_decide()
            self.assertEqual(case.state, "final")
            demolition = case.final_ruling_ids
            self.assertEqual(demolition.decision, "demolition")
            with self.assertRaisesRegex(UserError, "carried out"):
                case.with_user(self.secretary).action_close()
            demolition.with_user(self.secretary).action_record_execution()
            self.assertEqual(demolition.executed_date, later)
            case.with_user(self.secretary).action_close()
            self.assertEqual((case.state, violation.state), ("closed", "closed"))

    def test_paid_fine_is_not_referred_back(self):
        case, _violation = self._final_fine_case()
        case.final_ruling_ids.sudo().assessment_id._pay_in_full(date=DAY)
        with self.assertRaises(UserError):
            case.with_user(self.secretary).action_refer_unpaid_fines()

    def test_workflow_fields_are_not_written(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        with self.assertRaises(UserError):
            case.with_user(self.secretary).write({"state": "final"})
        with self.assertRaises(UserError):
            case.with_user(self.secretary).write({"notice_date": DAY})


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestConstructionReports(CommissionCase):

    def test_report_with_a_violation_opens_one(self):
        permit = self._issued_permit()
        engineer = permit.engineer_ids
        Report = self.env["municipality.construction.report"].with_user(self.expert)
        frame = self.env.ref("municipality_urbanism.report_kind_frame")
        good = Report.create({"permit_id": permit.id, "engineer_id": engineer.id, "kind_id": frame.id, "floor": 1,
                              "findings": "اسکلت طبقه اول مطابق نقشه", "progress_percent": 40})
        good.action_confirm()
        self.assertFalse(good.violation_id)
        with self.assertRaises(ValidationError):
            Report.create({"permit_id": permit.id, "engineer_id": engineer.id, "kind_id": frame.id, "floor": 2,
                           "findings": "تخلف", "conforms": False})
        bad = Report.create({"permit_id": permit.id, "engineer_id": engineer.id, "kind_id": frame.id, "floor": 2,
                             "findings": "طبقه دوم ۱۸ متر بیش از پروانه", "conforms": False,
                             "violation_kind": "excess_area", "violation_area": 18})
        bad.action_confirm()
        violation = bad.violation_id
        self.assertEqual((violation.kind, violation.measured_area, violation.floor, violation.permit_id),
                         ("excess_area", 18, 2, permit))
        self.assertEqual(violation.construction_report_id, bad)
        with self.assertRaises(UserError):
            bad.action_confirm()

    def test_report_needs_an_issued_permit_and_its_supervisor(self):
        permit = self._new_permit(engineer_ids=[(0, 0, {"partner_id": self.supervisor.id, "licence_number": "1-9",
                                                         "discipline": "structure"})])
        report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": permit.engineer_ids.id,
            "kind_id": self.env.ref("municipality_urbanism.report_kind_foundation").id, "findings": "پی"})
        with self.assertRaisesRegex(UserError, "issued permit"):
            report.action_confirm()
        other = self._new_permit(engineer_ids=[(0, 0, {"partner_id": self.supervisor2.id, "licence_number": "1-8",
                                                        "discipline": "architecture"})])
        with self.assertRaises(ValidationError):
            report.write({"engineer_id": other.engineer_ids.id})


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestCommissionAccess(CommissionCase):

    def test_roles(self):
        violation = self._violation()
        case = self._submitted_case(violation)
        Case = self.env["municipality.commission.case"]
        # inspectors and the front desk do not see the commission's files
        for user in (self.inspector, self.front_desk):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Case.with_user(user).search([("id", "=", case.id)])
        self.assertEqual(Case.with_user(self.mayor).search([("id", "=", case.id)]), case)
        # an expert refers violations but does not move the commission's cases
        with self.assertRaises(AccessError):
            case.with_user(self.expert).action_notify()
        with self.assertRaises(AccessError):
            self.env["municipality.violation"].with_user(self.front_desk).create({
                "property_id": self.property.id, "kind": "change_of_use", "description": "تغییر کاربری",
                "company_id": self.company.id})
        # the secretary reads certificates but does not issue them
        certificate = self.env["municipality.building.certificate"].with_user(self.expert).create({
            "kind": "no_violation", "property_id": self.property.id, "company_id": self.company.id,
            "permit_id": self._new_permit().id})
        with self.assertRaises(AccessError):
            certificate.with_user(self.secretary).action_issue()
        # the legal ranges are the head's to change
        fine_range = self.env.ref("municipality_urbanism.fine_range_excess_residential")
        with self.assertRaises(AccessError):
            fine_range.with_user(self.secretary).write({"max_multiplier": 10})
