from odoo import fields, models

from odoo.addons.municipality_base.tools.jalali import format_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table

from ..tools.year_end import running_balance


class MunicipalityGeneralLedgerWizard(models.TransientModel):
    """General ledger (دفتر معین): per account, its opening balance, every item with
    the running balance, and its closing balance."""

    _name = "municipality.general.ledger.wizard"
    _inherit = ["municipality.ledger.report.mixin"]
    _description = "General Ledger"

    account_ids = fields.Many2many(
        "account.account", string="Accounts", check_company=True,
        help="Empty: every account with a balance or a movement in the range.")

    def _ledger(self):
        """One dict per account: ``account``, ``opening``, ``lines`` (dicts with
        ``date``, ``move``, ``partner``, ``label``, ``debit``, ``credit``,
        ``balance``), ``debit``, ``credit``, ``closing``. One grouped query and one search."""
        self.ensure_one()
        Line = self.env["account.move.line"].with_company(self.company_id)
        accounts_domain = [("account_id", "in", self.account_ids.ids)] if self.account_ids else []
        opening = {account: balance for account, balance in Line._read_group(
            self._opening_domain() + accounts_domain, ["account_id"], ["balance:sum"])}
        items = Line.search_fetch(
            self._movement_domain() + accounts_domain,
            ["account_id", "date", "move_name", "partner_id", "name", "debit", "credit"],
            order="account_id, date, move_name, id")
        by_account = {}
        for item in items:
            by_account.setdefault(item.account_id, []).append(item)
        accounts = (self.account_ids or self.env["account.account"].union(*opening, *by_account)).with_company(
            self.company_id).sorted(lambda account: account.code or "")
        ledger = []
        for account in accounts:
            start = opening.get(account, 0.0)
            lines = by_account.get(account, [])
            if not start and not lines and not self.account_ids:
                continue
            balances = running_balance(start, [(line.debit, line.credit) for line in lines])
            ledger.append({
                "account": account,
                "opening": start,
                "lines": [{
                    "date": line.date, "move": line.move_name, "partner": line.partner_id.display_name or "",
                    "label": line.name or "", "debit": debit, "credit": credit, "balance": balance,
                } for line, (debit, credit, balance) in zip(lines, balances)],
                "debit": sum(line.debit for line in lines),
                "credit": sum(line.credit for line in lines),
                "closing": balances[-1][2] if balances else start,
            })
        return ledger

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("municipality_finance.action_report_general_ledger").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        _ = self.env._
        rows = []
        for entry in self._ledger():
            code, name = entry["account"].code, entry["account"].name
            rows.append([code, name, "", "", "", _("Opening balance"), None, None, entry["opening"]])
            rows.extend([code, name, format_jalali(line["date"]), line["move"], line["partner"], line["label"],
                         line["debit"], line["credit"], line["balance"]] for line in entry["lines"])
            rows.append([code, name, "", "", "", _("Closing balance"), entry["debit"], entry["credit"], entry["closing"]])
        table = Table(
            sheet_name=_("General Ledger"),
            title=_("General Ledger - %(company)s", company=self.company_id.name),
            subtitle_lines=[self._range_label(), self._printed_on_label()],
            columns=[
                Column(_("Code"), width=10), Column(_("Account"), width=30), Column(_("Date"), width=12),
                Column(_("Entry"), width=20), Column(_("Partner"), width=24), Column(_("Label"), width=36),
                Column(_("Debit"), "amount"), Column(_("Credit"), "amount"), Column(_("Balance"), "amount"),
            ],
            rows=rows)
        return self._xlsx_download([table], f"general-ledger-{self.fiscal_year_id.jalali_year}.xlsx")
