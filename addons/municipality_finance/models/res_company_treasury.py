from odoo import fields, models
from odoo.exceptions import UserError

#: Company field → xmlid of its default in the municipal chart (l10n_ir_municipality).
CHEQUE_ACCOUNT_DEFAULTS = {
    "cheque_in_hand_account_id": "irm_cheques_in_hand",
    "cheque_in_collection_account_id": "irm_cheques_in_collection",
    "cheque_issued_account_id": "irm_cheques_issued",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    cheque_in_hand_account_id = fields.Many2one(
        "account.account", string="Cheques Received in Hand Account", check_company=True,
        help="Debited when a received cheque is registered, credited when it is deposited or returned "
             "(102001 in the municipal chart).")
    cheque_in_collection_account_id = fields.Many2one(
        "account.account", string="Cheques in Collection Account", check_company=True,
        help="Debited when a received cheque is deposited at the bank, credited when it clears or bounces "
             "(102002 in the municipal chart).")
    cheque_issued_account_id = fields.Many2one(
        "account.account", string="Cheques Issued Account", check_company=True,
        help="Credited when the municipality issues a cheque, debited when it clears, bounces or is cancelled "
             "(302001 in the municipal chart).")

    def _municipality_cheque_accounts(self):
        """{'in_hand': account, 'collection': account, 'issued': account} of this company.

        The accounts set on the company, else those of the municipal chart
        (for companies whose chart was loaded before this addon set them).
        Raises a UserError naming what to configure when neither exists.
        """
        self.ensure_one()
        chart = self.env["account.chart.template"].with_company(self)
        accounts = {}
        for role, field_name in (("in_hand", "cheque_in_hand_account_id"),
                                 ("collection", "cheque_in_collection_account_id"),
                                 ("issued", "cheque_issued_account_id")):
            account = self[field_name] or chart.ref(CHEQUE_ACCOUNT_DEFAULTS[field_name], raise_if_not_found=False)
            if not account:
                raise UserError(self.env._(
                    "The company %(company)s has no “%(account)s” for cheques. Set it in Accounting settings "
                    "(Treasury) before posting cheques.",
                    company=self.name, account=self._fields[field_name].get_description(self.env)["string"]))
            accounts[role] = account
        return accounts
