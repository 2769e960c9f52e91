from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestBuildingCertificates(CommissionCase):

    def _final_inspection(self, permit, built):
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": permit.property_id.id, "kind": "final",
            "findings": "ساختمان تکمیل شده", "outcome": "compliant",
            "measured_floor_ids": [(0, 0, {"floor": floor, "use": "residential", "area": area})
                                   for floor, area in built]})
        inspection.with_user(self.inspector).action_done()
        return inspection

    def _certificate(self, permit, kind="completion", prop=None, inspection=None):
        return self.env["municipality.building.certificate"].with_user(self.expert).create({
            "kind": kind, "property_id": (prop or permit.property_id).id, "permit_id": permit.id,
            "inspection_id": inspection.id if inspection else False, "company_id": self.company.id})

    def _final_report(self, permit, engineer):
        report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": engineer.id, "findings": "ساختمان مطابق نقشه تکمیل شد",
            "kind_id": self.env.ref("municipality_urbanism.report_kind_completion").id, "progress_percent": 100})
        report.action_confirm()
        return report

    def _renovation_toll(self, prop):
        return self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY, origin=prop)

    def _assert_refused(self, certificate, *reasons):
        with self.assertRaises(UserError) as caught:
            certificate.action_issue()
        for reason in reasons:
            self.assertIn(reason, str(caught.exception))
        self.assertEqual(certificate.state, "draft")
        return str(caught.exception)

    def test_completion_certificate_refused_for_each_unmet_condition_then_issued(self):
        permit = self._issued_permit()
        certificate = self._certificate(permit)
        message = self._assert_refused(
            certificate, "final inspection", "renovation toll", "supervisor's final report")
        self.assertNotIn("fees", message)  # the permit's fees are paid
        # the final inspection finds floor 2 built larger than permitted
        certificate.write({"inspection_id": self._final_inspection(permit, [(0, 120), (1, 120), (2, 140)]).id})
        message = self._assert_refused(certificate, "Floor 2", "140")
        self.assertNotIn("final inspection of the building is not done", message)
        certificate.write({"inspection_id": self._final_inspection(permit, [(0, 120), (1, 120), (2, 120)]).id})
        message = self._assert_refused(certificate, "renovation toll")
        self.assertNotIn("Floor 2", message)
        # this year's renovation toll: assessed but unpaid, then paid
        toll = self._renovation_toll(self.property)
        self._assert_refused(certificate, "unpaid for the years 1405")
        toll._pay_in_full(date=DAY)
        message = self._assert_refused(certificate, "supervisor's final report")
        self.assertNotIn("renovation toll", message)
        # an unpaid fee of the permit
        extra = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_permit, {"area": 10, "regional_value": 1_000_000}, date=DAY, origin=permit)
        permit.sudo().assessment_ids = [(4, extra.id)]
        self._assert_refused(certificate, "fees are not paid", extra.name)
        extra._pay_in_full(date=DAY)
        # an open violation and its commission case
        violation = self._violation()
        self._assert_refused(certificate, violation.name)
        case = self._submitted_case(violation)
        self._assert_refused(certificate, violation.name, case.name)
        case.sudo()._close()
        # the supervisor's final report
        self._final_report(permit, permit.engineer_ids)
        certificate.action_issue()
        self.assertEqual(certificate.state, "issued")
        self.assertRegex(certificate.number, r"^C/1405/\d{5}$")
        self.assertEqual(certificate.issue_date, DAY)
        token = certificate.sudo().verification_token
        self.assertGreaterEqual(len(token), 32)
        Certificate = self.env["municipality.building.certificate"]
        self.assertEqual(Certificate._find_by_verification_token(token), certificate)
        self.assertFalse(Certificate._find_by_verification_token(token[:-2] + "xx"))
        facts = certificate._public_facts()
        self.assertNotIn(self.owner.name, str(facts))
        self.assertIn(certificate.sudo().verification_token, certificate._verification_url())
        html = self.env["ir.actions.report"]._render_qweb_html(
            "municipality_urbanism.report_building_certificate", certificate.ids)[0].decode()
        self.assertIn("data:image/png;base64,", html)
        with self.assertRaises(UserError):
            certificate.action_issue()
        with self.assertRaises(UserError):
            certificate.write({"state": "draft"})

    def test_five_floors_need_every_supervisor(self):
        zoning = self.env["municipality.zoning"].create({
            "code": "UP-R5", "name": "مسکونی پنج طبقه", "use": "residential", "max_density": 300,
            "max_floors": 6, "max_occupancy": 60, "company_id": self.company.id})
        prop = self.env["municipality.property"].create({
            "renovation_code": "88-21-9", "district_id": self.district.id, "land_area": 200, "zoning_id": zoning.id,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        floors = [(floor, 60) for floor in range(5)]
        permit = self._issued_permit(floors=floors, prop=prop,
                                     supervisors=[(self.supervisor, "structure"), (self.supervisor2, "architecture")])
        certificate = self._certificate(permit, inspection=self._final_inspection(permit, floors))
        self._renovation_toll(prop)._pay_in_full(date=DAY)
        structure = permit.engineer_ids.filtered(lambda e: e.discipline == "structure")
        self._final_report(permit, structure)
        message = self._assert_refused(certificate, "5 floors", self.supervisor2.name)
        self.assertNotIn(self.supervisor.name + ",", message)
        self._final_report(permit, permit.engineer_ids - structure)
        certificate.action_issue()
        self.assertEqual(certificate.state, "issued")

    def test_visit_and_certificate_names_read_in_the_readers_language_with_the_code_left_to_right(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"])
        permit = self._issued_permit()
        code = f"\u2066{self.property.renovation_code}\u2069"
        inspection = self._final_inspection(permit, [(0, 118)])
        self.assertEqual(inspection.with_context(lang="en_US").name, f"Final Inspection {code}")
        self.assertEqual(inspection.with_context(lang="fa_IR").name, f"بازدید پایان کار {code}")
        self.assertEqual(self.env["municipality.inspection"].search(
            [("id", "=", inspection.id), ("display_name", "ilike", self.property.renovation_code)]), inspection)
        certificate = self._certificate(permit, kind="no_violation", inspection=inspection)
        self.assertTrue(certificate.name.endswith(f" {code}"), certificate.name)

    def test_no_violation_certificate_of_an_apartment(self):
        permit = self._issued_permit()
        apartment = self.env["municipality.property"].create({
            "renovation_code": "88-21-7-1-1-1", "district_id": self.district.id, "land_area": 0,
            "parent_id": self.property.id, "company_id": self.company.id,
            "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": self.property.id, "kind": "construction",
            "findings": "سفت‌کاری", "outcome": "compliant",
            "measured_floor_ids": [(0, 0, {"floor": 0, "use": "residential", "area": 118})]})
        inspection.with_user(self.inspector).action_done()
        certificate = self._certificate(permit, kind="no_violation", prop=apartment, inspection=inspection)
        self.assertEqual(certificate.building_id, self.property)
        self._assert_refused(certificate, "renovation toll")
        self._renovation_toll(apartment)._pay_in_full(date=DAY)
        certificate.action_issue()  # no supervisor's final report for an unfinished building
        self.assertEqual(certificate.state, "issued")
        other = self.env["municipality.property"].create({
            "renovation_code": "88-21-8", "district_id": self.district.id, "land_area": 100,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        with self.assertRaises(ValidationError):
            self._certificate(permit, prop=other)
