from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cheque_in_hand_account_id = fields.Many2one(
        related="company_id.cheque_in_hand_account_id", readonly=False, check_company=True)
    cheque_in_collection_account_id = fields.Many2one(
        related="company_id.cheque_in_collection_account_id", readonly=False, check_company=True)
    cheque_issued_account_id = fields.Many2one(
        related="company_id.cheque_issued_account_id", readonly=False, check_company=True)
