import datetime
import re

from odoo import fields
from odoo.tests import tagged

from .citizen_web_common import CitizenWebCase

MINE, OTHER, NOBODY = "09121110000", "09352220000", "09193330000"


@tagged("post_install", "-at_install")
class TestCitizenLookup(CitizenWebCase):
    """A citizen lists their own requests with a one-time code sent by SMS to their mobile number."""

    def setUp(self):
        super().setUp()
        self.mine = self._submit(phone=MINE, description="The street light of my alley is broken.")
        self.other = self._submit(phone=OTHER, description="Someone else's request about waste.")

    def _ask(self, phone):
        page = self.url_open("/137/lookup")
        return self.url_open("/137/lookup", data={"csrf_token": self._csrf(page.text), "phone": phone})

    def _verify(self, phone, code):
        page = self.url_open("/137/lookup")
        return self.url_open("/137/lookup/verify", data={
            "csrf_token": self._csrf(page.text), "phone": phone, "code": code})

    def _lookup_messages(self, number):
        return self.env["sms.sms"].sudo().search(
            [("number", "=", number), ("mail_message_id", "=", False)], order="id desc")

    def _sent_code(self, number):
        message = self._lookup_messages(number)[:1]
        self.assertTrue(message, "a code was sent")
        return re.search(r"\d{6}", message.body).group()

    def _codes(self, number):
        return self.env["office.citizen.lookup.code"].sudo().search([("number", "=", number)])

    def test_right_code_lists_only_own_requests(self):
        page = self._ask("۰۹۱۲۱۱۱۰۰۰۰")
        self.assertEqual(page.status_code, 200)
        code = self._sent_code(MINE)
        self.assertNotIn(code, self._codes(MINE).code_hash, "only a hash of the code is stored")
        page = self._verify(MINE, code)
        self.assertEqual(page.status_code, 200, page.text[-1500:])
        self.assertIn(self.mine.tracking_code_display, page.text)
        self.assertIn(f'href="/137/track/{self.mine.tracking_code}"', page.text)
        self.assertNotIn(self.other.tracking_code_display, page.text)
        self.assertEqual(page.headers.get("Cache-Control"), "no-store")
        self.assertEqual(self._verify(MINE, code).status_code, 400, "a code is used once")

    def test_same_answer_whether_the_number_has_requests_or_not(self):
        with_requests = self._ask(MINE)
        without = self._ask(NOBODY)
        self.assertEqual(with_requests.status_code, without.status_code)
        self.assertEqual(self._without_tokens(with_requests.text).replace(MINE, "N"),
                         self._without_tokens(without.text).replace(NOBODY, "N"))
        self.assertFalse(self.env["sms.sms"].sudo().search([("number", "=", NOBODY)]),
                         "no SMS to a number without requests")
        self.assertEqual(self._verify(NOBODY, "123456").status_code, 400)

    def test_wrong_code(self):
        self._ask(MINE)
        code = self._sent_code(MINE)
        wrong = "%06d" % ((int(code) + 1) % 1000000)
        page = self._verify(MINE, wrong)
        self.assertEqual(page.status_code, 400)
        self.assertIn("o_citizen_portal_error", page.text)
        self.assertNotIn(self.mine.tracking_code_display, page.text)
        self.assertEqual(self._codes(MINE).attempts, 1)
        self.assertEqual(self._verify(MINE, code).status_code, 200, "the right code still works after one slip")

    def test_expired_code(self):
        self._ask(MINE)
        code = self._sent_code(MINE)
        self._codes(MINE).write({"expires_at": fields.Datetime.now() - datetime.timedelta(seconds=1)})
        page = self._verify(MINE, code)
        self.assertEqual(page.status_code, 400)
        self.assertNotIn(self.mine.tracking_code_display, page.text)

    def test_too_many_attempts_spend_the_code(self):
        self._ask(MINE)
        code = self._sent_code(MINE)
        wrong = "%06d" % ((int(code) + 1) % 1000000)
        for _attempt in range(5):
            self.assertEqual(self._verify(MINE, wrong).status_code, 400)
        self.assertTrue(self._codes(MINE).spent)
        page = self._verify(MINE, code)
        self.assertEqual(page.status_code, 400, "after five wrong tries even the right code fails")
        self.assertNotIn(self.mine.tracking_code_display, page.text)

    def test_code_of_one_number_does_not_open_another(self):
        self._ask(MINE)
        self._ask(OTHER)
        mine = self._sent_code(MINE)
        page = self._verify(OTHER, mine)
        if page.status_code == 200:  # one chance in a million the two codes are equal
            self.assertEqual(self._sent_code(OTHER), mine)
        else:
            self.assertNotIn(self.other.tracking_code_display, page.text)

    def test_new_code_replaces_the_previous_one(self):
        self._ask(MINE)
        first = self._sent_code(MINE)
        self._ask(MINE)
        second = self._sent_code(MINE)
        if first != second:
            self.assertEqual(self._verify(MINE, first).status_code, 400)
        self.assertEqual(self._verify(MINE, second).status_code, 200)

    def test_rate_limits_per_number_and_address(self):
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param("municipality_citizen_desk.lookup_phone_limit", "2")
        self.assertEqual(self._ask(MINE).status_code, 200)
        self.assertEqual(self._ask(MINE).status_code, 200)
        limited = self._ask(MINE)
        self.assertEqual(limited.status_code, 429)
        self.assertEqual(len(self._lookup_messages(MINE)), 2)
        set_param("municipality_citizen_desk.lookup_verify_limit", "3")
        for _attempt in range(3):
            self.assertEqual(self._verify(OTHER, "000000").status_code, 400)
        self.assertEqual(self._verify(OTHER, "000000").status_code, 429)

    def test_bad_number_is_told(self):
        page = self._ask("12345")
        self.assertEqual(page.status_code, 400)
        self.assertIn("09XXXXXXXXX", page.text)
