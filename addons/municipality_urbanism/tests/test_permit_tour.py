import pathlib
import subprocess
import tempfile

import zxingcpp
from PIL import Image

from odoo.tests import HttpCase, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import to_jalali
from .permit_common import PermitSetup


@tagged("post_install", "-at_install")
class TestPermitTour(PermitSetup, HttpCase):
    """A full permit in the browser, each role at its desk, the secretariat and the cash desk included. The
    server runs on the real clock: the test makes the fiscal year of the day it runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = to_jalali(cls.env["res.company"]._today_in_iran()).year
        if year != 1405:
            cls._add_year(year)

    def _tour(self, permit, tour, login):
        self.start_tour(f"/odoo/action-municipality_urbanism.municipality_permit_action/{permit.id}", tour, login=login)

    def test_full_permit_in_the_browser(self):
        permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
        self._tour(permit, "urbanism_permit_front_desk_tour", "up_front")
        # the inspector writes the visit report of the file assigned to them and records it as done
        self.start_tour("/odoo/action-municipality_urbanism.municipality_inspection_action/new",
                        "urbanism_permit_visit_tour", login="up_inspector")
        inspection = permit.sudo().inspection_ids
        self.assertEqual((inspection.state, inspection.outcome, inspection.inspector_id), ("done", "compliant",
                                                                                          self.inspector))
        self._tour(permit, "urbanism_permit_inspector_tour", "up_inspector")
        self._tour(permit, "urbanism_permit_zoning_tour", "up_expert")
        self.assertEqual(permit.zoning_state, "excess")
        # the expert writes the inquiry; the secretariat signs it, registers it, and registers the agency's reply
        self._tour(permit, "urbanism_permit_inquiry_tour", "up_expert")
        inquiry = permit.inquiry_ids.sudo()
        self.assertEqual((inquiry.agency_id, inquiry.state), (self.agency, "draft"))
        self.assertEqual((inquiry.letter_id.res_model, inquiry.letter_id.res_id), (permit._name, permit.id))
        self._letter_tour(inquiry.letter_id, "urbanism_inquiry_letter_sign_tour", "up_expert")
        self._letter_tour(inquiry.letter_id, "urbanism_inquiry_letter_register_tour", "up_clerk")
        self.assertEqual(inquiry.state, "sent")
        self.start_tour("/odoo/action-office_automation.office_letter_action", "urbanism_inquiry_reply_tour",
                        login="up_clerk")
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.reply_letter_id.sender_partner_id, self.agency)
        self.assertEqual(inquiry.reply_letter_id.link_ids.linked_letter_id, inquiry.letter_id)
        self._tour(permit, "urbanism_permit_expert_tour", "up_expert")
        self.assertEqual(sorted(permit.sudo().document_ids.mapped("file_name")),
                         ["deed.pdf", "forms.pdf", "ids.pdf", "plans.pdf"])
        self.assertEqual(inquiry.answer, "consent")
        assessments = permit.sudo().assessment_ids
        self.assertEqual(len(assessments), 2)
        # the cash desk registers the payment of each fee invoice
        for invoice in assessments.invoice_id:
            self.start_tour(f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
                            "urbanism_permit_cashier_tour", login="up_cashier")
        self.assertTrue(all(assessments.mapped("is_paid")))
        self.assertEqual(permit.stage_id.action, "signatures")
        self._tour(permit, "urbanism_permit_head_sign_tour", "up_head")
        self._tour(permit, "urbanism_permit_deputy_sign_tour", "up_deputy")
        self._tour(permit, "urbanism_permit_mayor_sign_tour", "up_mayor")
        self.assertEqual([s.user_id for s in permit.signature_ids], [self.head, self.deputy, self.mayor])
        self._tour(permit, "urbanism_permit_issue_tour", "up_head")
        self.assertEqual(permit.state, "issued")
        # the QR code printed on the permit, read off the page as a phone would, opens the public page
        url = self._read_qr_codes(self._print(permit))
        self.assertEqual(url, [permit._verification_url()])
        self.authenticate(None, None)  # whoever scans it: no session
        response = self.url_open("/urbanism/" + url[0].split("/urbanism/", 1)[1])
        self.assertEqual(response.status_code, 200)
        self.assertIn('<td class="o_permit_status">', response.text)
        self.assertIn(to_persian_digits(permit.permit_number), response.text)
        self.assertNotIn(self.owner.name, response.text)
        self.assertNotIn(self.owner.national_id, response.text)

    def _letter_tour(self, letter, tour, login):
        self.start_tour(f"/odoo/action-office_automation.office_letter_action/{letter.id}", tour, login=login)

    def _print(self, permit):
        pdf, report_format = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "municipality_urbanism.action_report_building_permit", permit.ids)
        self.assertEqual(report_format, "pdf")
        return pdf

    def _read_qr_codes(self, pdf):
        """The texts of the QR codes on the pages of ``pdf``, rasterised at 150 dpi by poppler's pdftoppm."""
        with tempfile.TemporaryDirectory(prefix="shahr-permit-") as folder:
            source = pathlib.Path(folder, "permit.pdf")
            source.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(source.with_suffix(""))], check=True)
            texts = []
            for page in sorted(pathlib.Path(folder).glob("permit*.png")):
                with Image.open(page) as image:
                    texts += [code.text for code in zxingcpp.read_barcodes(image)
                              if code.format == zxingcpp.BarcodeFormat.QRCode]
        return texts
