"""The ``/toll/pay`` lookup is rate-limited per client address and per national ID: payment IDs are
sequential, so whoever knows a citizen's national ID could otherwise walk through them to find their tolls."""

from urllib.parse import urlsplit
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from .common import TollPaymentCase

#: What the refusal says in Persian (fa.po).
PERSIAN_REFUSAL = "تلاش‌های شما بیش از حد مجاز است"


@tagged("post_install", "-at_install")
class TestTollPayRateLimit(TollPaymentCase):

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["municipality_finance_payment"], ["fa_IR"], overwrite=True)
        self.assessment = self._assess()
        self.authenticate(None, None)
        self.opener.cookies.set("frontend_lang", "fa_IR")
        page = self.url_open("/toll/pay")
        self.assertEqual(page.status_code, 200)
        self.csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        self.host = urlsplit(self.base_url()).netloc

    def _set_limits(self, per_address, per_national_id):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("municipality_finance_payment.toll_pay_limit", str(per_address))
        params.set_param("municipality_finance_payment.toll_pay_national_id_limit", str(per_national_id))

    def _try(self, payment_id, national_id, address="198.51.100.31"):
        with patch.dict(config._runtime_options, {"proxy_mode": True}):
            return self.url_open("/toll/pay", data={
                "csrf_token": self.csrf, "payment_id": payment_id, "national_id": national_id,
            }, headers={"X-Forwarded-For": address, "X-Forwarded-Host": self.host, "X-Forwarded-Proto": "http"},
                allow_redirects=False)

    def _assert_refused(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertIn(PERSIAN_REFUSAL, response.text)
        self.assertNotIn("Location", response.headers)
        self.assertNotIn("access_token", response.text)
        self.assertNotIn(f"/my/invoices/{self.assessment.invoice_id.id}", response.text)

    def test_a_national_id_is_refused_after_its_limit_even_with_the_right_payment_id(self):
        self._set_limits(per_address=100, per_national_id=3)
        right = int(self.assessment.payment_id)
        # an enumeration of the payment IDs around the right one, each try from another address
        for step, address in [(1, "198.51.100.41"), (2, "198.51.100.42"), (3, "198.51.100.43")]:
            missed = self._try(str(right + step), "0499370899", address)
            self.assertEqual(missed.status_code, 404, "a miss answers as before")
            self.assertNotIn(PERSIAN_REFUSAL, missed.text)
        # the 4th try is refused before any lookup, the right payment ID too, Persian digits too
        self._assert_refused(self._try(self.assessment.payment_id, "۰۴۹۹۳۷۰۸۹۹", "198.51.100.44"))
        other = self._try(self.assessment.payment_id, "2931055786", "198.51.100.45")
        self.assertEqual(other.status_code, 404, "another national ID has its own counter")

    def test_an_address_is_refused_after_its_limit(self):
        self._set_limits(per_address=3, per_national_id=100)
        for national_id in ("2931055786", "0499370890", "1234567891"):
            self.assertEqual(self._try(self.assessment.payment_id, national_id).status_code, 404)
        self._assert_refused(self._try(self.assessment.payment_id, "0499370899"))
        found = self._try(self.assessment.payment_id, "0499370899", "198.51.100.99")
        self.assertEqual(found.status_code, 303, "another address is not limited")
        self.assertIn(f"/my/invoices/{self.assessment.invoice_id.id}?access_token=", found.headers["Location"])
