"""The Mellat round trip of a transaction (no invoice), against the local double over real HTTP."""

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from ..tools.mellat_double import MellatDouble


@tagged("post_install", "-at_install")
class TestBehpardakht(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.double = MellatDouble().start()
        cls.addClassCleanup(cls.double.stop)
        cls.rial = cls.env.ref("base.IRR")
        cls.rial.active = True
        cls.provider = cls.env.ref("payment_behpardakht.payment_provider_behpardakht").copy({
            "name": "Mellat (tests)", "behpardakht_terminal_id": str(cls.double.terminal_id),
            "behpardakht_username": cls.double.username, "behpardakht_password": cls.double.password,
            "behpardakht_wsdl_url": cls.double.wsdl_url, "behpardakht_payment_url": cls.double.payment_url,
        })
        cls.provider.write({"state": "test"})
        cls.partner = cls.env["res.partner"].create({"name": "پرداخت‌کننده آزمون"})

    def setUp(self):
        super().setUp()
        self.double.reset()

    def _transaction(self, amount=450_000, currency=None, reference="MELLAT-TEST"):
        return self.env["payment.transaction"].create({
            "provider_id": self.provider.id, "payment_method_id": self.env.ref("payment_shaparak.payment_method_shetab").id,
            "amount": amount, "currency_id": (currency or self.rial).id, "partner_id": self.partner.id,
            "operation": "online_redirect", "reference": reference,
        })

    def test_round_trip_pays_once(self):
        tx = self._transaction()
        values = tx._get_processing_values()
        self.assertIn(f'action="{self.double.payment_url}"', values["redirect_form_html"])
        self.assertIn(f'value="{tx.shaparak_token}"', values["redirect_form_html"])
        pay_request = self.double.calls[0][1]
        self.assertEqual((pay_request["orderId"], pay_request["amount"]), (str(tx.id), "450000"))
        self.assertTrue(pay_request["callBackUrl"].endswith("/payment/behpardakht/return"))
        fields = self.double.pay(tx.shaparak_token)
        self.url_open("/payment/behpardakht/return", data=fields, allow_redirects=False)
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.provider_reference, fields["SaleReferenceId"])
        with self.assertLogs("odoo.addons.payment_shaparak", "WARNING") as logs:
            self.url_open("/payment/behpardakht/return", data=fields, allow_redirects=False)
        self.assertIn("replayed", logs.output[0])
        self.assertEqual([operation for operation, _params in self.double.calls],
                         ["bpPayRequest", "bpVerifyRequest", "bpSettleRequest"])

    def test_only_rials(self):
        tx = self._transaction(amount=10, currency=self.env.ref("base.EUR"))
        values = tx._get_processing_values()
        self.assertEqual(values["state"], "error")
        self.assertIn("whole rials only", values["state_message"])
        self.assertFalse(self.double.calls, "nothing was asked of the bank")

    def test_bank_refuses_the_request(self):
        self.double.codes["bpPayRequest"] = "21"
        with self.assertLogs("odoo.addons.payment_behpardakht", "WARNING"):
            values = self._transaction()._get_processing_values()
        self.assertEqual(values["state"], "error")
        self.assertIn("Invalid merchant", values["state_message"])

    def test_a_callback_without_a_transaction_is_refused(self):
        with self.assertLogs("odoo.addons.payment_shaparak", "WARNING") as logs:
            response = self.url_open("/payment/behpardakht/return", data={"RefId": "NOPE", "ResCode": "0",
                                                                          "SaleOrderId": "1"}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("no transaction matches it", logs.output[0])

    def test_terminal_id_is_digits(self):
        with self.assertRaises(ValidationError):
            self.provider.behpardakht_terminal_id = "12ab"
        self.provider.behpardakht_terminal_id = "7654321"
        self.assertEqual(self.provider._behpardakht_gateway().terminal_id, 7654321)
