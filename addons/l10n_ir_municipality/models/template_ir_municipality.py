from odoo import _, models
from odoo.addons.account.models.chart_template import template


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    @template("ir_municipality")
    def _get_ir_municipality_template_data(self):
        return {
            "name": _("Iranian municipality"),
            "code_digits": "6",
            "property_account_receivable_id": "irm_receivable_tolls",
            "property_account_payable_id": "irm_payable",
        }

    @template("ir_municipality", "res.company")
    def _get_ir_municipality_res_company(self):
        return {
            self.env.company.id: {
                "account_fiscal_country_id": "base.ir",
                "bank_account_code_prefix": "101",
                "cash_account_code_prefix": "100",
                "transfer_account_code_prefix": "109",
                "income_currency_exchange_account_id": "irm_exchange_gain",
                "expense_currency_exchange_account_id": "irm_exchange_loss",
                "default_cash_difference_income_account_id": "irm_cash_difference_gain",
                "default_cash_difference_expense_account_id": "irm_cash_difference_loss",
                "account_journal_early_pay_discount_gain_account_id": "irm_discount_gain",
                "account_journal_early_pay_discount_loss_account_id": "irm_discount_loss",
                "income_account_id": "irm_revenue_services",
                "expense_account_id": "irm_goods_services",
                "tax_calculation_rounding_method": "round_globally",
                # The citizen's invoice says its total in words (in Persian: account_move.py).
                "display_invoice_amount_total_words": True,
            },
        }

    @template("ir_municipality", "account.journal")
    def _get_ir_municipality_account_journal(self):
        """The journals a municipality keeps besides Odoo's bank and cash ones.

        Revenue (tolls, fees) and expense (vendor bills) replace Odoo's Sales
        and Purchases; payroll, closing and opening are general journals that
        HR and the year-end closing post to.
        """
        return {
            "sale": {"name": _("Revenue and Tolls"), "code": "REV"},
            "purchase": {"name": _("Expenses"), "code": "EXP"},
            "general": {"name": _("Miscellaneous Operations"), "code": "MISC"},
            "bank": {"default_account_id": "irm_bank"},
            "cash": {
                "name": _("Cash Desk"),
                "type": "cash",
                "default_account_id": "irm_cash",
                "show_on_dashboard": True,
                "sequence": 8,
            },
            "payroll": {
                "name": _("Payroll"),
                "type": "general",
                "code": "PAY",
                "show_on_dashboard": False,
                "sequence": 10,
            },
            "closing": {
                "name": _("Year-end Closing"),
                "type": "general",
                "code": "CLS",
                "show_on_dashboard": False,
                "sequence": 20,
            },
            "opening": {
                "name": _("Year Opening"),
                "type": "general",
                "code": "OPN",
                "show_on_dashboard": False,
                "sequence": 21,
            },
        }

    def _post_load_data(self, template_code, company, template_data):
        super()._post_load_data(template_code, company, template_data)
        if template_code == "ir_municipality":
            self._post_payments_to_the_journal_account(company)

    def _post_payments_to_the_journal_account(self, company):
        """Payments of the bank and cash journals post straight to the journal's
        account (the treasury's ledger), as municipal treasuries keep it,
        instead of staying without an entry until a bank statement matches them."""
        journals = self.env["account.journal"].search([("company_id", "=", company.id), ("type", "in", ("bank", "cash"))])
        for journal in journals:
            method_lines = journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
            method_lines.filtered(lambda line: not line.payment_account_id).payment_account_id = journal.default_account_id

    def _get_demo_data(self, company=False):
        """A municipality's books get no Odoo accounting demo (the furniture shop's invoices, bills and statements
        to Azure Interior, Wood Corner…, shown on the Invoicing dashboard): the suite's demo makes its own."""
        if company and company.chart_template == "ir_municipality":
            return {}
        return super()._get_demo_data(company)

    def _post_load_demo_data(self, company=False):
        if company and company.chart_template == "ir_municipality":
            return
        return super()._post_load_demo_data(company)
