import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.modules import module as odoo_module

from ..tools import rate_limit


class RateLimitExceeded(UserError):
    """A public action over its rate limit: a page answers with its 429 page, an API with a 429 error."""


def client_address():
    """The visitor's IP address as Odoo trusts it, what a public page counts by address. Behind the reverse
    proxy, with ``proxy_mode`` on, Odoo's ProxyFix has already replaced the proxy's address by the one the proxy
    wrote last in ``X-Forwarded-For`` (the real client; what the client itself wrote before is not trusted);
    without ``proxy_mode``, the TCP peer, and a forwarded header is only the client's own word, ignored."""
    return request.httprequest.remote_addr


ADD_HITS_SQL = """
    INSERT INTO municipality_rate_limit (client_key, action, window_start, hit_count)
         VALUES (%s, %s, %s, %s)
    ON CONFLICT (client_key, action, window_start)
      DO UPDATE SET hit_count = municipality_rate_limit.hit_count + EXCLUDED.hit_count
      RETURNING hit_count
"""


class MunicipalityRateLimit(models.Model):
    """How many times a client did an action of a public page or API in a fixed time window. A client is a
    keyed hash of what is counted: the IP address (an IPv6 /64), a mobile number, a national ID, an API
    client; never the value itself.

    The actions are declared by the addons that count them, by extending ``_rate_limits`` (action →
    ``rate_limit.limit(...)``: its system parameters, default limit and window, whether the client is an IP
    address). Counters live in the database so that the limits hold across Odoo workers. A hit is counted in
    a short transaction of its own, in READ COMMITTED, committed at once (``_hit``): the counter row is locked
    for the few microseconds of one ``INSERT … ON CONFLICT … RETURNING``, not for the whole HTTP request, and
    two requests of one client at the same moment both count, one after the other, without a serialization
    failure (which REPEATABLE READ, Odoo's level, gives the second one). The table is UNLOGGED: counters are
    not worth a write-ahead log, and a crash merely resets them. Old windows are deleted by the daily
    autovacuum.
    """

    _name = "municipality.rate.limit"
    _description = "Public Page Rate Limit Counter"
    _log_access = False
    _order = "window_start desc"

    client_key = fields.Char(
        required=True, readonly=True,
        help="Keyed hash of the client (IPv4 address or IPv6 /64 network, mobile number, national ID or API "
             "client), never the value itself.")
    action = fields.Char(required=True, readonly=True, help="What is counted, as the counting addon names it.")
    window_start = fields.Datetime(required=True, readonly=True)
    hit_count = fields.Integer(required=True, readonly=True, default=0)

    _client_action_window_unique = models.Constraint(
        "UNIQUE(client_key, action, window_start)",
        "A client has one counter per action and window.",
    )

    def init(self):
        self.env.cr.execute("""
            SELECT relpersistence FROM pg_class WHERE oid = 'municipality_rate_limit'::regclass
        """)
        if self.env.cr.fetchone()[0] != "u":
            self.env.cr.execute("ALTER TABLE municipality_rate_limit SET UNLOGGED")

    @api.model
    def _rate_limits(self):
        """The counted actions: action → ``rate_limit.Limit`` (built by ``rate_limit.limit``: the system
        parameters of the limit and window, their defaults, whether the client is an IP address). Addons add
        theirs."""
        return {}

    @api.model
    def _limit_and_window(self, action, declared=None):
        """The configured ``(limit, window in seconds)`` of ``action`` (``declared``: its declaration, when
        the caller already has it)."""
        declared = declared or self._rate_limits()[action]
        get_param = self.env["ir.config_parameter"].sudo().get_param
        limit = rate_limit.parse_positive_int(get_param(declared.limit_param), declared.default_limit)
        window = rate_limit.parse_positive_int(get_param(declared.window_param), declared.default_window) \
            or declared.default_window
        return limit, window

    @api.model
    def _hit(self, action, client, hits=1):
        """Count ``hits`` times ``action`` for ``client`` (an IP address for an action counted by address,
        else any value: a mobile number, a national ID, a record id) and tell whether it is still within the
        limit. A limit of 0 turns the limit off.

        The hit is committed at once in a transaction of its own: a refused or failing request still
        counts, and the counter is not locked while the request goes on."""
        declared = self._rate_limits()[action]
        limit, window = self._limit_and_window(action, declared)
        if not limit:
            return True
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        key = rate_limit.client_key(secret, client) if declared.by_address \
            else rate_limit.hashed_key(secret, action, client)
        args = (key, action, rate_limit.window_start(fields.Datetime.now(), window), hits)
        return self._count_apart(ADD_HITS_SQL, args)[0] <= limit

    @api.model
    def _count_apart(self, query, params):
        """Run one counting statement (``… RETURNING``) in a short transaction of its own and return its row.

        Tests run in one transaction that is rolled back: there, the statement runs in it, so that nothing
        outlives a test."""
        if odoo_module.current_test:
            return self._count_on(self.env.cr, query, params)
        with self.env.registry.cursor() as cr:
            return self._count_on(cr, query, params, own_transaction=True)

    @api.model
    def _count_on(self, cr, query, params, own_transaction=False):
        """Run ``query`` on ``cr`` and return its row. With ``own_transaction``, ``cr`` is a fresh cursor
        whose transaction only counts: it runs in READ COMMITTED, so a concurrent hit of the same client waits
        for the other's commit and then adds to it instead of failing with a serialization error."""
        if own_transaction:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        cr.execute(query, params)
        return cr.fetchone()

    @api.autovacuum
    def _gc_expired_windows(self):
        """Forget the counters of windows that ended, each action by its own window (daily, by the
        autovacuum cron)."""
        now = fields.Datetime.now()
        for action, declared in self._rate_limits().items():
            cutoff = now - datetime.timedelta(seconds=self._limit_and_window(action, declared)[1])
            self.env.cr.execute("DELETE FROM municipality_rate_limit WHERE action = %s AND window_start < %s",
                                (action, cutoff))
