"""A building, from the citizen's online application to the completion certificate, across units.

A citizen registered once (by national ID, in the shared register) owns a
property; she applies for a building permit on the portal, after seeing its fee
estimate; the file's inquiry goes out as
a signed, registered letter of the secretariat, and the agency's reply is
registered against it; the fees are assessed by finance and land on the
revenue line of the council's budget; paid, signed by the head of urban
planning, the deputy and the mayor, the permit is issued. The supervising
engineer reports a floor built larger than the permit: a violation opens, the
Article 100 commission fines it, the fine is a finance assessment the owner
pays, and with the renovation toll paid and the supervisor's final report in,
the completion certificate is issued.
"""

from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_urbanism.tests.commission_common import CommissionCase
from odoo.addons.municipality_urbanism.tests.permit_common import DAY, PDF


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestBuildingPermitAcrossUnits(CommissionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.director = new_test_user(cls.env, "scn_up_director", groups="municipality_finance.group_finance_director",
                                     **users)
        revenue = cls.env["account.chart.template"].with_company(cls.company).ref("irm_revenue_building_permit")
        cls.budget = cls.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۵", "fiscal_year_id": cls.year_1405.id, "company_id": cls.company.id,
            "resolution_number": "1404/217", "resolution_date": "2026-02-25",
            "line_ids": [(0, 0, {"code": "11010", "name": "عوارض صدور پروانه ساختمانی", "line_type": "revenue",
                                 "account_ids": [(6, 0, revenue.ids)], "amount_approved": 5_000_000_000})]})
        cls.budget.with_user(cls.director).action_approve()
        cls.revenue_line = cls.budget.line_ids

    def test_application_to_completion_certificate(self):
        # the citizen is one record of the shared register, found by her national ID in any digits
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([("national_id", "=", to_persian_digits(self.owner.national_id))]), self.owner)
        self.assertEqual(self.env["municipality.property"].search([("owner_ids", "in", self.owner.ids)]), self.property)

        # she applies online for four floors, as the owner, with the documents the permit type asks for
        portal_user = self.env["res.users"].create({
            "name": self.owner.name, "login": "scn_owner", "partner_id": self.owner.id,
            "company_id": self.company.id, "company_ids": [(6, 0, [self.company.id])],
            "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])]})
        Online = self.env["municipality.permit"].with_user(portal_user)
        application = {"role": "owner", "property_id": str(self.property.id),
                       "permit_type_id": str(self.permit_type.id), "parking_spaces": "3",
                       "floors": [{"floor": str(floor), "use": "residential", "area": "110", "units": "1"}
                                  for floor in range(4)]}
        draft = Online._portal_draft(self.owner, application)
        self.assertEqual(sum(amount for _toll, amount in draft._portal_estimate()[0]), 88_000_000 + 560_000_000,
                         "the estimate she sees is what finance will assess")
        uploads = {doc_type: (f"{doc_type.id}.pdf", PDF)
                   for doc_type in Online._portal_required_document_types(draft.permit_type_id, "owner")}
        permit = Online._portal_apply(self.owner, application, uploads)
        self.assertEqual(Online.search([]), permit, "she sees her own file, and only it")
        permit = permit.with_env(self.env)
        self.assertEqual((permit.applicant_id, permit.state), (self.owner, "application"))
        # the front desk assigns the inspector and records her supervising engineer
        permit.with_user(self.front_desk).write({
            "inspector_id": self.inspector.id,
            "engineer_ids": [(0, 0, {"partner_id": self.supervisor.id, "licence_number": "1-31-04512",
                                     "discipline": "structure", "role": "supervisor"})]})
        self._to_stage(permit, "inquiries")

        # the inquiry is an outgoing letter of the secretariat, signed and registered; the reply is linked to it
        inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام حریم میراث فرهنگی"})
        inquiry.with_user(self.expert).action_prepare_letter()
        letter = inquiry.letter_id
        with self.assertRaisesRegex(UserError, "inquiries"):
            permit.with_user(self.expert).action_next_stage()
        self._sign_and_register(letter, self.expert)
        self.assertEqual(letter.state, "registered")
        self.assertTrue(letter.number, "registered with the secretariat's number")
        self.assertEqual((letter.res_model, letter.res_id), (permit._name, permit.id))
        reply = self._reply(letter, permit)
        self.assertEqual((inquiry.state, inquiry.reply_letter_id), ("answered", reply))
        inquiry.with_user(self.expert).answer = "consent"  # what the agency's reply says
        permit.with_user(self.expert).action_next_stage()

        # the fees, assessed by finance, land on the revenue line of the council's budget
        self._to_stage(permit, "payment")
        assessments = permit.sudo().assessment_ids
        fees = sum(assessments.mapped("amount_total"))
        self.assertEqual(fees, 88_000_000 + 560_000_000)  # the permit toll and the density toll of floor 3
        self.revenue_line.invalidate_recordset()
        self.assertEqual(self.revenue_line.amount_actual, fees)
        with self.assertRaisesRegex(UserError, "paid"):
            permit.with_user(self.front_desk).action_next_stage()
        assessments._pay_in_full(date=DAY)
        self._to_stage(permit, "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")
        self.assertEqual(permit.signature_ids.mapped("role"), ["head", "deputy", "mayor"])

        # the supervisor reports floor 3 built 18 m² larger than the permit: a violation opens
        engineer = permit.engineer_ids
        frame = self.env.ref("municipality_urbanism.report_kind_frame")
        report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": engineer.id, "kind_id": frame.id, "floor": 3,
            "findings": "طبقه سوم ۱۸ متر مربع بیش از پروانه", "conforms": False,
            "violation_kind": "excess_area", "violation_area": 18})
        report.action_confirm()
        violation = report.violation_id
        self.assertEqual((violation.kind, violation.measured_area, violation.property_id),
                         ("excess_area", 18, self.property))

        # the commission fines it; the fine is a finance assessment of the owner, without late charge
        case = self._submitted_case(violation)
        self._session(case, [self._fine(violation, 2)]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):  # the ten days of appeal have passed
            case.with_user(self.secretary).action_finalize()
        fine = case.final_ruling_ids.sudo().assessment_id
        self.assertEqual((fine.partner_id, fine.toll_type_id, fine.penalty_amount), (self.owner, self.toll_fine, 0))
        self.assertTrue(fine.amount_total > 0)

        # the completion certificate: refused while the fine, the renovation toll and the final report are missing
        # floor 3 is built with the 18 m² fined (kept against the fine): 128 m² on a 110 m² floor of the permit
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": self.property.id, "kind": "final",
            "findings": "ساختمان تکمیل شده", "outcome": "compliant",
            "measured_floor_ids": [(0, 0, {"floor": floor, "use": "residential", "area": 110 + 18 * (floor == 3)})
                                   for floor in range(4)]})
        inspection.with_user(self.inspector).action_done()
        certificate = self.env["municipality.building.certificate"].with_user(self.expert).create({
            "kind": "completion", "property_id": self.property.id, "permit_id": permit.id,
            "inspection_id": inspection.id, "company_id": self.company.id})
        with self.assertRaises(UserError) as refused:
            certificate.action_issue()
        for reason in (violation.name, "renovation toll", "supervisor's final report"):
            self.assertIn(reason, str(refused.exception))
        fine._pay_in_full(date=DAY)
        self.assertEqual((case.state, violation.state), ("closed", "closed"))
        toll = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY,
            origin=self.property)
        toll._pay_in_full(date=DAY)
        completion = self.env.ref("municipality_urbanism.report_kind_completion")
        final_report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": engineer.id, "kind_id": completion.id,
            "findings": "ساختمان مطابق نقشه تکمیل شد", "progress_percent": 100})
        final_report.action_confirm()
        certificate.action_issue()
        self.assertEqual(certificate.state, "issued")
        self.assertRegex(certificate.number, r"^C/1405/\d{5}$")
        # the permit's file shows what every unit did: its letters, its assessments, its certificate
        self.assertEqual(permit.with_user(self.expert).office_letter_count, 2)
        self.assertIn(fine, self.env["municipality.toll.assessment"].sudo().search(
            [("partner_id", "=", self.owner.id), ("payment_state", "=", "paid")]))
