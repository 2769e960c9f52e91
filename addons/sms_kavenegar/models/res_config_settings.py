from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sms_provider = fields.Selection(related="company_id.sms_provider", required=True, readonly=False)
    sms_kavenegar_api_key = fields.Char(related="company_id.sms_kavenegar_api_key", readonly=False)
    sms_kavenegar_sender = fields.Char(related="company_id.sms_kavenegar_sender", readonly=False)
