from odoo.tests import HttpCase, tagged

from .common_budget import BudgetCase


@tagged("post_install", "-at_install")
class TestFinanceFiguresUi(BudgetCase, HttpCase):
    """What a finance director reads on the screen: percentages and years as they are (issue: «1000 %» for 10 %,
    «1,404» as a year's title)."""

    def test_budget_rates_and_year_title_read_right(self):
        self._bill(self.account["802001"], 400_000, commitment=self._commitment(self.goods, 400_000))
        self.assertAlmostEqual(self.goods.execution_rate, 0.4, msg="stored as a fraction for the percentage widget")
        self.start_tour("/odoo/action-municipality_finance.action_municipality_budget_line",
                        "municipality_finance_figures_tour", login=self.director.login)
