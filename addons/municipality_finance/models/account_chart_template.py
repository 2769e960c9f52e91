from odoo import models

from odoo.addons.account.models.chart_template import template

from .res_company import CHEQUE_ACCOUNT_DEFAULTS


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    @template("ir_municipality", "res.company")
    def _get_ir_municipality_res_company_treasury(self):
        """Loading the municipal chart also sets the company's cheque accounts."""
        return {self.env.company.id: dict(CHEQUE_ACCOUNT_DEFAULTS)}
