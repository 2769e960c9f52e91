from odoo import api, models

from odoo.addons.municipality_base.tools.rate_limit import limit

#: The ``/toll/pay`` lookup's limits (``rate_limit.limit``: the prefix of its system parameters, default limit,
#: default window in seconds, whether the client is an IP address). Payment IDs are sequential: without a limit,
#: whoever knows a citizen's national ID could walk through the payment IDs to find their tolls.
RATE_LIMITS = {
    # tries from one address (generous: many subscribers share one carrier-grade NAT address)…
    "toll_pay": limit("municipality_finance_payment.toll_pay", 60, 3600, by_address=True),
    # …and for one national ID, from wherever they come (a citizen has few tolls to look up)
    "toll_pay_national_id": limit("municipality_finance_payment.toll_pay_national_id", 10, 3600),
}


class MunicipalityRateLimit(models.Model):
    """The toll payment lookup's actions, counted by ``municipality.rate.limit``."""

    _inherit = "municipality.rate.limit"

    @api.model
    def _rate_limits(self):
        return {**super()._rate_limits(), **RATE_LIMITS}
