import secrets

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from .permit_common import PermitSetup


@tagged("post_install", "-at_install")
class TestPermitOverHttp(PermitSetup, PrintedReportCase):

    def _issued_permit(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            self._to_stage(permit, "issue")
            permit.with_user(self.head).action_issue()
        return permit

    def _call(self, permit, method, *args):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/municipality.permit/{method}", {
            "model": "municipality.permit", "method": method, "args": [permit.ids, *args], "kwargs": {}})

    @mute_logger("odoo.http")
    def test_json_rpc_cannot_skip_a_stage(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
        last = permit.permit_type_id.stage_ids.sorted()[-1]
        self.authenticate("up_head", "up_head")
        for method, args in (("write", ({"stage_id": last.id},)), ("write", ({"state": "issued"},)),
                             ("write", ({"verification_token": "x" * 32},)), ("action_issue", ()),
                             ("action_sign", ())):
            with self.subTest(method=method, args=args), self.assertRaises(JsonRpcException):
                self._call(permit, method, *args)
        permit.invalidate_recordset()
        self.assertEqual((permit.state, permit.stage_id.action), ("application", "application"))
        self.assertFalse(permit.sudo().verification_token)

    def test_public_page_verifies_with_facts_only_and_logs_each_check(self):
        permit = self._issued_permit()
        token = permit.sudo().verification_token
        response = self.url_open(f"/urbanism/verify/{token}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        from odoo.addons.municipality_base.tools.digits import to_persian_digits
        self.assertIn(to_persian_digits(permit.permit_number), page)
        self.assertIn(to_persian_digits(permit.property_id.renovation_code), page)
        for personal in (self.owner.name, self.owner.national_id, self.owner.mobile, "09123334455"):
            self.assertNotIn(personal, page)
        self.assertEqual(self.env["municipality.permit.verification"].search_count([("permit_id", "=", permit.id)]), 1)
        for bad in (secrets.token_urlsafe(24), token[:-1], "1"):
            with self.subTest(token=bad):
                response = self.url_open(f"/urbanism/verify/{bad}")
                self.assertEqual(response.status_code, 404)
                # the verification's own page saying nothing was verified, not the web's generic 404
                self.assertIn("o_verification_not_found", response.text)
                self.assertNotIn(to_persian_digits(permit.permit_number), response.text)
        self.assertEqual(self.env["municipality.permit.verification"].search_count([("permit_id", "=", permit.id)]), 1)

    def test_printed_permit_has_its_number_and_qr(self):
        permit = self._issued_permit()
        text = self.report_text("municipality_urbanism.report_building_permit", permit)
        from odoo.addons.municipality_base.tools.digits import to_persian_digits
        self.assertIn(to_persian_digits(permit.permit_number), text)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "municipality_urbanism.report_building_permit", permit.ids)[0].decode()
        self.assertIn("data:image/png;base64,", html)
        self.assert_prints("municipality_urbanism.report_building_permit", permit)
