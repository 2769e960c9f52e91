"""What an issued certificate certifies and what a confirmed supervisor's report says no longer change; the excess
area kept against a paid Article 100 fine counts as permitted; and a certificate waits, as the clearance does, for
everything the property owes."""

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestCertificateLocks(CommissionCase):

    def _inspection(self, permit, built, kind="final"):
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": permit.property_id.id, "kind": kind,
            "findings": "ساختمان تکمیل شده", "outcome": "compliant",
            "measured_floor_ids": [(0, 0, {"floor": floor, "use": use, "area": area})
                                   for floor, use, area in built]})
        inspection.with_user(self.inspector).action_done()
        return inspection

    def _certificate(self, permit, inspection, kind="completion", prop=None):
        return self.env["municipality.building.certificate"].with_user(self.expert).create({
            "kind": kind, "property_id": (prop or permit.property_id).id, "permit_id": permit.id,
            "inspection_id": inspection.id, "company_id": self.company.id})

    def _report(self, permit, kind="report_kind_completion", **values):
        report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": permit.engineer_ids[:1].id, "findings": "مطابق نقشه",
            "kind_id": self.env.ref(f"municipality_urbanism.{kind}").id, **values})
        report.with_user(self.expert).action_confirm()
        return report

    def _paid_renovation_toll(self, prop):
        toll = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY, origin=prop)
        toll._pay_in_full(date=DAY)
        return toll

    def _refusal(self, certificate):
        with self.assertRaises(UserError) as caught:
            certificate.with_user(self.expert).action_issue()
        self.assertEqual(certificate.state, "draft")
        return str(caught.exception)

    def _issued_no_violation(self):
        permit = self._issued_permit()
        inspection = self._inspection(permit, [(0, "residential", 118)], kind="construction")
        self._paid_renovation_toll(self.property)
        certificate = self._certificate(permit, inspection, kind="no_violation")
        certificate.with_user(self.expert).action_issue()
        self.assertEqual(certificate.state, "issued")
        return permit, certificate

    # ------------------------------------------------------------------ issued certificates
    def test_issued_certificate_keeps_what_it_certifies(self):
        permit, certificate = self._issued_no_violation()
        final = self._inspection(permit, [(0, "residential", 120), (1, "residential", 120)])
        other = self.env["municipality.property"].create({
            "renovation_code": "88-21-9", "district_id": self.district.id, "land_area": 100,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        before = (certificate.kind, certificate.property_id, certificate.permit_id, certificate.inspection_id,
                  certificate.name)
        for values in ({"kind": "completion"}, {"inspection_id": final.id}, {"property_id": other.id},
                       {"permit_id": self._new_permit().id}, {"kind": "completion", "inspection_id": final.id}):
            with self.assertRaisesRegex(UserError, "is issued"):
                certificate.with_user(self.expert).write(values)
        certificate.invalidate_recordset()
        self.assertEqual((certificate.kind, certificate.property_id, certificate.permit_id, certificate.inspection_id,
                          certificate.name), before)
        self.assertEqual(certificate._public_facts()["kind"], "No-Violation Certificate")
        with self.assertRaisesRegex(UserError, "is issued"):
            certificate.with_user(self.head).write({"kind": "completion"})
        with self.assertRaises(UserError):
            certificate.with_user(self.head).unlink()
        self.assertTrue(certificate.exists())

    def test_draft_certificate_is_still_corrected(self):
        permit = self._issued_permit()
        first = self._inspection(permit, [(0, "residential", 140)])
        certificate = self._certificate(permit, first)
        self.assertIn("Floor 0", self._refusal(certificate))
        second = self._inspection(permit, [(0, "residential", 120)])
        certificate.with_user(self.expert).write({"inspection_id": second.id, "kind": "no_violation"})
        self.assertEqual((certificate.inspection_id, certificate.kind), (second, "no_violation"))

    # ------------------------------------------------------------------ confirmed reports
    def test_confirmed_report_keeps_its_content(self):
        permit = self._issued_permit()
        frame = self._report(permit, kind="report_kind_frame", floor=1, progress_percent=40)
        completion = self.env.ref("municipality_urbanism.report_kind_completion")
        before = (frame.kind_id, frame.floor, frame.findings, frame.progress_percent, frame.report_date,
                  frame.engineer_id, frame.permit_id)
        for values in ({"kind_id": completion.id}, {"kind_id": completion.id, "progress_percent": 100},
                       {"findings": "ساختمان تکمیل شد"}, {"report_date": "2026-06-01"}, {"floor": 3},
                       {"conforms": False, "violation_kind": "excess_area", "violation_area": 10},
                       {"engineer_id": permit.engineer_ids.id}, {"permit_id": permit.id}):
            with self.assertRaisesRegex(UserError, "is confirmed"):
                frame.with_user(self.expert).write(values)
        with self.assertRaises(UserError):
            frame.with_user(self.head).unlink()
        frame.invalidate_recordset()
        self.assertEqual((frame.kind_id, frame.floor, frame.findings, frame.progress_percent, frame.report_date,
                          frame.engineer_id, frame.permit_id), before)
        self.assertFalse(frame.kind_id.is_final)
        # the frame report still does not satisfy the certificate's supervisor condition
        self._paid_renovation_toll(self.property)
        certificate = self._certificate(permit, self._inspection(permit, [(0, "residential", 120)]))
        self.assertIn("supervisor's final report", self._refusal(certificate))
        # a draft report is still corrected before it is confirmed
        draft = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": permit.engineer_ids.id, "findings": "پی",
            "kind_id": self.env.ref("municipality_urbanism.report_kind_frame").id, "floor": 2})
        draft.with_user(self.expert).write({"kind_id": completion.id, "floor": 0, "progress_percent": 100})
        self.assertEqual(draft.kind_id, completion)

    # ------------------------------------------------------------------ excess kept against a fine
    def _fined(self, floor=2, area=18, use="residential"):
        """An excess of ``area`` m² on ``floor``, fined by a final ruling; returns (violation, fine assessment)."""
        violation = self._violation(area=area, use=use, floor=floor)
        case = self._submitted_case(violation)
        self._session(case, [self._fine(violation, 2)]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):
            case.with_user(self.secretary).action_finalize()
        return violation, case.final_ruling_ids.sudo().assessment_id

    def test_excess_kept_against_a_paid_fine_counts_as_permitted(self):
        permit = self._issued_permit()
        violation, fine = self._fined(floor=2, area=18)
        self._paid_renovation_toll(self.property)
        self._report(permit, progress_percent=100)
        certificate = self._certificate(permit, self._inspection(
            permit, [(0, "residential", 120), (1, "residential", 120), (2, "residential", 138)]))
        message = self._refusal(certificate)  # the fine is unpaid: nothing is kept yet
        self.assertIn("Floor 2", message)
        self.assertIn(to_persian_digits(fine.name), message)  # unpaid, as the clearance words it
        fine._pay_in_full(date=DAY)
        self.assertEqual(violation.state, "closed")
        # 20 m² built beyond the permit on floor 2: the 18 fined are kept, 2 are not
        more = self._certificate(permit, self._inspection(
            permit, [(0, "residential", 120), (1, "residential", 120), (2, "residential", 140)]))
        message = self._refusal(more)
        self.assertIn("Floor 2", message)
        self.assertIn("18 m² kept against a paid Article 100 fine", message)
        certificate.with_user(self.expert).action_issue()
        self.assertEqual(certificate.state, "issued")

    def test_a_later_visit_opens_no_second_violation_for_excess_already_held(self):
        """The 18 m² fined (and paid) on floor 2 and 5 m² of floor 1 still before the commission are held by their
        violations: a visit measuring them again opens a violation only for what is beyond them."""
        permit = self._issued_permit()
        _violation, fine = self._fined(floor=2, area=18)
        fine._pay_in_full(date=DAY)
        self._violation(area=5, floor=1)
        Violation = self.env["municipality.violation"].sudo()
        before = Violation.search_count([])

        def visit(built):
            return self.env["municipality.inspection"].with_user(self.inspector).create({
                "permit_id": permit.id, "property_id": permit.property_id.id, "kind": "construction",
                "findings": "بازدید دوباره", "outcome": "violation",
                "measured_floor_ids": [(0, 0, {"floor": floor, "use": "residential", "area": area})
                                       for floor, area in built]})

        again = visit([(0, 120), (1, 125), (2, 138)])
        with self.assertRaises(UserError) as refused:  # Odoo's assertRaises rolls the request back
            again.with_user(self.inspector).action_done()
        self.assertIn("no area built beyond the permit", str(refused.exception))
        again.invalidate_recordset()
        self.assertEqual((again.state, Violation.search_count([])), ("planned", before))
        more = visit([(0, 120), (1, 125), (2, 141)])
        more.with_user(self.inspector).action_done()
        self.assertEqual([(v.floor, v.measured_area) for v in more.violation_ids], [(2, 3.0)])
        self.assertEqual(Violation.search_count([]), before + 1)

    def test_fine_covers_its_use_only_and_a_demolition_keeps_nothing(self):
        permit = self._issued_permit()
        # a violation read as the ground floor (its floor not known) keeps its residential m² on floor 2
        _violation, fine = self._fined(floor=0, area=18)
        fine._pay_in_full(date=DAY)
        demolished = self._violation(area=10, use="residential", floor=1)
        case = self._submitted_case(demolished)
        self._session(case, [(demolished, "demolition", {"violated_principle": "planning"})]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):
            case.with_user(self.secretary).action_finalize()
            case.final_ruling_ids.with_user(self.secretary).action_record_execution()
            case.with_user(self.secretary).action_close()
        self.assertEqual(demolished.state, "closed")
        self._paid_renovation_toll(self.property)
        self._report(permit, progress_percent=100)
        # floor 1 still has the 10 m² the commission ordered demolished: the demolition keeps nothing, the 18 m²
        # fined cover it and 8 m² of floor 2; 10 m² more on floor 2 leave 2 m² never fined
        certificate = self._certificate(permit, self._inspection(permit, [
            (0, "residential", 120), (1, "residential", 130), (2, "residential", 130)]))
        message = self._refusal(certificate)
        self.assertIn("Floor 2 (Residential) is built with 130 m², more than the 120 m² of the permit and the 8 m² "
                      "kept against a paid Article 100 fine", message)
        self.assertNotIn("Floor 1", message)
        # a residential fine keeps no commercial area
        commercial = self._certificate(permit, self._inspection(permit, [
            (0, "residential", 120), (1, "residential", 130), (2, "residential", 128), (2, "commercial", 5)]))
        message = self._refusal(commercial)
        self.assertIn("Floor 2 (Commercial)", message)
        self.assertNotIn("Floor 2 (Residential)", message)
        fitting = self._certificate(permit, self._inspection(permit, [
            (0, "residential", 120), (1, "residential", 130), (2, "residential", 128)]))
        fitting.with_user(self.expert).action_issue()
        self.assertEqual(fitting.state, "issued")

    # ------------------------------------------------------------------ the property's clearance
    def test_certificate_waits_for_everything_the_property_owes(self):
        permit = self._issued_permit()
        apartment = self.env["municipality.property"].create({
            "renovation_code": "88-21-7-1-1-1", "district_id": self.district.id, "land_area": 0,
            "parent_id": self.property.id, "company_id": self.company.id,
            "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        self._paid_renovation_toll(apartment)
        # the building's own renovation toll and the fee of an older file of the building are unpaid
        building_toll = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY,
            origin=self.property)
        older = self._new_permit()
        old_fee = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_permit, {"area": 10, "regional_value": 1_000_000}, date=DAY, origin=older)
        older.sudo().assessment_ids = [(4, old_fee.id)]
        inspection = self._inspection(permit, [(0, "residential", 118)], kind="construction")
        certificate = self._certificate(permit, inspection, kind="no_violation", prop=apartment)
        message = self._refusal(certificate)
        self.assertIn("88-21-7 has unpaid debts", message)
        for number in (building_toll.name, old_fee.name):
            self.assertIn(to_persian_digits(number), message)
        self.assertNotIn("88-21-7-1-1-1 has unpaid", message)
        building_toll._pay_in_full(date=DAY)
        message = self._refusal(certificate)
        self.assertNotIn(to_persian_digits(building_toll.name), message)
        self.assertIn(to_persian_digits(old_fee.name), message)
        old_fee._pay_in_full(date=DAY)
        certificate.with_user(self.expert).action_issue()
        self.assertEqual(certificate.state, "issued")
