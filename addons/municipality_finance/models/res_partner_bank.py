from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits
from odoo.addons.municipality_base.tools.identifiers import is_valid_sheba


def _as_sheba(acc_number):
    """``acc_number`` written as a Sheba (IR and 24 Latin digits, no spaces) when it is
    given as one, i.e. starts with IR once spaces and Persian digits are normalised; else ``None``."""
    if not isinstance(acc_number, str):
        return None
    compact = normalize_digits(acc_number).replace(" ", "").replace("\u200c", "").upper()
    return compact if compact.startswith("IR") else None


class ResPartnerBank(models.Model):
    """Iranian bank accounts are given as Sheba (شبا) and checked by its mod-97 digits."""

    _inherit = "res.partner.bank"

    is_sheba = fields.Boolean(
        string="Sheba", compute="_compute_is_sheba", store=True,
        help="The account number is a valid Iranian IBAN (Sheba): IR and 24 digits.")

    @api.depends("acc_number")
    def _compute_is_sheba(self):
        for account in self:
            account.is_sheba = is_valid_sheba(account.acc_number or "")

    @api.model
    def _normalize_sheba_vals(self, vals):
        sheba = _as_sheba(vals.get("acc_number"))
        if sheba:
            vals = dict(vals, acc_number=sheba)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_sheba_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_sheba_vals(vals))

    @api.constrains("acc_number")
    def _check_sheba(self):
        for account in self:
            sheba = _as_sheba(account.acc_number)
            if sheba and not is_valid_sheba(sheba):
                raise ValidationError(self.env._(
                    "%(number)s is not a valid Sheba number. A Sheba is IR followed by 24 digits whose check "
                    "digits match (for example IR820540102680020817909002); check the number on the bank's "
                    "documents and type it again.", number=account.acc_number))
        self.env["account.journal"].search([("bank_account_id", "in", self.ids)])._check_municipal_bank_sheba()
