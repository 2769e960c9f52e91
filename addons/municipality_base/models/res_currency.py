from odoo import fields, models


class ResCurrency(models.Model):
    _inherit = "res.currency"

    words_unit_fa = fields.Char(
        string="Unit in Persian Words",
        help="What follows an amount written in Persian words on cheques and receipts, for example ریال. "
             "Kept on the currency so that a redenominated rial is a new record, not a code change.")
