from decimal import Decimal

from odoo import fields, models

from ..tools.amount_words import MINUS, SEPARATOR, amount_to_words_fa


class ResCurrency(models.Model):
    _inherit = "res.currency"

    words_unit_fa = fields.Char(
        string="Unit in Persian Words",
        help="What follows an amount written in Persian words on cheques and receipts, for example ریال. "
             "Kept on the currency so that a redenominated rial is a new record, not a code change.")

    def amount_to_text_fa(self, amount):
        """``amount`` in formal Persian words with this currency's unit, as cheques print it.

        1,250,000 rials → «یک میلیون و دویست و پنجاه هزار ریال». The amount is
        rounded to the currency first; a remaining fraction is said in the
        subunit (12.5 dollars → «دوازده دلار و پنجاه سنت»). The unit is *Unit in
        Persian Words*, else the currency's unit name (in Persian when Persian
        is installed).
        """
        self.ensure_one()
        persian_installed = self.env["res.lang"].search_count([("code", "=", "fa_IR")])
        persian = self.with_context(lang="fa_IR") if persian_installed else self
        unit = self.words_unit_fa or persian.currency_unit_label or self.name
        value = Decimal(str(self.round(amount)))
        whole, fraction = divmod(abs(value), 1)
        words = amount_to_words_fa(int(whole), unit=unit)
        subunits = int((fraction * 10 ** self.decimal_places).to_integral_value())
        if subunits:
            words += SEPARATOR + amount_to_words_fa(subunits, unit=persian.currency_subunit_label or "")
        return f"{MINUS} {words}" if value < 0 else words
