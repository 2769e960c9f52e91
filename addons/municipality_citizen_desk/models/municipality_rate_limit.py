from odoo import api, models

from odoo.addons.municipality_base.tools.rate_limit import limit

#: The 137 desk's public actions: action → its limit per window (``rate_limit.limit``: the prefix of its system
#: parameters, default limit, default window in seconds, whether the client is an IP address). Per-address
#: limits are generous: Iranian mobile operators put many subscribers behind one carrier-grade NAT address. What
#: one citizen may do is limited by their mobile number (``submit_phone``) and what one city app may post by its
#: API key (``api_post``).
RATE_LIMITS = {
    "submit": limit("municipality_citizen_desk.public_submit", 60, 3600, by_address=True),
    "submit_phone": limit("municipality_citizen_desk.public_submit_phone", 10, 86400),
    "api_post": limit("municipality_citizen_desk.open311_post", 1000, 3600),
    "track": limit("municipality_citizen_desk.public_track", 300, 600, by_address=True),
    "list": limit("municipality_citizen_desk.public_list", 120, 600, by_address=True),
    # the lookup by mobile number: codes asked for from one address…
    "lookup_send": limit("municipality_citizen_desk.lookup_send", 10, 3600),
    # …and for one mobile number, whoever asks (no one floods a citizen with SMS)
    "lookup_phone": limit("municipality_citizen_desk.lookup_phone", 3, 3600),
    # codes tried from one address
    "lookup_verify": limit("municipality_citizen_desk.lookup_verify", 20, 600),
}


class MunicipalityRateLimit(models.Model):
    """The 137 portal's and the Open311 API's actions, counted by ``municipality.rate.limit``."""

    _inherit = "municipality.rate.limit"

    @api.model
    def _rate_limits(self):
        return {**super()._rate_limits(), **RATE_LIMITS}
