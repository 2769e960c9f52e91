"""A citizen is entered once and every unit finds the same record.

Two clerks, each logged in with their own HTTP session, work through the web
client's JSON-RPC: the first registers a citizen typing Persian digits, the
second, at another desk, tries to register the same person and is told who
already has the national ID, then finds that record by national ID. (The
requests share the test's transaction; two real concurrent transactions are
tested in municipality_base's test_res_partner.)
"""

import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCitizenEnteredOnce(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login in ("desk_urbanism", "desk_finance"):
            new_test_user(cls.env, login, password=login + "-pw", groups="municipality_base.group_municipality_registry")
        cls.district = cls.env["municipality.district"].create({"code": "92", "name": "منطقه آزمون شمال"})

    def _rpc(self, model, method, *args, **kwargs):
        """The web client's call; returns the decoded JSON-RPC response (result or error)."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": model, "method": method, "args": list(args), "kwargs": kwargs}}),
            headers={"Content-Type": "application/json"})
        response.raise_for_status()
        return response.json()

    def _call(self, model, method, *args, **kwargs):
        reply = self._rpc(model, method, *args, **kwargs)
        self.assertNotIn("error", reply)
        return reply["result"]

    def test_second_desk_finds_the_first_desks_citizen(self):
        self.authenticate("desk_urbanism", "desk_urbanism-pw")
        partner_id = self._call("res.partner", "create", [{
            "name": "کامران شریفی",
            "national_id": "۸۶۹۹۷۶۷۰۵۶",
            "mobile": "۰۹۱۲ ۳۳۳ ۴۴۵۵",
            "district_id": self.district.id,
        }])[0]

        self.authenticate("desk_finance", "desk_finance-pw")
        with mute_logger("odoo.http"):
            reply = self._rpc("res.partner", "create", [{"name": "K. Sharifi", "national_id": "8699767056"}])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("کامران شریفی", reply["error"]["data"]["message"])

        found = self._call("res.partner", "search_read", [("national_id", "=", "۸۶۹۹۷۶۷۰۵۶")],
                           fields=["name", "mobile", "district_id"])
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["id"], partner_id)
        self.assertEqual(found[0]["mobile"], "09123334455")
        self.assertEqual(found[0]["district_id"][0], self.district.id)
