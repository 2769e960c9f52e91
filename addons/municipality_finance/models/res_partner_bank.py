from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits
from odoo.addons.municipality_base.tools.identifiers import is_valid_sheba


def _as_sheba(acc_number):
    """``acc_number`` written as a Sheba (IR and 24 Latin digits, no spaces) when it is
    given as one, i.e. starts with IR once spaces and Persian digits are normalised; else ``None``."""
    if not isinstance(acc_number, str):
        return None
    compact = normalize_digits(acc_number).replace(" ", "").replace("\u200c", "").upper()
    return compact if compact.startswith("IR") else None


ACCOUNTANT_GROUP = "municipality_finance.group_finance_accountant"
#: Changing one of these makes the account another account: it must be trusted again.
_IDENTITY_FIELDS = ("acc_number", "partner_id")


class ResPartnerBank(models.Model):
    """Iranian bank accounts are given as Sheba (شبا) and checked by its mod-97 digits.

    Bank accounts decide where the municipality's money goes, so only finance
    accountants (and up) create, change or delete them; every change is
    tracked in the account's chatter (Odoo's ``account`` makes it a
    mail.thread). An account is paid to only once it is trusted
    (``allow_out_payment``), and it is trusted by an accountant other than the
    one who last set its number or holder (``number_changed_by_id``); changing
    either makes it untrusted again.
    """

    _inherit = "res.partner.bank"

    is_sheba = fields.Boolean(
        string="Sheba", compute="_compute_is_sheba", store=True,
        help="The account number is a valid Iranian IBAN (Sheba): IR and 24 digits.")
    number_changed_by_id = fields.Many2one(
        "res.users", string="Number Set By", readonly=True, copy=False, tracking=True,
        help="Who last set the account number or its holder; someone else trusts the account for payments.")

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
        self._check_finance_may_change()
        vals_list = [self._normalize_sheba_vals(vals) for vals in vals_list]
        if not self.env.su:
            # A new account is trusted later, by another accountant.
            vals_list = [dict(vals, allow_out_payment=False, number_changed_by_id=self.env.uid)
                         for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        self._check_finance_may_change()
        vals = self._normalize_sheba_vals(vals)
        changed = self._identity_changed(vals)
        if changed and changed != self:
            return (self - changed).write(vals) and changed.write(vals)
        if changed:  # another account now: it is trusted again, by someone else
            vals = dict(vals, allow_out_payment=False, number_changed_by_id=self.env.uid)
        elif vals.get("allow_out_payment"):
            self._check_trusted_by_another()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_finance(self):
        self._check_finance_may_change()

    def _check_finance_may_change(self):
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT_GROUP):
            raise AccessError(self.env._(
                "Only finance accountants create, change or delete bank accounts (Sheba): they decide where the "
                "municipality's money goes."))

    def _identity_changed(self, vals):
        """Those of ``self`` whose number or holder ``vals`` changes."""
        names = [name for name in _IDENTITY_FIELDS if name in vals]
        if not names:
            return self.browse()
        return self.filtered(lambda account: any(
            account[name] != account._fields[name].convert_to_record(
                account._fields[name].convert_to_cache(vals[name], account), account)
            for name in names))

    def _check_trusted_by_another(self):
        """Trusting an account for payments is the second pair of eyes on its number."""
        if self.env.su:
            return
        for account in self:
            if not account.allow_out_payment and account.number_changed_by_id == self.env.user:
                raise AccessError(self.env._(
                    "You set the number of the bank account %(account)s yourself: another finance accountant "
                    "checks it and trusts it for payments.", account=account.display_name))

    def _user_can_trust(self):
        return super()._user_can_trust() and (self.env.su or self.env.user.has_group(ACCOUNTANT_GROUP))

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
