from odoo import fields, models

from odoo.addons.sms_kavenegar.sms_api import SmsApiKavenegar


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        string="SMS Provider",
        selection=[("iap", "Send via Odoo"), ("kavenegar", "Send via Kavenegar")],
        # Kavenegar by default: Odoo's IAP would send a citizen's number and text to servers abroad
        # (issue 15 item 18). Until its API key is set, a message fails as "unregistered account"
        # and nothing leaves the server.
        default="kavenegar",
    )
    sms_kavenegar_api_key = fields.Char("Kavenegar API Key", groups="base.group_system")
    sms_kavenegar_sender = fields.Char(
        "Kavenegar Sender Line",
        help="The line the messages come from (e.g. 10004346). Empty: the account's default line.")

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.sms_provider == "kavenegar":
            return SmsApiKavenegar
        return super()._get_sms_api_class()
