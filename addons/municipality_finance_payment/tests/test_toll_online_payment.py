"""A citizen pays a toll invoice online through Mellat (the local double, over real HTTP): each outcome of the
bank, and the invoice's and assessment's state after it."""

from odoo.tests import tagged

from .common import TollPaymentCase

LOGS = "odoo.addons"  # the payment and Shaparak loggers live under it


@tagged("post_install", "-at_install")
class TestTollOnlinePayment(TollPaymentCase):

    def _paid_messages(self, assessment):
        return assessment.message_ids.filtered(lambda message: "Paid:" in (message.body or ""))

    def _operations(self):
        return [operation for operation, _params in self.double.calls]

    def _refresh(self, *records):
        self.env.invalidate_all()
        return records

    def _assert_unpaid(self, assessment):
        self.env.invalidate_all()
        self.assertEqual(assessment.invoice_id.payment_state, "not_paid")
        self.assertEqual(assessment.state, "confirmed")
        self.assertFalse(self._paid_messages(assessment))

    def _assert_paid_once(self, assessment):
        self.env.invalidate_all()
        invoice = assessment.invoice_id
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(assessment.state, "paid")
        self.assertEqual(len(self._paid_messages(assessment)), 1, "_on_paid ran once")
        payments = self.env["account.payment"].search([("invoice_ids", "in", invoice.ids)])
        self.assertEqual(len(payments), 1)
        self.assertEqual(payments.journal_id, self.bank_journal, "the payment is in the treasury journal")
        self.assertEqual(payments.amount, invoice.amount_total)
        return payments

    # ------------------------------------------------------------------
    def test_paid(self):
        assessment = self._assess()
        self.assertEqual(assessment.invoice_id.amount_residual, 1_250_000)
        tx, values = self._start_payment(assessment.invoice_id)
        self.assertEqual(values["state"], "draft")
        self.assertEqual(self.double.calls[-1][1]["amount"], "1250000", "the amount asked is the invoice's, in rials")
        self.assertEqual(tx.shaparak_amount, 1_250_000)
        fields = self._at_the_bank(values)
        response = self._callback(fields)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/payment/status"))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.provider_reference, fields["SaleReferenceId"])
        self.assertEqual(self._operations()[-2:], ["bpVerifyRequest", "bpSettleRequest"])
        self.assertTrue(self.double.sale(tx.shaparak_token)["settled"])
        payment = self._assert_paid_once(assessment)
        self.assertEqual(tx.payment_id, payment)

    def test_cancelled_at_the_bank(self):
        assessment = self._assess()
        tx, _values = self._start_payment(assessment.invoice_id)
        self._callback(self.double.pay(tx.shaparak_token, res_code="17"))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "cancel")
        self.assertNotIn("bpVerifyRequest", self._operations())
        self._assert_unpaid(assessment)

    def test_verify_failed_then_reversed(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        self.double.codes["bpVerifyRequest"] = "55"
        with self.assertLogs(LOGS, "WARNING") as logs:
            self._callback(self._at_the_bank(values))
        self.assertIn("failed with code 55", "\n".join(logs.output))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "error")
        self.assertIn("72", tx.state_message)
        self.assertEqual(self._operations()[-2:], ["bpVerifyRequest", "bpReversalRequest"])
        self.assertTrue(self.double.sale(tx.shaparak_token)["reversed"])
        self._assert_unpaid(assessment)

    def test_settle_already_settled_counts_as_settled(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        self.double.codes["bpSettleRequest"] = "45"
        self._callback(self._at_the_bank(values))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self.assertNotIn("bpReversalRequest", self._operations())
        self._assert_paid_once(assessment)

    def test_settle_refused_is_reversed(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        self.double.codes["bpSettleRequest"] = "61"
        self._callback(self._at_the_bank(values))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "error")
        self.assertEqual(self._operations()[-1], "bpReversalRequest")
        self._assert_unpaid(assessment)

    def test_replayed_callback_is_refused_and_pays_nothing_twice(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        fields = self._at_the_bank(values)
        self._callback(fields)
        calls = len(self.double.calls)
        with self.assertLogs(LOGS, "WARNING") as logs:
            self._callback(fields)
        self.assertIn("replayed", "\n".join(logs.output))
        self.assertEqual(len(self.double.calls), calls, "a replay does not reach the bank")
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self._assert_paid_once(assessment)

    def test_forged_callbacks_are_refused(self):
        assessment = self._assess()
        other = self._assess(area=10)
        tx, values = self._start_payment(assessment.invoice_id)
        other_tx, _other_values = self._start_payment(other.invoice_id)
        fields = self._at_the_bank(values)
        forgeries = {
            "wrong amount": dict(fields, FinalAmount="1000"),
            "another transaction's order": dict(fields, SaleOrderId=str(other_tx.id)),
            "another transaction's token": dict(fields, RefId=other_tx.shaparak_token),
            "an unknown token": dict(fields, RefId="AF000000"),
        }
        for name, forged in forgeries.items():
            with self.subTest(name), self.assertLogs(LOGS, "WARNING") as logs:
                self._callback(forged)
                self.assertIn("Refused a behpardakht callback", "\n".join(logs.output))
        self.assertNotIn("bpVerifyRequest", self._operations(), "nothing forged reached the bank's verify")
        self.env.invalidate_all()
        self.assertEqual((tx | other_tx).mapped("state"), ["draft", "draft"])
        self._assert_unpaid(assessment)
        self._assert_unpaid(other)
        # the genuine callback still pays
        self._callback(fields)
        self._assert_paid_once(assessment)

    def test_a_sale_reference_pays_once(self):
        first, second = self._assess(), self._assess(area=10)
        first_tx, first_values = self._start_payment(first.invoice_id)
        second_tx, _second_values = self._start_payment(second.invoice_id)
        first_fields = self._at_the_bank(first_values)
        self._callback(first_fields)
        reused = {"RefId": second_tx.shaparak_token, "ResCode": "0", "SaleOrderId": str(second_tx.id),
                  "SaleReferenceId": first_fields["SaleReferenceId"]}
        with self.assertLogs(LOGS, "WARNING") as logs:
            self._callback(reused)
        self.assertIn("already used", "\n".join(logs.output))
        self.env.invalidate_all()
        self.assertEqual(second_tx.state, "draft")
        self._assert_unpaid(second)
        self._assert_paid_once(first)

    def test_verify_timeout_then_inquiry_pays(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        self.double.lost_answers.add("bpVerifyRequest")  # verified at the bank, the answer lost on the way
        with self.assertLogs(LOGS, "WARNING") as logs:
            self._callback(self._at_the_bank(values))
        self.assertIn("asking by inquiry", "\n".join(logs.output))
        self.assertEqual(self._operations()[-3:], ["bpVerifyRequest", "bpInquiryRequest", "bpSettleRequest"])
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self._assert_paid_once(assessment)

    def test_verify_and_inquiry_timeout_reverse(self):
        assessment = self._assess()
        tx, values = self._start_payment(assessment.invoice_id)
        self.double.lost_answers.update({"bpVerifyRequest", "bpInquiryRequest"})
        with self.assertLogs(LOGS, "WARNING"):
            self._callback(self._at_the_bank(values))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "error")
        self.assertEqual(self._operations()[-1], "bpReversalRequest")
        self._assert_unpaid(assessment)

    def test_bank_unreachable_tells_the_citizen_and_pays_nothing(self):
        assessment = self._assess()
        self.mellat.behpardakht_wsdl_url = "http://127.0.0.1:9/pgwchannel/services/pgw?wsdl"
        with self.assertLogs(LOGS, "WARNING"):
            tx, values = self._start_payment(assessment.invoice_id)
        self.assertEqual(values["state"], "error")
        self.assertIn("cannot be reached", values["state_message"])
        self.env.invalidate_all()
        self.assertEqual(tx.state, "error")
        self.assertFalse(tx.shaparak_token)
        self._assert_unpaid(assessment)

    def test_the_unreachable_message_is_in_persian(self):
        tx = self.env["payment.transaction"].with_context(lang="fa_IR")
        self.env["res.lang"]._activate_lang("fa_IR")
        self.assertIn("درگاه", tx._shaparak_unreachable_message())

    def test_a_second_tab_paying_a_paid_invoice_is_reversed(self):
        assessment = self._assess()
        first_tx, first_values = self._start_payment(assessment.invoice_id)
        second_tx, second_values = self._start_payment(assessment.invoice_id)
        first_fields, second_fields = self._at_the_bank(first_values), self._at_the_bank(second_values)
        self._callback(first_fields)
        self._callback(second_fields)
        self.env.invalidate_all()
        self.assertEqual(first_tx.state, "done")
        self.assertEqual(second_tx.state, "error")
        self.assertIn("already paid", second_tx.state_message)
        self.assertTrue(self.double.sale(second_tx.shaparak_token)["reversed"])
        self.assertFalse(self.double.sale(second_tx.shaparak_token)["settled"])
        self._assert_paid_once(assessment)

    def test_bank_deposit_payment_id_still_works(self):
        """The slip's payment ID is the invoice's payment reference: the treasury matches a deposit with it."""
        assessment = self._assess()
        self.assertEqual(assessment.invoice_id.payment_reference, assessment.payment_id)
        assessment._pay_in_full(journal=self.bank_journal)
        self._assert_paid_once(assessment)

    # ------------------------------------------------------------------
    # Without an account
    # ------------------------------------------------------------------
    def test_lookup_by_payment_id_and_national_id(self):
        assessment = self._assess()
        self.authenticate(None, None)
        page = self.url_open("/toll/pay")
        self.assertEqual(page.status_code, 200)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        found = self.url_open("/toll/pay", data={"csrf_token": csrf, "payment_id": assessment.payment_id,
                                                 "national_id": "۰۴۹۹۳۷۰۸۹۹"}, allow_redirects=False)
        self.assertEqual(found.status_code, 303)
        self.assertIn(f"/my/invoices/{assessment.invoice_id.id}?access_token=", found.headers["Location"])
        self.assertTrue(assessment._get_online_payment_url().endswith(found.headers["Location"].split("/", 3)[-1]))
        invoice_page = self.url_open(found.headers["Location"])
        self.assertEqual(invoice_page.status_code, 200)
        self.assertIn("Pay Now", invoice_page.text)
        for payment_id, national_id in [(assessment.payment_id, "2931055786"), ("1234", "0499370899"),
                                        (assessment.payment_id, "")]:
            with self.subTest(payment_id=payment_id, national_id=national_id):
                missed = self.url_open("/toll/pay", data={"csrf_token": csrf, "payment_id": payment_id,
                                                          "national_id": national_id})
                self.assertEqual(missed.status_code, 404)
                self.assertNotIn("access_token", missed.text)

    def test_portal_tour_pays_with_payment_demo(self):
        assessment = self._assess()
        demo = self.env.ref("payment.payment_provider_demo").copy(
            {"company_id": self.company.id, "state": "disabled",
             "payment_method_ids": [(6, 0, self.env.ref("payment_demo.payment_method_demo").ids)],
             "available_currency_ids": [(6, 0, self.company.currency_id.ids)]})
        demo.write({"state": "test", "is_published": True})  # as the administrator turns it on
        demo.journal_id = self.bank_journal
        self.mellat.state = "disabled"
        self.start_tour("/my/invoices", "municipality_finance_payment_pay_toll",
                        login=self.citizen_user.login)
        self.env.invalidate_all()
        self.assertEqual(assessment.state, "paid")
        self.assertEqual(len(self._paid_messages(assessment)), 1)

    def test_payment_demo_is_off_without_demo_data(self):
        """Odoo's demo provider pays without money: a database without demo data never offers it."""
        demo_provider = self.env.ref("payment.payment_provider_demo")
        if self.env.ref("base.module_municipality_finance_payment").demo:
            self.assertEqual(demo_provider.state, "test")  # the demo database: anyone can click Pay
        else:
            self.assertEqual(demo_provider.state, "disabled")
            self.assertFalse(demo_provider.is_published)
