"""The shared callback rules of payment_shaparak, on their own: Odoo's dummy provider (``PaymentCommon``)
plays a minimal gateway whose four hooks read a plain dict, and whose bank answer the test sets."""

from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment.models.payment_transaction import PaymentTransaction as BasePaymentTransaction
from odoo.addons.payment.tests.common import PaymentCommon
from odoo.addons.payment_shaparak.models.payment_transaction import PaymentTransaction as ShaparakTransaction

LOGGER = "odoo.addons.payment_shaparak"


@tagged("post_install", "-at_install")
class TestShaparakCallback(PaymentCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rial = cls.env.ref("base.IRR")
        cls.rial.active = True

    def setUp(self):
        super().setUp()
        self.bank_calls = []
        self.bank_answer = "done"
        test = self

        # The minimal gateway: a callback is {"reference", "amount", "paid", "sale_reference"}.
        def find(tx_model, provider_code, data):
            return tx_model.search([("provider_code", "=", provider_code), ("reference", "=", data["reference"])])

        def check(tx, data):
            if data["amount"] != str(tx.shaparak_amount):
                return f"the amount {data['amount']} is not {tx.shaparak_amount}"
            return None

        def paid(tx, data):
            return data["sale_reference"] if data["paid"] else None

        def confirm(tx, data, sale_reference, still_payable):
            test.bank_calls.append((tx.reference, sale_reference, still_payable))
            return {"reference": tx.reference, "status": test.bank_answer if sale_reference else "cancel"}

        def apply_updates(tx, payment_data):
            if tx.provider_code != "none":
                return
            if payment_data["status"] == "done":
                tx._set_done()
            elif payment_data["status"] == "cancel":
                tx._set_canceled()
            else:
                tx._set_error("The bank did not confirm the payment.")

        for name, function in [("_shaparak_find_from_callback", find), ("_shaparak_check_callback", check),
                               ("_shaparak_callback_paid", paid), ("_shaparak_confirm_with_bank", confirm)]:
            self.startPatcher(patch.object(ShaparakTransaction, name, function))
        self.startPatcher(patch.object(BasePaymentTransaction, "_apply_updates", apply_updates))
        self.startPatcher(patch.object(BasePaymentTransaction, "_extract_amount_data", lambda tx, data: None))

    def _pending_tx(self, reference="SHAPARAK-TEST-1"):
        tx = self._create_transaction("redirect", reference=reference, amount=450_000, currency_id=self.rial.id,
                                      state="pending")
        tx.shaparak_amount = tx._shaparak_amount_in_rials()
        return tx

    def _callback(self, tx, **values):
        data = dict({"reference": tx.reference, "amount": "450000", "paid": True, "sale_reference": "88001"},
                    **values)
        return self.env["payment.transaction"]._shaparak_handle_callback("none", data)

    def test_a_good_callback_is_processed_once(self):
        tx = self._pending_tx()
        self.assertEqual(self._callback(tx), tx)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.shaparak_sale_reference, "88001")
        self.assertEqual(self.bank_calls, [(tx.reference, "88001", True)])

    def test_a_replayed_callback_is_refused_without_asking_the_bank(self):
        tx = self._pending_tx()
        self._callback(tx)
        with self.assertLogs(LOGGER, "WARNING") as logs:
            self._callback(tx)
        self.assertIn("replayed: the transaction is already done", logs.output[0])
        self.assertEqual(len(self.bank_calls), 1, "the bank was asked once, for the first callback")
        self.assertEqual(tx.state, "done")

    def test_a_forged_amount_is_refused(self):
        tx = self._pending_tx()
        with self.assertLogs(LOGGER, "WARNING") as logs:
            self._callback(tx, amount="1000")
        self.assertIn("the amount 1000 is not 450000", logs.output[0])
        self.assertFalse(self.bank_calls)
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.shaparak_sale_reference)

    def test_a_bank_reference_pays_one_transaction(self):
        first, second = self._pending_tx("SHAPARAK-TEST-1"), self._pending_tx("SHAPARAK-TEST-2")
        self._callback(first)
        with self.assertLogs(LOGGER, "WARNING") as logs:
            self._callback(second)
        self.assertIn("the bank reference 88001 was already used", logs.output[0])
        self.assertEqual(second.state, "pending")
        self.assertEqual(len(self.bank_calls), 1)
        # The unique index holds even where the check is bypassed (two callbacks at once).
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            second.shaparak_sale_reference = "88001"
            second.flush_recordset(["shaparak_sale_reference"])

    def test_the_bank_saying_not_paid_leaves_the_transaction_unpaid(self):
        tx = self._pending_tx()
        self.bank_answer = "error"
        self._callback(tx)
        self.assertEqual(tx.state, "error")
        self.assertEqual(self.bank_calls, [(tx.reference, "88001", True)])

    def test_a_callback_saying_cancelled_is_not_paid(self):
        tx = self._pending_tx()
        self._callback(tx, paid=False, sale_reference="")
        self.assertEqual(tx.state, "cancel")
        self.assertFalse(tx.shaparak_sale_reference)
        self.assertEqual(self.bank_calls, [(tx.reference, None, True)])

    def test_a_callback_without_a_transaction_is_refused(self):
        with self.assertLogs(LOGGER, "WARNING") as logs:
            tx = self.env["payment.transaction"]._shaparak_handle_callback(
                "none", {"reference": "SHAPARAK-NOPE", "amount": "1", "paid": True, "sale_reference": "1"})
        self.assertFalse(tx)
        self.assertIn("no transaction matches it", logs.output[0])
        self.assertFalse(self.bank_calls)
