from odoo import api, fields, models

from ..tools import open311

#: The lookup by mobile number's limits, as ``RATE_LIMITS`` of ``office_request_rate_limit``:
#: action → (limit parameter, default limit, window parameter, default window in seconds).
LOOKUP_RATE_LIMITS = {
    # codes asked for from one address…
    "lookup_send": ("municipality_citizen_desk.lookup_send_limit", 10,
                    "municipality_citizen_desk.lookup_send_window", 3600),
    # …and for one mobile number, whoever asks (no one floods a citizen with SMS)
    "lookup_phone": ("municipality_citizen_desk.lookup_phone_limit", 3,
                     "municipality_citizen_desk.lookup_phone_window", 3600),
    # codes tried from one address
    "lookup_verify": ("municipality_citizen_desk.lookup_verify_limit", 20,
                      "municipality_citizen_desk.lookup_verify_window", 600),
}


class OfficeRequestRateLimit(models.Model):
    _inherit = "office.request.rate.limit"

    action = fields.Selection(selection_add=[
        ("lookup_send", "Ask for a lookup code"),
        ("lookup_phone", "Lookup codes sent to one number"),
        ("lookup_verify", "Try a lookup code"),
    ], ondelete={"lookup_send": "cascade", "lookup_phone": "cascade", "lookup_verify": "cascade"})

    @api.model
    def _limit_and_window(self, action):
        if action not in LOOKUP_RATE_LIMITS:
            return super()._limit_and_window(action)
        limit_param, default_limit, window_param, default_window = LOOKUP_RATE_LIMITS[action]
        get_param = self.env["ir.config_parameter"].sudo().get_param
        limit = open311.parse_positive_int(get_param(limit_param), default_limit)
        window = open311.parse_positive_int(get_param(window_param), default_window) or default_window
        return limit, window
