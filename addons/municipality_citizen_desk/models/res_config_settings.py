from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    office_sms_url = fields.Char(
        string="SMS Provider URL", config_parameter="municipality_citizen_desk.sms_url",
        help="HTTPS address of the provider's JSON API that sends one message.")
    office_sms_api_key = fields.Char(string="SMS API Key", config_parameter="municipality_citizen_desk.sms_api_key")
    office_sms_sender = fields.Char(string="SMS Sender Line", config_parameter="municipality_citizen_desk.sms_sender",
                                    help="The line (number) messages are sent from, for example 3000123.")
    office_sms_test_mode = fields.Boolean(
        string="SMS Test Mode", config_parameter="municipality_citizen_desk.sms_test_mode",
        help="Record messages instead of sending them (for training and tests).")
    citizen_desk_auto_close_days = fields.Integer(
        string="Close Unanswered Answers After (working days)",
        config_parameter="municipality_citizen_desk.auto_close_days", default=10,
        help="An answered request the citizen neither accepts nor contests is closed after this many working "
             "days (0: never).")
