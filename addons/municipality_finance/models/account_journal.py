from odoo import api, models
from odoo.exceptions import ValidationError


class AccountJournal(models.Model):
    _inherit = "account.journal"

    @api.constrains("bank_account_id", "type", "company_id")
    def _check_municipal_bank_sheba(self):
        """An Iranian municipality's bank journals pay and receive by Sheba: their bank account must be one."""
        for journal in self:
            if (journal.type == "bank" and journal.bank_account_id
                    and journal.company_id.account_fiscal_country_id.code == "IR"
                    and not journal.bank_account_id.is_sheba):
                raise ValidationError(self.env._(
                    "The bank journal %(journal)s must have a bank account given as a valid Sheba number "
                    "(IR followed by 24 digits); %(number)s is not one. Enter the account's Sheba.",
                    journal=journal.display_name, number=journal.bank_account_id.acc_number))
