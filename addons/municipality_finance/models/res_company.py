from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import from_jalali

#: Company field → xmlid of its default in the municipal chart (l10n_ir_municipality).
CHEQUE_ACCOUNT_DEFAULTS = {
    "cheque_in_hand_account_id": "irm_cheques_in_hand",
    "cheque_in_collection_account_id": "irm_cheques_in_collection",
    "cheque_issued_account_id": "irm_cheques_issued",
}


class ResCompany(models.Model):
    """The municipality's finance settings: what happens to commitments at
    year-end, the cheque accounts, and where the year-end closing posts.

    The year-end accounts and journals are optional: when empty, the closing
    uses those of the municipal chart (``l10n_ir_municipality``).
    """

    _inherit = "res.company"

    # ------------------------------------------------------------------
    # Budget: commitments no bill has settled at year-end
    # ------------------------------------------------------------------

    budget_commitment_year_end = fields.Selection(
        [("lapse", "Lapse at year-end"), ("payable", "Stay payable into the next year")],
        string="Unsettled Commitments at Year-end", default="payable", required=True,
        help="What happens to approved commitments no bill has settled when the fiscal year closes "
             "(آیین‌نامه مالی شهرداری‌ها، ماده ۲۴).")
    budget_commitment_payable_month = fields.Integer(
        string="Payable Until (Jalali Month)", default=2,
        help="Month of the next Jalali year until which unsettled commitments stay payable; 2 = Ordibehesht.")
    budget_commitment_payable_day = fields.Integer(string="Payable Until (Day)", default=15)

    @api.constrains("budget_commitment_payable_month", "budget_commitment_payable_day")
    def _check_budget_commitment_payable_date(self):
        for company in self:
            company._budget_commitment_payable_until(1404)  # a common year: no 30 Esfand

    def _budget_commitment_payable_until(self, jalali_year):
        """The Gregorian date until which commitments of ``jalali_year`` stay payable."""
        self.ensure_one()
        try:
            return from_jalali(jalali_year + 1, self.budget_commitment_payable_month, self.budget_commitment_payable_day)
        except ValueError as error:
            raise ValidationError(self.env._(
                "The date until which commitments stay payable (month %(month)s, day %(day)s) is not a Jalali date: "
                "fix it in the finance settings.", month=self.budget_commitment_payable_month,
                day=self.budget_commitment_payable_day)) from error

    # ------------------------------------------------------------------
    # Treasury: cheque accounts
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Year-end closing
    # ------------------------------------------------------------------

    year_end_result_account_id = fields.Many2one(
        "account.account", string="Year Result Account", check_company=True,
        domain=[("account_type", "in", ("equity", "equity_unaffected"))],
        help="The closing entry brings every revenue and expense account to zero against this account "
             "(default: 503001 Surplus (Deficit) of the Year).")
    year_end_surplus_account_id = fields.Many2one(
        "account.account", string="Accumulated Surplus Account", check_company=True,
        domain=[("account_type", "=", "equity")],
        help="The opening entry of the next year carries the year's result to this account "
             "(default: 502001 Accumulated Surplus (Deficit)).")
    year_end_closing_journal_id = fields.Many2one(
        "account.journal", string="Year-end Closing Journal", check_company=True, domain=[("type", "=", "general")],
        help="Journal of the closing entries (default: the CLS journal).")
    year_end_opening_journal_id = fields.Many2one(
        "account.journal", string="Year Opening Journal", check_company=True, domain=[("type", "=", "general")],
        help="Journal of the opening entries (default: the OPN journal).")

    def _year_end_setup(self):
        """The accounts and journals the closing uses: the configured ones, else the chart's.

        :returns: dict with ``result_account``, ``surplus_account``,
            ``closing_journal`` and ``opening_journal`` (empty recordsets when
            neither is found).
        """
        self.ensure_one()
        chart = self.env["account.chart.template"].with_company(self)
        Journal = self.env["account.journal"].with_company(self)

        def chart_ref(xmlid, model):
            record = chart.ref(xmlid, raise_if_not_found=False)
            return record if record and record._name == model else self.env[model]

        def journal(configured, xmlid, code):
            return configured or chart_ref(xmlid, "account.journal") or Journal.search(
                [("company_id", "=", self.id), ("code", "=", code), ("type", "=", "general")], limit=1)

        return {
            "result_account": self.year_end_result_account_id or chart_ref("irm_year_result", "account.account"),
            "surplus_account": self.year_end_surplus_account_id or chart_ref("irm_accumulated_surplus", "account.account"),
            "closing_journal": journal(self.year_end_closing_journal_id, "closing", "CLS"),
            "opening_journal": journal(self.year_end_opening_journal_id, "opening", "OPN"),
        }
