"""The rate-limit counters: one short transaction of their own per hit, concurrent hits of one client both
count, an unlogged table, keyed hashes instead of addresses, fixed windows, the autovacuum."""

import datetime
import secrets
import threading
import time
from unittest.mock import patch

from odoo import fields
from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, tagged

from ..models.municipality_rate_limit import ADD_HITS_SQL
from ..tools import rate_limit


@tagged("post_install", "-at_install")
class TestRateLimitTransactions(TransactionCase):
    """Counters are counted apart from the HTTP request's transaction (these tests open real transactions
    and remove what they committed)."""

    def setUp(self):
        super().setUp()
        # An action of this test's own, counted by address (the addons declare theirs by extending
        # ``_rate_limits``).
        limits = {"test_track": rate_limit.limit("municipality_base.test_track", 300, 600, by_address=True)}
        patcher = patch.object(type(self.env["municipality.rate.limit"]), "_rate_limits", lambda _self: limits)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _delete_counters(self, key):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM municipality_rate_limit WHERE client_key = %s", (key,))

    def test_two_requests_of_one_client_at_once_both_count_without_serialization_failure(self):
        RateLimit = self.env["municipality.rate.limit"]
        key, window = f"test-{secrets.token_hex(8)}", datetime.datetime(2000, 1, 1)
        self.addCleanup(self._delete_counters, key)
        first_cr, second_cr = self.registry.cursor(), self.registry.cursor()
        self.addCleanup(first_cr.close)
        self.addCleanup(second_cr.close)
        # The first request counts and has not committed yet: it holds the counter row.
        self.assertEqual(RateLimit._count_on(first_cr, ADD_HITS_SQL, (key, "test_track", window, 1), True), (1,))
        outcome = {}

        def second_request():
            try:
                outcome["row"] = RateLimit._count_on(second_cr, ADD_HITS_SQL, (key, "test_track", window, 1), True)
                second_cr.commit()
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcome["error"] = error
                second_cr.rollback()

        thread = threading.Thread(target=second_request)
        thread.start()
        backend = second_cr._cnx.get_backend_pid()
        for _attempt in range(100):  # the second waits for the first's row lock
            with self.registry.cursor() as probe:
                probe.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (backend,))
                if (probe.fetchone() or [None])[0] == "Lock":
                    break
            time.sleep(0.05)
        else:
            self.fail("the second transaction never waited for the first one")
        first_cr.commit()
        thread.join(10)
        self.assertEqual(outcome, {"row": (2,)}, "both hits count, one after the other, without an error")

    def test_a_hit_is_committed_at_once_in_its_own_transaction(self):
        """Outside tests, a hit does not wait for the end of the HTTP request: another transaction sees it at
        once (and the counter row is not held by the request)."""
        RateLimit = self.env["municipality.rate.limit"]
        address = "192.0.2.177"
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        key = rate_limit.client_key(secret, address)
        self.addCleanup(self._delete_counters, key)
        with patch.object(odoo_module, "current_test", None):
            self.assertTrue(RateLimit._hit("test_track", address))
        with self.registry.cursor() as cr:
            cr.execute("SELECT sum(hit_count) FROM municipality_rate_limit WHERE client_key = %s", (key,))
            self.assertEqual(cr.fetchone()[0], 1)

    def test_counters_are_an_unlogged_table(self):
        self.env.cr.execute("SELECT relpersistence FROM pg_class WHERE oid = 'municipality_rate_limit'::regclass")
        self.assertEqual(self.env.cr.fetchone()[0], "u")

    def test_counters_per_client_and_window_and_forgotten_by_the_autovacuum(self):
        """Counters are rows (shared by every worker), per client and window; 0 turns a limit off; the
        autovacuum forgets old windows; the client's address itself is never stored."""
        RateLimit = self.env["municipality.rate.limit"]
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("municipality_base.test_track_limit", "2")
        self.assertTrue(RateLimit._hit("test_track", "203.0.113.7"))
        self.assertTrue(RateLimit._hit("test_track", "203.0.113.7"))
        self.assertFalse(RateLimit._hit("test_track", "203.0.113.7"))
        self.assertTrue(RateLimit._hit("test_track", "198.51.100.1"), "another client has its own counter")
        counters = RateLimit.search([("action", "=", "test_track")])
        self.assertEqual(sorted(counters.mapped("hit_count")), [1, 3])
        self.assertFalse(any("203.0.113.7" in key for key in counters.mapped("client_key")))
        later = fields.Datetime.now() + datetime.timedelta(minutes=11)
        with patch("odoo.fields.Datetime.now", return_value=later):
            self.assertTrue(RateLimit._hit("test_track", "203.0.113.7"), "the next window starts afresh")
        params.set_param("municipality_base.test_track_limit", "0")
        self.assertTrue(all(RateLimit._hit("test_track", "203.0.113.7") for _attempt in range(5)))
        with patch("odoo.fields.Datetime.now", return_value=later + datetime.timedelta(hours=2)):
            RateLimit._gc_expired_windows()
        self.assertFalse(RateLimit.search([("action", "=", "test_track")]))
