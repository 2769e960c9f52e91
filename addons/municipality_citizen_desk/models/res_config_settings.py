from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    citizen_desk_auto_close_days = fields.Integer(
        string="Close Unanswered Answers After (working days)",
        config_parameter="municipality_citizen_desk.auto_close_days", default=10,
        help="An answered request the citizen neither accepts nor contests is closed after this many working "
             "days (0: never).")
