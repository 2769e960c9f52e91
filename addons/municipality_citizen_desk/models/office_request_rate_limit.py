import datetime

from odoo import api, fields, models

from ..tools import open311

#: action → (system parameter of the limit, default limit, parameter of the window, default window in seconds)
RATE_LIMITS = {
    "submit": ("municipality_citizen_desk.public_submit_limit", 10, "municipality_citizen_desk.public_submit_window", 3600),
    "track": ("municipality_citizen_desk.public_track_limit", 60, "municipality_citizen_desk.public_track_window", 600),
    "list": ("municipality_citizen_desk.public_list_limit", 30, "municipality_citizen_desk.public_list_window", 600),
}


class OfficeRequestRateLimit(models.Model):
    """How many times a client (a keyed hash of its IP address) did an action
    of the public 137 portal or the Open311 API in a fixed time window.

    Counters live in the database so that the limits hold across Odoo
    workers; one ``INSERT … ON CONFLICT`` adds a hit and returns the count, so
    concurrent requests of a client cannot both pass the last free slot.
    Old windows are deleted by the daily autovacuum.
    """

    _name = "office.request.rate.limit"
    _description = "Citizen Request Rate Limit Counter"
    _log_access = False
    _order = "window_start desc"

    client_key = fields.Char(
        required=True, readonly=True,
        help="Keyed hash of the client's IPv4 address or IPv6 /64 network (never the address itself).")
    action = fields.Selection(
        [("submit", "Submit a request"), ("track", "Look up a tracking code"), ("list", "List requests")],
        required=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    hit_count = fields.Integer(required=True, readonly=True, default=0)

    _client_action_window_unique = models.Constraint(
        "UNIQUE(client_key, action, window_start)",
        "A client has one counter per action and window.",
    )

    @api.model
    def _limit_and_window(self, action):
        limit_param, default_limit, window_param, default_window = RATE_LIMITS[action]
        get_param = self.env["ir.config_parameter"].sudo().get_param
        limit = open311.parse_positive_int(get_param(limit_param), default_limit)
        window = open311.parse_positive_int(get_param(window_param), default_window) or default_window
        return limit, window

    @api.model
    def _hit(self, action, address, hits=1):
        """Count ``hits`` times ``action`` for the client at ``address`` and
        tell whether it is still within the limit. A limit of 0 turns the limit off."""
        limit, window = self._limit_and_window(action)
        if not limit:
            return True
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        self.env.cr.execute(
            """
            INSERT INTO office_request_rate_limit (client_key, action, window_start, hit_count)
                 VALUES (%s, %s, %s, %s)
            ON CONFLICT (client_key, action, window_start)
              DO UPDATE SET hit_count = office_request_rate_limit.hit_count + EXCLUDED.hit_count
              RETURNING hit_count
            """,
            (open311.client_key(secret, address), action, open311.window_start(fields.Datetime.now(), window), hits),
        )
        return self.env.cr.fetchone()[0] <= limit

    @api.autovacuum
    def _gc_expired_windows(self):
        """Forget the counters of windows that ended (daily, by the autovacuum cron)."""
        longest = max(self._limit_and_window(action)[1] for action in RATE_LIMITS)
        cutoff = fields.Datetime.now() - datetime.timedelta(seconds=longest)
        self.env.cr.execute("DELETE FROM office_request_rate_limit WHERE window_start < %s", (cutoff,))
