from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged

from .common_budget import BudgetCase


@tagged("post_install", "-at_install")
class TestFinanceFiguresUi(BudgetCase, HttpCase):
    """What a finance director reads on the screen: percentages and years as they are (issue: «1000 %» for 10 %,
    «1,404» as a year's title)."""

    def test_budget_rates_and_year_title_read_right(self):
        self._bill(self.account["802001"], 400_000, commitment=self._commitment(self.goods, 400_000))
        self.assertAlmostEqual(self.goods.execution_rate, 0.4, msg="stored as a fraction for the percentage widget")
        # a city's capital line: five hundred billion rials, which a 105 px column cut to «500,000,000,0…»
        # (the council's figure is not written once approved: set it underneath, as the council would have)
        self.env.cr.execute("UPDATE municipality_budget_line SET amount_approved = %s WHERE id = %s",
                            [500_000_000_000, self.capital.id])
        self.capital.invalidate_recordset()
        self.start_tour("/odoo/action-municipality_finance.action_municipality_budget_line",
                        "municipality_finance_figures_tour", login=self.director.login)


@tagged("post_install", "-at_install")
class TestAmountsCarryTheirCurrency(TransactionCase):
    """A monetary field the web client shows without its currency field falls back to two decimals: rials read
    «5,000,000.00» (issue 15 item 10). Every list and form of the suite loads the currency of its amounts."""

    def test_every_amount_is_shown_with_its_currency(self):
        missing = []
        views = self.env["ir.ui.view"].search([("type", "in", ("list", "form", "kanban")), ("mode", "=", "primary")])
        for view in views:
            xmlid = view.get_external_id()[view.id]
            if not xmlid.startswith(("municipality_", "office_automation.", "l10n_ir_municipality.")):
                continue
            Model = self.env[view.model]
            arch = etree.fromstring(Model.get_views([(view.id, view.type)])["views"][view.type]["arch"])
            for node in arch.iter("field"):
                model, container = self._owner(Model, node)
                field = model._fields.get(node.get("name"))
                if field is None or field.type != "monetary":
                    continue
                currency_field = field.get_currency_field(model)
                if not any(other.get("name") == currency_field for other in self._own_fields(container)):
                    missing.append(f"{xmlid}: {model._name}.{field.name} without {currency_field}")
        self.assertFalse(missing, "amounts shown without their currency (they read with two decimals)")

    def _owner(self, Model, node):
        """The model a ``<field>`` node belongs to, and the list/form/kanban node that holds it."""
        chain, container, parent = [], None, node.getparent()
        while parent is not None:
            if parent.tag in ("list", "form", "kanban") and container is None:
                container = parent
            if parent.tag == "field":
                chain.append(parent.get("name"))
            parent = parent.getparent()
        for name in reversed(chain):
            Model = self.env[Model._fields[name].comodel_name]
        return Model, container

    def _own_fields(self, container):
        """The fields of ``container`` itself, not those of the sub-views of its relational fields."""
        for node in container.iter("field"):
            parent = node.getparent()
            while parent is not container and parent.tag not in ("list", "form", "kanban"):
                parent = parent.getparent()
            if parent is container:
                yield node
