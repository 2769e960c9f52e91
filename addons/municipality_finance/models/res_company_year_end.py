from odoo import fields, models


class ResCompany(models.Model):
    """Where the year-end closing of a municipality posts.

    Every field is optional: when empty, the closing uses the account or
    journal of the municipal chart (``l10n_ir_municipality``).
    """

    _inherit = "res.company"

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
