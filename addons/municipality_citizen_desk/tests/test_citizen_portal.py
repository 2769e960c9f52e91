from urllib.parse import urlsplit
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from .citizen_web_common import CitizenWebCase


@tagged("post_install", "-at_install")
class TestCitizenPortal(CitizenWebCase):
    """The public 137 portal, over real HTTP as an anonymous visitor."""

    def _new_request_form(self, **overrides):
        page = self.url_open("/137/new")
        self.assertEqual(page.status_code, 200)
        return dict({
            "csrf_token": self._csrf(page.text), "service_code": "TLIGHT", "request_type": "report",
            "description": "The street light in front of the school is broken.", "name": "",
            "phone": "۰۹۱۲۱۲۳۴۵۶۷", "email": "", "district_id": str(self.district.id),
            "address": "Azadi Street", "latitude": "35.7", "longitude": "51.4",
        }, **overrides)

    # ------------------------------------------------------------------ landing

    def test_landing_is_persian_right_to_left(self):
        page = self.url_open("/137")
        self.assertEqual(page.status_code, 200)
        self.assertIn('dir="rtl"', page.text)
        self.assertIn('lang="fa-IR"', page.text)
        self.assertIn("پیگیری درخواست", page.text)
        self.assertIn("ثبت درخواست جدید", page.text)
        self.assertIn('action="/137/track"', page.text)
        self.assertIn('href="/137/new"', page.text)

    def test_new_request_form_lists_active_categories_and_districts(self):
        page = self.url_open("/137/new")
        self.assertEqual(page.status_code, 200)
        self.assertIn('dir="rtl"', page.text)
        self.assertIn('value="TLIGHT"', page.text)
        self.assertIn("روشنایی معابر آزمایشی", page.text)
        self.assertNotIn('value="TOLD"', page.text, "an archived category is not offered")
        self.assertIn(f'value="{self.district.id}"', page.text)

    # ------------------------------------------------------------------ submit

    def test_submit_creates_request_and_shows_tracking_code(self):
        before = self._count()
        page = self.url_open("/137/new", data=self._new_request_form())
        self.assertEqual(page.status_code, 200, page.text[-2000:])
        self.assertEqual(self._count(), before + 1)
        created = self.Request.sudo().search([], order="id desc", limit=1)
        self.assertEqual(created.category_id, self.category)
        self.assertEqual(created.channel, "web")
        self.assertEqual(created.request_type, "report")
        self.assertEqual(created.district_id, self.district)
        self.assertEqual(created.phone, "09121234567", "Persian digits are normalized")
        self.assertAlmostEqual(created.latitude, 35.7)
        self.assertIn(created.tracking_code_display, page.text)
        self.assertIn(f'href="/137/track/{created.tracking_code}"', page.text)
        self.assertEqual(page.headers.get("Cache-Control"), "no-store")
        self.assertEqual(page.headers.get("Referrer-Policy"), "no-referrer")

    def test_submit_bad_input_creates_nothing(self):
        before = self._count()
        cases = {
            "no description": {"description": ""},
            "no mobile": {"phone": ""},
            "not a mobile": {"phone": "12345"},
            "unknown category": {"service_code": "NOPE"},
            "archived category": {"service_code": "TOLD"},
            "bad latitude": {"latitude": "95"},
            "latitude alone": {"longitude": ""},
            "not a number": {"latitude": "north"},
            "bad email": {"email": "not-an-email"},
        }
        for case, overrides in cases.items():
            with self.subTest(case):
                page = self.url_open("/137/new", data=self._new_request_form(**overrides))
                self.assertEqual(page.status_code, 400)
                self.assertIn("o_citizen_portal_error", page.text)
                self.assertIn('name="description"', page.text, "the form is shown again")
        self.assertEqual(self._count(), before)

    def test_submit_without_csrf_token_is_refused(self):
        before = self._count()
        form = self._new_request_form()
        form.pop("csrf_token")
        page = self.url_open("/137/new", data=form)
        self.assertEqual(page.status_code, 400)
        form["csrf_token"] = "0" * 40 + "o9999999999"
        page = self.url_open("/137/new", data=form)
        self.assertEqual(page.status_code, 400)
        self.assertEqual(self._count(), before)

    # ------------------------------------------------------------------ tracking

    def test_tracking_page_shows_status_and_answer(self):
        citizen_request = self._answer(self._submit(district_id=self.district.id))
        status = citizen_request.with_context(lang="fa_IR")._public_status()  # the portal speaks Persian
        page = self.url_open(f"/137/track/{citizen_request.tracking_code_display}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('dir="rtl"', page.text)
        self.assertIn(status["tracking_code"], page.text)
        self.assertIn(status["state_label"], page.text)
        self.assertNotEqual(status["state_label"], "Answered")
        self.assertIn('data-state="answered"', page.text)
        self.assertIn("روشنایی معابر آزمایشی", page.text)
        self.assertIn(status["received"]["jalali"], page.text)
        self.assertTrue(status["received"]["jalali"].startswith("14"), "dates are Jalali")
        self.assertIn(status["deadline"]["jalali"], page.text)
        self.assertIn("The lamp was replaced on Saturday.", page.text)
        self.assertIn("o_citizen_accept_form", page.text)
        self.assertIn("o_citizen_contest_form", page.text)
        for secret in ("Secret Citizen Name", "09121234567", "secret.citizen@example.com", "Secret Street"):
            self.assertNotIn(secret, page.text)
        self.assertEqual(page.headers.get("Referrer-Policy"), "no-referrer")

    def test_tracking_before_answer_has_no_forms(self):
        citizen_request = self._submit()
        page = self.url_open(f"/137/track/{citizen_request.tracking_code.lower()}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-state="received"', page.text)
        self.assertNotIn("o_citizen_accept_form", page.text)
        self.assertNotIn("o_citizen_contest_form", page.text)

    def test_landing_form_leads_to_tracking_page(self):
        citizen_request = self._submit()
        page = self.url_open("/137/track", params={"code": f" {citizen_request.tracking_code_display} "})
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.url.endswith(f"/137/track/{citizen_request.tracking_code_display}"), page.url)
        self.assertIn('data-state="received"', page.text)
        empty = self.url_open("/137/track", params={"code": "  "})
        self.assertEqual(empty.status_code, 400)
        self.assertIn("o_citizen_portal_follow", empty.text)

    def test_unknown_and_malformed_codes_are_neutral(self):
        known = self._submit()
        unknown = "AAAAACCCCC" if known.tracking_code != "AAAAACCCCC" else "CCCCCAAAAA"
        pages = [self.url_open(f"/137/track/{code}") for code in (
            unknown, "abc", "0000000000", "%27%20OR%201%3D1--", "A" * 300)]
        for page in pages:
            self.assertEqual(page.status_code, 404)
            self.assertIn("o_citizen_portal_not_found", page.text)
            self.assertNotIn("o_citizen_request_status", page.text)
        bodies = {self._without_tokens(page.text) for page in pages}
        self.assertEqual(len(bodies), 1, "every unknown code gets the very same page")
        # Answering through an unknown code: the same page, nothing else.
        csrf = self._csrf(self.url_open("/137/new").text)
        page = self.url_open(f"/137/track/{unknown}/accept", data={"csrf_token": csrf, "satisfaction": "5"})
        self.assertEqual(page.status_code, 404)
        self.assertEqual(self._without_tokens(page.text), bodies.pop())

    def test_other_paths_under_track_are_neutral(self):
        citizen_request = self._answer(self._submit())
        reference = self._without_tokens(self.url_open("/137/track/AAAAACCCCC").text)
        for path in (f"/137/track/{citizen_request.tracking_code}/accept", "/137/track/K7P3M/QX4HN",
                     f"/137/track/{citizen_request.tracking_code}/../x"):
            with self.subTest(path=path):
                page = self.url_open(path)
                self.assertEqual(page.status_code, 404)
                self.assertEqual(self._without_tokens(page.text), reference)
        self.assertEqual(citizen_request.state, "answered", "a GET never answers")

    def test_done_message_only_when_true(self):
        citizen_request = self._answer(self._submit())
        page = self.url_open(f"/137/track/{citizen_request.tracking_code}?done=accepted")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("alert-success", page.text, "a crafted link does not thank for an acceptance that did not happen")

    # ------------------------------------------------------------------ accept / contest

    def test_accept_answer_with_satisfaction(self):
        citizen_request = self._answer(self._submit())
        url = f"/137/track/{citizen_request.tracking_code_display}"
        csrf = self._csrf(self.url_open(url).text)
        for bad in ("0", "6", "x", ""):
            with self.subTest(satisfaction=bad):
                page = self.url_open(f"{url}/accept", data={"csrf_token": csrf, "satisfaction": bad})
                self.assertEqual(page.status_code, 400)
                self.assertIn("o_citizen_portal_error", page.text)
                self.assertEqual(citizen_request.state, "answered")
        page = self.url_open(f"{url}/accept", data={"satisfaction": "4", "comment": "Thanks"})
        self.assertEqual(page.status_code, 400, "no CSRF token, no change")
        self.assertEqual(citizen_request.state, "answered")

        page = self.url_open(f"{url}/accept", data={"csrf_token": csrf, "satisfaction": "4", "comment": "Thanks"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("done=accepted", page.url)
        self.assertIn('data-state="accepted"', page.text)
        self.assertNotIn("o_citizen_accept_form", page.text, "an answer is accepted once")
        citizen_request.invalidate_recordset()
        self.assertEqual(citizen_request.state, "accepted")
        self.assertEqual(citizen_request.satisfaction, 4)
        self.assertEqual(citizen_request.citizen_comment, "Thanks")
        again = self.url_open(f"{url}/contest", data={"csrf_token": csrf, "reason": "I changed my mind about it."})
        self.assertEqual(again.status_code, 400)
        citizen_request.invalidate_recordset()
        self.assertEqual(citizen_request.state, "accepted")

    def test_contest_answer(self):
        citizen_request = self._answer(self._submit())
        url = f"/137/track/{citizen_request.tracking_code}"
        csrf = self._csrf(self.url_open(url).text)
        page = self.url_open(f"{url}/contest", data={"csrf_token": csrf, "reason": "no"})
        self.assertEqual(page.status_code, 400, "a reason of a few letters is refused")
        self.assertEqual(citizen_request.state, "answered")
        page = self.url_open(f"{url}/contest", data={
            "csrf_token": csrf, "reason": "The lamp is still broken tonight."})
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-state="contested"', page.text)
        citizen_request.invalidate_recordset()
        self.assertEqual(citizen_request.state, "contested")
        self.assertEqual(citizen_request.contest_reason, "The lamp is still broken tonight.")

    # ------------------------------------------------------------------ rate limits

    def test_submission_rate_limit(self):
        self._set_limits(submit=2)
        before = self._count()
        for _attempt in range(2):
            self.assertEqual(self.url_open("/137/new", data=self._new_request_form()).status_code, 200)
        page = self.url_open("/137/new", data=self._new_request_form())
        self.assertEqual(page.status_code, 429)
        self.assertIn("o_citizen_portal_rate_limited", page.text)
        self.assertIn("تلاش‌های بیش از حد", page.text)
        self.assertEqual(self._count(), before + 2, "nothing is created over the limit")

    def test_submissions_of_one_mobile_number_are_limited(self):
        self._set_limits(submit_phone=1)
        self.assertEqual(self.url_open("/137/new", data=self._new_request_form()).status_code, 200)
        before = self._count()
        page = self.url_open("/137/new", data=self._new_request_form(phone="09121234567"))
        self.assertEqual(page.status_code, 429)
        self.assertIn("o_citizen_portal_rate_limited", page.text)
        self.assertIn("برای این شماره همراه", page.text)
        self.assertEqual(self._count(), before)
        self.assertEqual(self.url_open("/137/new", data=self._new_request_form(phone="09121234568")).status_code,
                         200, "another citizen on the same connection is not limited")

    def test_tracking_rate_limit_stops_enumeration(self):
        self._set_limits(track=3)
        citizen_request = self._submit()
        for code in ("AAAAACCCCC", "CCCCCAAAAA", "abc"):
            self.assertEqual(self.url_open(f"/137/track/{code}").status_code, 404)
        page = self.url_open(f"/137/track/{citizen_request.tracking_code}")
        self.assertEqual(page.status_code, 429, "even a real code is refused over the limit")
        self.assertNotIn(citizen_request.tracking_code_display, page.text)
        self.assertIn("o_citizen_portal_rate_limited", page.text)

    def test_forwarded_for_header_does_not_bypass_the_limit(self):
        """Without proxy_mode, X-Forwarded-For is the client's word, not its address."""
        self._set_limits(track=2)
        for address in ("198.51.100.1", "198.51.100.2"):
            page = self.url_open("/137/track/AAAAACCCCC", headers={"X-Forwarded-For": address})
            self.assertEqual(page.status_code, 404)
        page = self.url_open("/137/track/AAAAACCCCC", headers={"X-Forwarded-For": "198.51.100.3"})
        self.assertEqual(page.status_code, 429)

    def test_behind_the_proxy_each_forwarded_client_has_its_own_counter(self):
        """With proxy_mode (behind the city's reverse proxy), the address is the one the proxy forwarded, as
        Odoo's ProxyFix trusts it: the citizens behind the proxy are not one client."""
        self._set_limits(track=2)
        host = urlsplit(self.base_url()).netloc

        def track(address):
            return self.url_open("/137/track/AAAAACCCCC", headers={
                "X-Forwarded-For": address, "X-Forwarded-Host": host, "X-Forwarded-Proto": "http"})

        with patch.dict(config._runtime_options, {"proxy_mode": True}):
            for _attempt in range(2):
                self.assertEqual(track("198.51.100.1").status_code, 404)
            self.assertEqual(track("198.51.100.1").status_code, 429)
            self.assertEqual(track("198.51.100.2").status_code, 404, "another citizen behind the same proxy")
