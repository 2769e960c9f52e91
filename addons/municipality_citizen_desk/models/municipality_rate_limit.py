from odoo import api, models

#: The 137 desk's public actions: action → (system parameter of the limit, default limit, parameter of the
#: window, default window in seconds, whether the client is an IP address). Per-address limits are generous:
#: Iranian mobile operators put many subscribers behind one carrier-grade NAT address. What one citizen may do
#: is limited by their mobile number (``submit_phone``) and what one city app may post by its API key
#: (``api_post``).
RATE_LIMITS = {
    "submit": ("municipality_citizen_desk.public_submit_limit", 60,
               "municipality_citizen_desk.public_submit_window", 3600, True),
    "submit_phone": ("municipality_citizen_desk.public_submit_phone_limit", 10,
                     "municipality_citizen_desk.public_submit_phone_window", 86400, False),
    "api_post": ("municipality_citizen_desk.open311_post_limit", 1000,
                 "municipality_citizen_desk.open311_post_window", 3600, False),
    "track": ("municipality_citizen_desk.public_track_limit", 300,
              "municipality_citizen_desk.public_track_window", 600, True),
    "list": ("municipality_citizen_desk.public_list_limit", 120,
             "municipality_citizen_desk.public_list_window", 600, True),
    # the lookup by mobile number: codes asked for from one address…
    "lookup_send": ("municipality_citizen_desk.lookup_send_limit", 10,
                    "municipality_citizen_desk.lookup_send_window", 3600, False),
    # …and for one mobile number, whoever asks (no one floods a citizen with SMS)
    "lookup_phone": ("municipality_citizen_desk.lookup_phone_limit", 3,
                     "municipality_citizen_desk.lookup_phone_window", 3600, False),
    # codes tried from one address
    "lookup_verify": ("municipality_citizen_desk.lookup_verify_limit", 20,
                      "municipality_citizen_desk.lookup_verify_window", 600, False),
}


class MunicipalityRateLimit(models.Model):
    """The 137 portal's and the Open311 API's actions, counted by ``municipality.rate.limit``."""

    _inherit = "municipality.rate.limit"

    @api.model
    def _rate_limits(self):
        return {**super()._rate_limits(), **RATE_LIMITS}
