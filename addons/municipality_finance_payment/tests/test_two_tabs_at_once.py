"""The same invoice paid from two browser tabs at once is paid once: two real transactions, each in its own
thread and database connection, post their bank callbacks at the same moment. The test commits what it
needs and removes it afterwards."""

import re
import threading

from psycopg2.errors import SerializationFailure
import requests

from odoo import SUPERUSER_ID, api, sql_db
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged

from odoo.addons.payment_behpardakht.tools.mellat_double import MellatDouble


@tagged("post_install", "-at_install")
class TestTwoTabsAtOnce(TransactionCase):

    def setUp(self):
        super().setUp()
        self.double = MellatDouble().start()
        self.addCleanup(self.double.stop)
        self.db = sql_db.db_connect(self.env.cr.dbname)

    def _cursor(self):
        """A real connection of its own (the registry's cursors are the test's in tests). The registry is
        passed in: looking it up by name would wait for the lock the test runner holds."""
        cr = self.db.cursor()
        cr.transaction = Transaction(self.registry)
        return cr

    def _setup_committed(self, env):
        """An IRR invoice of the main company, a Mellat terminal on the double, two transactions started."""
        company = env.ref("base.main_company")
        rial = env.ref("base.IRR")
        created = {"rial_was_active": rial.active}
        rial.active = True
        partner = env["res.partner"].create({"name": "شهروند دو زبانه"})
        created["partner"] = partner.id
        sale_journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "sale")], limit=1)
        bank_journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        invoice = env["account.move"].with_company(company).create({
            "move_type": "out_invoice", "partner_id": partner.id, "currency_id": rial.id,
            "journal_id": sale_journal.id,
            "invoice_line_ids": [(0, 0, {"name": "عوارض", "quantity": 1, "price_unit": 700_000,
                                         "tax_ids": [(5, 0, 0)]})],
        })
        created["invoice"] = invoice.id
        invoice.action_post()
        provider = env.ref("payment_behpardakht.payment_provider_behpardakht").copy({
            "name": "Mellat (two tabs)", "company_id": company.id, "state": "test",
            "behpardakht_terminal_id": str(self.double.terminal_id), "behpardakht_username": self.double.username,
            "behpardakht_password": self.double.password, "behpardakht_wsdl_url": self.double.wsdl_url,
            "behpardakht_payment_url": self.double.payment_url,
        })
        created["provider"] = provider.id
        provider.journal_id = bank_journal
        shetab = env.ref("payment_shaparak.payment_method_shetab")
        callbacks, txs = [], env["payment.transaction"]
        for tab in (1, 2):
            tx = env["payment.transaction"].create({
                "provider_id": provider.id, "payment_method_id": shetab.id, "amount": invoice.amount_residual,
                "currency_id": rial.id, "partner_id": partner.id, "operation": "online_redirect",
                "reference": f"TWO-TABS-{invoice.id}-{tab}", "invoice_ids": [(6, 0, invoice.ids)],
            })
            txs |= tx
            html = tx._get_processing_values()["redirect_form_html"]
            ref_id = re.search(r'name="RefId" value="([^"]+)"', html).group(1)
            page = requests.post(self.double.payment_url, data={"RefId": ref_id}, timeout=10)
            callbacks.append(dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page.text)))
        created["txs"] = txs.ids
        return created, callbacks

    def _cleanup(self, created):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            txs = env["payment.transaction"].browse(created.get("txs", []))
            payments = txs.payment_id
            if payments:
                payments.action_draft()
                payments.move_id.with_context(force_delete=True).unlink()
                payments.unlink()
            if created.get("invoice"):
                invoice = env["account.move"].browse(created["invoice"])
                invoice.button_draft()
                invoice.with_context(force_delete=True).unlink()
            txs.unlink()
            env["payment.provider"].browse(created.get("provider", [])).unlink()
            env["res.partner"].browse(created.get("partner", [])).unlink()
            env.ref("base.IRR").active = created["rial_was_active"]
            cr.commit()

    def test_two_tabs_pay_once(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            created, callbacks = self._setup_committed(env)
            self.addCleanup(self._cleanup, created)
            cr.commit()
        self.double.delays["bpVerifyRequest"] = 0.5  # both callbacks are in flight together
        barrier, errors, retries = threading.Barrier(2), [], []

        def tab(fields):
            """One tab's callback, as Odoo serves it: retried on a serialization failure."""
            try:
                with self._cursor() as cr:
                    cr.execute("SELECT 1")  # both snapshots are taken before either commits
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    barrier.wait(10)
                    for _attempt in range(5):
                        try:
                            env["payment.transaction"]._shaparak_handle_callback("behpardakht", fields)
                            env.flush_all()
                            # account's partner-rank hook opens a cursor through the registry lock, which the
                            # test runner holds: not what is tested here
                            cr.postcommit.clear()
                            cr.commit()
                            break
                        except SerializationFailure:
                            retries.append(fields["RefId"])
                            cr.rollback()
                            # what Odoo's retry does, without looking the registry up by name (see _cursor)
                            cr.transaction = Transaction(self.registry)
                            env = api.Environment(cr, SUPERUSER_ID, {})
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(repr(error))

        threads = [threading.Thread(target=tab, args=(fields,)) for fields in callbacks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors, [])
        self.assertEqual(len(retries), 1, "the second callback waited for the first, then ran again on what it did")
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            txs = env["payment.transaction"].browse(created["txs"])
            invoice = env["account.move"].browse(created["invoice"])
            self.assertEqual(sorted(txs.mapped("state")), ["done", "error"])
            self.assertEqual(len(txs.payment_id), 1, "one payment in the books")
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            self.assertEqual(invoice.amount_residual, 0)
            sales = [self.double.sale(tx.shaparak_token) for tx in txs]
            self.assertEqual(sorted((sale["settled"], sale["reversed"]) for sale in sales),
                             [(False, True), (True, False)], "the bank keeps one payment and returns the other")
