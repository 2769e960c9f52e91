from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import CODE
from ..tools import mellat


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(selection_add=[(CODE, "Behpardakht Mellat")], ondelete={CODE: "set default"})
    behpardakht_terminal_id = fields.Char(
        string="Terminal ID", required_if_provider=CODE, copy=False,
        help="The merchant terminal number Bank Mellat gave the municipality (digits).")
    behpardakht_username = fields.Char(string="Username", required_if_provider=CODE, copy=False,
                                       groups="base.group_system")
    behpardakht_password = fields.Char(string="Password", required_if_provider=CODE, copy=False,
                                       groups="base.group_system")
    behpardakht_wsdl_url = fields.Char(
        string="Web Service (WSDL) URL", default=mellat.WSDL_URL, required_if_provider=CODE,
        help="Bank Mellat's SOAP service. Change it only for a test gateway.")
    behpardakht_payment_url = fields.Char(
        string="Payment Page URL", default=mellat.PAYMENT_URL, required_if_provider=CODE,
        help="The bank's page the citizen's browser is sent to with the payment token (RefId).")
    behpardakht_timeout = fields.Integer(
        string="Bank Timeout (seconds)", default=20,
        help="How long to wait for each answer of the bank; past it the bank is taken as unreachable "
             "(a verify is then followed by an inquiry).")

    _behpardakht_timeout_positive = models.Constraint(
        "CHECK(behpardakht_timeout IS NULL OR behpardakht_timeout > 0)", "The bank timeout is a positive number "
        "of seconds.")

    @api.constrains("code", "behpardakht_terminal_id")
    def _check_behpardakht_terminal_id(self):
        for provider in self.filtered(lambda p: p.code == CODE and p.behpardakht_terminal_id):
            if not (provider.behpardakht_terminal_id.isascii() and provider.behpardakht_terminal_id.isdigit()):
                raise ValidationError(self.env._(
                    "The Mellat terminal ID is a number (Latin digits), not “%(terminal)s”.",
                    terminal=provider.behpardakht_terminal_id))

    def _get_supported_currencies(self):
        """Mellat takes rials only."""
        currencies = super()._get_supported_currencies()
        if self.code == CODE:
            currencies = currencies.filtered(lambda currency: currency.name == "IRR")
        return currencies

    def _get_default_payment_method_codes(self):
        self.ensure_one()
        if self.code != CODE:
            return super()._get_default_payment_method_codes()
        return {"shetab"}

    def _behpardakht_gateway(self):
        """The terminal as a :class:`~..tools.mellat.MellatGateway`."""
        self.ensure_one()
        provider = self.sudo()
        return mellat.MellatGateway(
            provider.behpardakht_terminal_id, provider.behpardakht_username, provider.behpardakht_password,
            provider.behpardakht_wsdl_url, provider.behpardakht_timeout or 20)
