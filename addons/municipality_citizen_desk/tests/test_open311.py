import datetime
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from .citizen_web_common import CitizenWebCase

API = "/open311/v2"
SECRETS = ("Secret Citizen Name", "09121234567", "secret.citizen@example.com", "Secret Street",
           "The street light in front of no. 12 is broken.", "The lamp was replaced")


@tagged("post_install", "-at_install")
class TestOpen311(CitizenWebCase):
    """Open311 GeoReport v2 (JSON) over real HTTP, without an account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = cls.env["office.open311.client"].create({"name": "Test city app"})
        cls.api_key = cls._generated_key(cls.app)

    @staticmethod
    def _generated_key(client):
        """The key ``action_generate_key`` shows once (the last word of its notification)."""
        notification = client.action_generate_key()
        return notification["params"]["message"].split()[-1]

    def _post(self, **overrides):
        data = dict({
            "api_key": self.api_key,
            "jurisdiction_id": "city.example.ir", "service_code": "TLIGHT",
            "description": "A street light is broken near the park.", "lat": "35.7219", "long": "51.3347",
            "address_string": "Laleh Park", "first_name": "Ali", "last_name": "Rezaei",
            "phone": "09351234567", "email": "ali@example.com", "device_id": "device-1",
        }, **overrides)
        return self.url_open(f"{API}/requests.json", data={key: value for key, value in data.items()
                                                             if value is not None})

    def assertSpecError(self, response, status):
        self.assertEqual(response.status_code, status, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        body = response.json()
        self.assertIsInstance(body, list)
        self.assertEqual(len(body), 1)
        self.assertEqual(body[0]["code"], status)
        self.assertTrue(body[0]["description"])
        return body[0]["description"]

    def _set_received(self, citizen_request, when):
        self.env.cr.execute("UPDATE office_citizen_request SET received_date = %s WHERE id = %s",
                            (when, citizen_request.id))
        citizen_request.invalidate_recordset()

    # ------------------------------------------------------------------ services

    def test_services_list_matches_active_categories(self):
        response = self.url_open(f"{API}/services.json", params={"jurisdiction_id": "city.example.ir"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), "*")
        services = response.json()
        codes = {service["service_code"] for service in services}
        active = set(self.env["office.citizen.request.category"].sudo().search([]).mapped("code"))
        self.assertEqual(codes, active)
        self.assertNotIn("TOLD", codes)
        lighting = next(service for service in services if service["service_code"] == "TLIGHT")
        self.assertEqual(lighting["service_name"], "روشنایی معابر آزمایشی")
        self.assertEqual(lighting["type"], "realtime")
        self.assertIs(lighting["metadata"], False)
        self.assertEqual(lighting["description"], "Broken street lights")

    def test_service_definition(self):
        response = self.url_open(f"{API}/services/TLIGHT.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"service_code": "TLIGHT", "attributes": []})
        self.assertSpecError(self.url_open(f"{API}/services/NOPE.json"), 404)
        self.assertSpecError(self.url_open(f"{API}/services/TOLD.json"), 404)

    def test_cors_preflight(self):
        response = self.url_open(f"{API}/requests.json", method="OPTIONS", headers={
            "Origin": "https://app.example.ir", "Access-Control-Request-Method": "POST"})
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), "*")

    # ------------------------------------------------------------------ post

    def test_post_request(self):
        before = self._count()
        response = self._post()
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), "*")
        body = response.json()
        self.assertEqual(len(body), 1)
        self.assertEqual(set(body[0]), {"service_request_id", "service_notice", "account_id"})
        self.assertEqual(self._count(), before + 1)
        created = self.Request._find_by_tracking_code(body[0]["service_request_id"])
        self.assertTrue(created)
        self.assertEqual(created.category_id, self.category)
        self.assertEqual(created.channel, "api")
        self.assertEqual(created.citizen_name, "Ali Rezaei")
        self.assertEqual(created.phone, "09351234567")
        self.assertEqual(created.email, "ali@example.com")
        self.assertEqual(created.address, "Laleh Park")
        self.assertAlmostEqual(created.latitude, 35.7219)
        self.assertAlmostEqual(created.longitude, 51.3347)
        self.assertIn(created.tracking_code_display, body[0]["service_notice"])
        self.assertIsNone(body[0]["account_id"])
        self.assertFalse(response.cookies.get("session_id"), "the API keeps no session")

    def test_post_bad_input_creates_nothing(self):
        before = self._count()
        cases = {
            "missing service_code": {"service_code": None},
            "unknown service_code": {"service_code": "NOPE"},
            "archived service": {"service_code": "TOLD"},
            "latitude out of range": {"lat": "91"},
            "longitude not a number": {"long": "east"},
            "latitude without longitude": {"long": None},
            "empty description": {"description": "  "},
            "no mobile": {"phone": None},
            "bad email": {"email": "ali@"},
        }
        for case, overrides in cases.items():
            with self.subTest(case):
                self.assertSpecError(self._post(**overrides), 400)
        self.assertEqual(self._count(), before)

    def test_post_needs_the_key_of_an_active_app(self):
        before = self._count()
        self.assertSpecError(self._post(api_key=None), 403)
        self.assertSpecError(self._post(api_key="wrong"), 403)
        self.assertSpecError(self._post(api_key=self.app.sudo().key_hash), 403)
        self.assertEqual(self._count(), before)
        self.assertEqual(self._post().status_code, 200)
        self.assertEqual(self._count(), before + 1)
        self.app.invalidate_recordset()
        self.assertEqual(self.app.request_count, 1)
        self.assertTrue(self.app.last_used)
        # A new key replaces the old one; an archived app's key stops working.
        old_key, new_key = self.api_key, self._generated_key(self.app)
        self.assertSpecError(self._post(api_key=old_key), 403)
        self.assertEqual(self._post(api_key=new_key).status_code, 200)
        self.app.active = False
        self.assertSpecError(self._post(api_key=new_key), 403)
        self.assertEqual(self._count(), before + 2)

    def test_post_without_any_app_is_refused(self):
        """A page on another site cannot make its visitors' browsers file requests: no key, no request."""
        self.env["office.open311.client"].search([]).active = False
        before = self._count()
        response = self.url_open(f"{API}/requests.json", headers={"Origin": "https://evil.example"}, data={
            "service_code": "TLIGHT", "description": "A street light is broken near the park.",
            "phone": "09351234567"})
        self.assertIn("api_key", self.assertSpecError(response, 403))
        self.assertEqual(self._count(), before)

    def test_keys_are_stored_hashed_and_shown_once(self):
        client = self.app.sudo()
        self.assertNotEqual(client.key_hash, self.api_key)
        self.assertEqual(len(client.key_hash), 64)
        self.assertTrue(self.api_key.startswith(client.key_hint))
        self.env.cr.execute("SELECT count(*) FROM office_open311_client WHERE row_to_json(office_open311_client)::text "
                            "LIKE %s", (f"%{self.api_key}%",))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "the clear key is stored nowhere")

    def test_key_guessing_is_rate_limited_per_address(self):
        self._set_limits(submit=2)
        self.assertSpecError(self._post(api_key="guess-1"), 403)
        self.assertSpecError(self._post(api_key="guess-2"), 403)
        self.assertSpecError(self._post(api_key="guess-3"), 429)
        self.assertEqual(self._post().status_code, 200,
                         "a city app behind the same address (a carrier's NAT) is counted by its key, not blocked")

    def test_post_rate_limit_is_per_api_key(self):
        """A city app posts for many citizens from one server: its posts are counted per key, not per address
        (a per-address limit of 1 would refuse its second post)."""
        self._set_limits(submit=1, api_post=2)
        before = self._count()
        self.assertEqual(self._post().status_code, 200)
        self.assertSpecError(self._post(service_code="NOPE"), 400)
        self.assertSpecError(self._post(), 429)
        self.assertEqual(self._count(), before + 1, "bad attempts count too, and nothing is created over the limit")
        other_app = self.env["office.open311.client"].create({"name": "Another city app"})
        self.assertEqual(self._post(api_key=self._generated_key(other_app)).status_code, 200,
                         "another app from the same address has its own counter")

    def test_posts_of_one_mobile_number_are_limited(self):
        self._set_limits(submit_phone=2)
        self.assertEqual(self._post(phone="09125550001").status_code, 200)
        self.assertEqual(self._post(phone="۰۹۱۲۵۵۵۰۰۰۱").status_code, 200)
        self.assertSpecError(self._post(phone="09125550001"), 429)
        self.assertEqual(self._post(phone="09125550002").status_code, 200)

    # ------------------------------------------------------------------ get one

    def test_get_request_by_id(self):
        citizen_request = self._answer(self._submit(district_id=self.district.id))
        for code in (citizen_request.tracking_code, citizen_request.tracking_code_display.lower()):
            with self.subTest(code=code):
                response = self.url_open(f"{API}/requests/{code}.json")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), "*")
                [document] = response.json()
                self.assertEqual(document["service_request_id"], citizen_request.tracking_code)
                self.assertEqual(document["status"], "open")
                self.assertEqual(document["service_code"], "TLIGHT")
                self.assertEqual(document["status_notes"], "The lamp was replaced on Saturday.")
                self.assertEqual(document["agency_responsible"], self.department.name)
                self.assertEqual(document["description"], "The street light in front of no. 12 is broken.")
                self.assertAlmostEqual(document["lat"], 35.6891975)
                self.assertTrue(document["requested_datetime"].endswith("Z"))
                self.assertTrue(document["expected_datetime"])
                self.assertNotIn("Secret Citizen Name", response.text)
                self.assertNotIn("09121234567", response.text)
                self.assertNotIn("secret.citizen@example.com", response.text)

    def test_unknown_request_reveals_nothing(self):
        known = self._submit()
        unknown = "AAAAACCCCC" if known.tracking_code != "AAAAACCCCC" else "CCCCCAAAAA"
        bodies = set()
        for code in (unknown, "abc", "1", "%27%20OR%201%3D1--"):
            response = self.url_open(f"{API}/requests/{code}.json")
            self.assertSpecError(response, 404)
            bodies.add(response.text)
        self.assertEqual(len(bodies), 1, "the same answer whatever the reason")
        listed = self.url_open(f"{API}/requests.json", params={"service_request_id": f"{unknown},abc"})
        self.assertEqual(listed.status_code, 200)
        self.assertEqual(listed.json(), [])

    # ------------------------------------------------------------------ lists

    def test_list_has_no_personal_data(self):
        self._answer(self._submit())
        self._submit(service_code="TWASTE", description="Garbage has not been collected for days.")
        response = self.url_open(f"{API}/requests.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), "*")
        documents = response.json()
        self.assertGreaterEqual(len(documents), 2)
        for secret in SECRETS + ("Garbage has not been collected",):
            self.assertNotIn(secret, response.text)
        tracking_codes = self.Request.sudo().search([]).mapped("tracking_code")
        for code in tracking_codes:
            self.assertNotIn(code, response.text, "tracking codes are the citizens' secrets")
        mine = [document for document in documents if document["service_code"] == "TLIGHT"]
        self.assertTrue(mine)
        self.assertIsNone(mine[0]["service_request_id"])
        self.assertIsNone(mine[0]["description"])
        self.assertIsNone(mine[0]["address"])
        self.assertEqual(mine[0]["lat"], 35.689, "public coordinates are rounded to about 100 m")

    def test_list_filters(self):
        old = self._submit()
        recent = self._submit(service_code="TWASTE", description="Garbage has not been collected for days.")
        answered = self._answer(self._submit())
        long_ago = fields.Datetime.now() - datetime.timedelta(days=200)
        self._set_received(old, long_ago)
        url = f"{API}/requests.json"

        def codes(**params):
            response = self.url_open(url, params=params)
            self.assertEqual(response.status_code, 200, response.text)
            return [document["service_code"] for document in response.json()]

        self.assertEqual(codes(service_code="TWASTE"), ["TWASTE"])
        self.assertEqual(codes(service_code="TLIGHT"), ["TLIGHT"], "without dates: the last 90 days only")
        window = codes(service_code="TLIGHT",
                       start_date=(long_ago - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       end_date=(long_ago + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+03:30"))
        self.assertEqual(window, ["TLIGHT"], "only the request received 200 days ago")
        self.assertEqual(len(codes(service_code="TLIGHT", start_date=long_ago.strftime("%Y-%m-%d"))), 2)

        # Status: answered counts as open until the citizen accepts or it is closed.
        self.assertEqual(len(codes(service_code="TLIGHT,TWASTE", status="open")), 2)
        answered.action_citizen_accept(5)
        closed = self.url_open(url, params={"status": "closed", "service_code": "TLIGHT"}).json()
        self.assertEqual([document["status"] for document in closed], ["closed"])
        self.assertEqual(len(codes(service_code="TLIGHT,TWASTE", status="open,closed")), 2)
        self.assertEqual(codes(service_code="TLIGHT,TWASTE", status="open"), ["TWASTE"])

        # Asking for ids gives those requests, with their private fields.
        by_ids = self.url_open(url, params={
            "service_request_id": f"{recent.tracking_code},{answered.tracking_code_display}"}).json()
        self.assertEqual({document["service_request_id"] for document in by_ids},
                         {recent.tracking_code, answered.tracking_code})

        for params in ({"status": "pending"}, {"start_date": "yesterday"}, {"end_date": "2026-13-40"},
                       {"start_date": "2026-02-01", "end_date": "2026-01-01"},
                       {"service_request_id": ",".join(["AAAAACCCCC"] * 10 + [f"C{n:09d}" for n in range(60)])}):
            with self.subTest(params=params):
                self.assertSpecError(self.url_open(url, params=params), 400)

    def test_lists_are_rate_limited(self):
        self._set_limits(list=2)
        for _attempt in range(2):
            self.assertEqual(self.url_open(f"{API}/requests.json").status_code, 200)
        self.assertSpecError(self.url_open(f"{API}/requests.json"), 429)
        self.assertEqual(self.url_open(f"{API}/services.json").status_code, 200, "service lists are not counted")

    def test_lists_show_only_requests_filed_online(self):
        online = self._submit()
        by_phone = self.Request.with_user(self.supervisor).create({
            "category_id": self.category.id, "channel": "phone", "phone": "09127654321",
            "description": "Called the desk about a dark street."})
        at_counter = self.Request.with_user(self.supervisor).create({
            "category_id": self.category.id, "channel": "counter", "phone": "09127654321",
            "description": "Came to the counter about a dark street."})
        found = self.Request._open311_search(service_codes=["TLIGHT"])
        self.assertIn(online, found)
        self.assertNotIn(by_phone, found)
        self.assertNotIn(at_counter, found)
        documents = self.url_open(f"{API}/requests.json", params={"service_code": "TLIGHT"}).json()
        self.assertEqual(len(documents), 1)
        # Asked by tracking code, a request taken by phone is still there for its citizen.
        [document] = self.url_open(f"{API}/requests/{by_phone.tracking_code}.json").json()
        self.assertEqual(document["service_request_id"], by_phone.tracking_code)

    def test_list_builds_state_labels_once(self):
        for _n in range(4):
            self._submit()
        Selection = type(self.Request._fields["state"])
        original = Selection._description_selection
        calls = []

        def counting(field, env):
            if field.model_name == "office.citizen.request" and field.name == "state":
                calls.append(field)
            return original(field, env)

        with patch.object(Selection, "_description_selection", autospec=True, side_effect=counting):
            documents = self.url_open(f"{API}/requests.json", params={"service_code": "TLIGHT"}).json()
        self.assertGreaterEqual(len(documents), 4)
        self.assertLessEqual(len(calls), 1)

    def test_lookups_are_rate_limited(self):
        self._set_limits(track=3)
        citizen_request = self._submit()
        self.assertEqual(self.url_open(f"{API}/requests/{citizen_request.tracking_code}.json").status_code, 200)
        self.assertEqual(self.url_open(f"{API}/requests.json", params={
            "service_request_id": "AAAAACCCCC,CCCCCAAAAA"}).status_code, 200)
        self.assertSpecError(self.url_open(f"{API}/requests/{citizen_request.tracking_code}.json"), 429)
        self.assertEqual(self.url_open(f"{API}/services.json").status_code, 200, "service lists are not counted")


@tagged("post_install", "-at_install")
class TestOpen311Discovery(CitizenWebCase):

    def test_discovery_names_the_georeport_v2_json_endpoint(self):
        response = self.url_open("/open311/discovery.json")
        self.assertEqual(response.status_code, 200, response.text)
        document = response.json()
        self.assertTrue(document["changeset"].endswith("Z"))
        self.assertIn(self.env.company.name, document["contact"])
        self.assertTrue(document["key_service"])
        [endpoint] = document["endpoints"]
        self.assertEqual(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2")
        self.assertEqual(endpoint["type"], "production")
        self.assertEqual(endpoint["formats"], ["application/json"])
        self.assertTrue(endpoint["url"].endswith("/open311/v2"))
        services = self.url_open(endpoint["url"] + "/services.json")
        self.assertEqual(services.status_code, 200, "the endpoint it names answers")
