from odoo import fields, models

from odoo.addons.municipality_base.tools.xlsx_table import Column, Table

from ..tools.year_end import trial_balance


class MunicipalityTrialBalanceWizard(models.TransientModel):
    """Trial balance (تراز آزمایشی): opening, movement and closing per account."""

    _name = "municipality.trial.balance.wizard"
    _inherit = ["municipality.ledger.report.mixin"]
    _description = "Trial Balance"

    by_class = fields.Boolean(string="Subtotals per Account Class",
                              help="Add a subtotal after each class of accounts (first digit of the code).")

    def _account_class_names(self):
        _ = self.env._
        return {
            "1": _("Current Assets"), "2": _("Non-current Assets"), "3": _("Current Liabilities"),
            "4": _("Non-current Liabilities"), "5": _("Equity"), "6": _("Revenue"), "7": _("Cost of Services"),
            "8": _("Expenses"), "9": _("Memo Accounts"),
        }

    def _trial_balance(self):
        """``(rows, totals)`` of ``tools.year_end.TrialBalanceRow``: two grouped queries."""
        self.ensure_one()
        Line = self.env["account.move.line"].with_company(self.company_id)
        opening = {account.id: balance for account, balance in Line._read_group(
            self._opening_domain(), ["account_id"], ["balance:sum"])}
        movement = Line._read_group(self._movement_domain(), ["account_id"], ["debit:sum", "credit:sum"])
        debit = {account.id: amount for account, amount, _credit in movement}
        credit = {account.id: amount for account, _debit, amount in movement}
        accounts = self.env["account.account"].with_company(self.company_id).browse(
            set(opening) | set(debit)).sorted(lambda account: account.code or "")
        return trial_balance(
            [(account.id, account.code, account.name) for account in accounts], opening, debit, credit,
            by_class=self.by_class, class_names=self._account_class_names(), total_label=self.env._("Total"))

    def _columns(self):
        _ = self.env._
        return [
            Column(_("Code"), width=10), Column(_("Account"), width=36),
            Column(_("Opening Debit"), "amount"), Column(_("Opening Credit"), "amount"),
            Column(_("Debit"), "amount"), Column(_("Credit"), "amount"),
            Column(_("Closing Debit"), "amount"), Column(_("Closing Credit"), "amount"),
        ]

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("municipality_finance.action_report_trial_balance").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        rows, totals = self._trial_balance()
        table = Table(
            sheet_name=self.env._("Trial Balance"),
            title=self.env._("Trial Balance - %(company)s", company=self.company_id.name),
            subtitle_lines=[self._range_label(), self._printed_on_label()],
            columns=self._columns(), rows=[row.values() for row in rows], totals=totals.values())
        return self._xlsx_download([table], f"trial-balance-{self.fiscal_year_id.jalali_year}.xlsx")
