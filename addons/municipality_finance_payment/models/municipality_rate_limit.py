from odoo import api, models

#: The ``/toll/pay`` lookup's limits: action → (system parameter of the limit, default limit, parameter of the
#: window, default window in seconds, whether the client is an IP address). Payment IDs are sequential: without
#: a limit, whoever knows a citizen's national ID could walk through the payment IDs to find their tolls.
RATE_LIMITS = {
    # tries from one address (generous: many subscribers share one carrier-grade NAT address)…
    "toll_pay": ("municipality_finance_payment.toll_pay_limit", 60,
                 "municipality_finance_payment.toll_pay_window", 3600, True),
    # …and for one national ID, from wherever they come (a citizen has few tolls to look up)
    "toll_pay_national_id": ("municipality_finance_payment.toll_pay_national_id_limit", 10,
                             "municipality_finance_payment.toll_pay_national_id_window", 3600, False),
}


class MunicipalityRateLimit(models.Model):
    """The toll payment lookup's actions, counted by ``municipality.rate.limit``."""

    _inherit = "municipality.rate.limit"

    @api.model
    def _rate_limits(self):
        return {**super()._rate_limits(), **RATE_LIMITS}
