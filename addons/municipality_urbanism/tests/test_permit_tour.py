import base64

from odoo.tests import HttpCase, tagged

from odoo.addons.municipality_base.tools.jalali import to_jalali
from .permit_common import PDF, PermitSetup


@tagged("post_install", "-at_install")
class TestPermitTour(PermitSetup, HttpCase):
    """A full permit in the browser, each role at its desk; the other units' parts (the secretariat's letters,
    the cash desk) are played by the test. The server runs on the real clock: the test makes the fiscal year of
    the day it runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = to_jalali(cls.env["res.company"]._today_in_iran()).year
        if year != 1405:
            cls._add_year(year)

    def _tour(self, permit, tour, login, record=None):
        record = record or permit
        action = ("municipality_urbanism.municipality_inspection_action" if record._name == "municipality.inspection"
                  else "municipality_urbanism.municipality_permit_action")
        self.start_tour(f"/odoo/action-{action}/{record.id}", tour, login=login)

    def test_full_permit_in_the_browser(self):
        permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
        self._tour(permit, "urbanism_permit_front_desk_tour", "up_front")
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": permit.property_id.id, "kind": "permit",
            "findings": "زمین خالی، مطابق سند", "outcome": "compliant"})
        self._tour(permit, "urbanism_permit_visit_tour", "up_inspector", record=inspection)
        self.assertEqual(inspection.state, "done")
        self._tour(permit, "urbanism_permit_inspector_tour", "up_inspector")
        self._tour(permit, "urbanism_permit_zoning_tour", "up_expert")
        self.assertEqual(permit.zoning_state, "excess")
        # the secretariat sends the inquiry and registers the agency's reply
        inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام میراث فرهنگی"})
        inquiry.with_user(self.expert).action_prepare_letter()
        self._sign_and_register(inquiry.letter_id, self.expert)
        self._reply(inquiry.letter_id, permit)
        self.assertEqual(inquiry.state, "answered")
        permit.with_user(self.expert).write({"document_ids": [
            (0, 0, {"document_type_id": self.doc_drawings.id, "file": PDF, "file_name": "plans.pdf"}),
            (0, 0, {"document_type_id": self.doc_commitment.id, "file": PDF, "file_name": "forms.pdf"})]})
        self._tour(permit, "urbanism_permit_expert_tour", "up_expert")
        self.assertEqual(len(permit.sudo().assessment_ids), 2)
        # the cash desk takes the payment
        permit.sudo().assessment_ids._pay_in_full()
        self.assertEqual(permit.stage_id.action, "signatures")
        self._tour(permit, "urbanism_permit_head_sign_tour", "up_head")
        self._tour(permit, "urbanism_permit_deputy_sign_tour", "up_deputy")
        self._tour(permit, "urbanism_permit_mayor_sign_tour", "up_mayor")
        self.assertEqual([s.user_id for s in permit.signature_ids], [self.head, self.deputy, self.mayor])
        self._tour(permit, "urbanism_permit_issue_tour", "up_head")
        self.assertEqual(permit.state, "issued")
        # the QR code of the printed permit opens the public page, which confirms it
        url = permit._verification_url()
        self.assertTrue(url.endswith("/urbanism/verify/" + permit.sudo().verification_token))
        qr = permit._verification_qr_data_uri()
        self.assertTrue(qr.startswith("data:image/png;base64,"))
        self.assertTrue(base64.b64decode(qr.split(",", 1)[1]).startswith(b"\x89PNG"))
        response = self.url_open("/urbanism/" + url.split("/urbanism/")[1])
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_permit_status", response.text)
        self.assertNotIn(self.owner.name, response.text)
