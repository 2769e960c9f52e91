import secrets

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits


@tagged("post_install", "-at_install")
class TestSupervisionPortalAndVerification(HttpCase):
    """A supervising engineer files stage reports on the portal, for their own permits only; a certificate's QR
    page verifies it with non-personal facts and logs the check."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        district = env["municipality.district"].create({"code": "86", "name": "منطقه آزمون نظارت"})
        cls.owner = env["res.partner"].create({"name": "مالک آزمون نظارت", "national_id": "0632148578"})
        Property = env["municipality.property"]
        cls.engineer_user = new_test_user(env, "up_portal_engineer", groups="base.group_portal",
                                          name="مهندس ناظر پرتال")
        cls.other_user = new_test_user(env, "up_portal_other", groups="base.group_portal", name="شهروند دیگر")
        permits = []
        for parcel, supervisor in (("5", cls.engineer_user.partner_id), ("6", cls.other_user.partner_id)):
            prop = Property.create({
                "renovation_code": f"86-31-{parcel}", "district_id": district.id, "land_area": 150,
                "owner_share_ids": [(0, 0, {"partner_id": cls.owner.id, "share_dang": 6})]})
            permit = env["municipality.permit"].create({
                "permit_type_id": env.ref("municipality_urbanism.permit_type_new_building").id,
                "property_id": prop.id, "applicant_id": cls.owner.id,
                "floor_ids": [(0, 0, {"floor": 0, "use": "residential", "area": 90, "units": 1})],
                "engineer_ids": [(0, 0, {"partner_id": supervisor.id, "licence_number": f"9-{parcel}",
                                         "discipline": "structure"})]})
            # the permit's own stages are tested elsewhere: here it is simply issued
            permit.sudo().write({"state": "issued", "permit_number": f"1405/9990{parcel}"})
            permits.append(permit)
        cls.permit, cls.other_permit = permits

    def _post(self, permit, **values):
        return self.url_open(f"/my/supervision/{permit.id}",
                             data={"csrf_token": http.Request.csrf_token(self), **values})

    def test_engineer_reports_on_their_own_permits_only(self):
        self.authenticate("up_portal_engineer", "up_portal_engineer")
        page = self.url_open("/my/supervision")
        self.assertEqual(page.status_code, 200)
        self.assertIn("1405/99905", page.text)
        self.assertNotIn("1405/99906", page.text)
        self.assertEqual(self.url_open(f"/my/supervision/{self.other_permit.id}").status_code, 404)
        self.assertEqual(self._post(self.other_permit, kind_id="1", findings="x").status_code, 404)
        Report = self.env["municipality.construction.report"]
        frame = self.env.ref("municipality_urbanism.report_kind_frame")
        # no findings: refused, nothing saved
        response = self._post(self.permit, kind_id=str(frame.id), floor="1", findings=" ")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Report.search([("permit_id", "=", self.permit.id)]))
        response = self._post(self.permit, kind_id=str(frame.id), floor="1", findings="ستون‌های طبقه اول اجرا شد")
        self.assertEqual(response.status_code, 200)
        response = self._post(self.permit, kind_id=str(frame.id), floor="2", findings="طبقه دوم ۱۲ متر اضافه",
                              violation_kind="excess_area", violation_area="12")
        reports = Report.search([("permit_id", "=", self.permit.id)], order="id")
        self.assertEqual(len(reports), 2)
        self.assertEqual(reports.mapped("state"), ["draft", "draft"])
        self.assertEqual(reports.engineer_id.partner_id, self.engineer_user.partner_id)
        self.assertEqual((reports[1].conforms, reports[1].violation_kind, reports[1].violation_area),
                         (False, "excess_area", 12))
        reports[1].action_confirm()
        self.assertEqual(reports[1].violation_id.measured_area, 12)
        # another portal user sees nothing of it
        self.authenticate("up_portal_other", "up_portal_other")
        self.assertEqual(self.url_open(f"/my/supervision/{self.permit.id}").status_code, 404)
        self.assertNotIn("1405/99905", self.url_open("/my/supervision").text)

    def test_certificate_verification_page(self):
        certificate = self.env["municipality.building.certificate"].create({
            "kind": "completion", "property_id": self.permit.property_id.id, "permit_id": self.permit.id})
        token = secrets.token_urlsafe(24)
        # the conditions of issue are tested elsewhere: here the certificate is simply issued
        certificate.sudo().write({"state": "issued", "number": "C/1405/99901", "verification_token": token})
        response = self.url_open(f"/urbanism/verify/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(to_persian_digits("C/1405/99901"), response.text)
        self.assertIn(to_persian_digits("86-31-5"), response.text)
        self.assertNotIn(self.owner.name, response.text)
        self.assertNotIn(self.owner.national_id, response.text)
        logs = self.env["municipality.permit.verification"].search([("certificate_id", "=", certificate.id)])
        self.assertEqual(len(logs), 1)
        self.assertEqual(self.url_open(f"/urbanism/verify/{secrets.token_urlsafe(24)}").status_code, 404)
        # a certificate that is not issued is not confirmed, even with its token
        certificate.sudo().write({"state": "draft"})
        self.assertEqual(self.url_open(f"/urbanism/verify/{token}").status_code, 404)
