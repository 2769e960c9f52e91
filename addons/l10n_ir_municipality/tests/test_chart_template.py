from odoo.tests import TransactionCase, tagged

#: First digit of an account code and the account types that class may hold
#: (1 current assets ... 9 memo accounts, docs/domain.md, Municipal finance).
CLASS_TYPES = {
    "1": {"asset_cash", "asset_current", "asset_receivable", "asset_prepayments"},
    "2": {"asset_fixed", "asset_non_current"},
    "3": {"liability_payable", "liability_current", "liability_credit_card"},
    "4": {"liability_non_current"},
    "5": {"equity", "equity_unaffected"},
    "6": {"income", "income_other"},
    "7": {"expense_direct_cost"},
    "8": {"expense", "expense_other", "expense_depreciation"},
    "9": {"off_balance"},
}


@tagged("post_install", "-at_install")
class TestMunicipalChart(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.company = cls.env["res.company"].create({"name": "شهرداری آزمون", "country_id": cls.env.ref("base.ir").id})
        cls.env["account.chart.template"].try_loading("ir_municipality", cls.company, install_demo=False)
        # account codes and defaults are per company: read them as the municipality
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.company = cls.company.with_env(cls.env)
        cls.accounts = cls.env["account.account"].search([("company_ids", "in", cls.company.id)])

    def test_company_keeps_its_books_in_rials(self):
        self.assertEqual(self.company.chart_template, "ir_municipality")
        self.assertEqual(self.company.currency_id, self.env.ref("base.IRR"))
        self.assertEqual(self.company.account_fiscal_country_id, self.env.ref("base.ir"))

    def test_every_account_sits_in_the_class_of_its_type(self):
        misplaced = [
            (account.code, account.account_type) for account in self.accounts
            if account.account_type not in CLASS_TYPES[account.code[0]]
        ]
        self.assertEqual(misplaced, [])
        self.assertTrue(all(len(account.code) == 6 and account.code.isdigit() for account in self.accounts))
        self.assertEqual(len(self.accounts.filtered(lambda a: a.account_type == "equity_unaffected")), 1)

    def test_defaults_point_at_the_municipal_accounts(self):
        partner = self.env["res.partner"].with_company(self.company).create({"name": "شهروند"})
        self.assertEqual(partner.property_account_receivable_id.code, "103001")
        self.assertEqual(partner.property_account_payable_id.code, "301001")
        self.assertEqual(self.company.income_account_id.code, "602001")
        self.assertEqual(self.company.expense_account_id.code, "802001")

    def test_journals_a_municipality_needs(self):
        journals = self.env["account.journal"].search([("company_id", "=", self.company.id)])
        by_code = {journal.code: journal.type for journal in journals}
        for code, journal_type in (("REV", "sale"), ("EXP", "purchase"), ("PAY", "general"),
                                   ("CLS", "general"), ("OPN", "general"), ("MISC", "general")):
            self.assertEqual(by_code.get(code), journal_type, code)
        self.assertTrue(journals.filtered(lambda j: j.type == "bank"))
        self.assertTrue(journals.filtered(lambda j: j.type == "cash"))
        self.assertEqual(journals.filtered(lambda j: j.code == "REV").default_account_id.code, "602001")

    def test_payments_post_to_the_treasury_accounts(self):
        journals = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "in", ("bank", "cash"))])
        self.assertEqual(len(journals), 2)
        for journal in journals:
            lines = journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
            self.assertTrue(lines)
            self.assertEqual(lines.payment_account_id, journal.default_account_id)
        citizen = self.env["res.partner"].create({"name": "شهروند"})
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": citizen.id, "invoice_date": "2025-05-01",
            "invoice_line_ids": [(0, 0, {"name": "بهای خدمات", "price_unit": 1_000_000, "tax_ids": []})]})
        invoice.action_post()
        bank = journals.filtered(lambda j: j.type == "bank")
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"journal_id": bank.id})._create_payments()
        self.assertEqual(invoice.payment_state, "paid")
        bank_lines = self.env["account.move.line"].search([("account_id", "=", bank.default_account_id.id)])
        self.assertEqual(sum(bank_lines.mapped("debit")), 1_000_000)

    def test_names_are_persian_for_persian_users(self):
        renovation = self.accounts.filtered(lambda a: a.code == "601002")
        self.assertEqual(renovation.with_context(lang="fa_IR").name, "عوارض نوسازی")
        self.assertEqual(renovation.with_context(lang="en_US").name, "Renovation Toll")
        payroll = self.env["account.journal"].search([("company_id", "=", self.company.id), ("code", "=", "PAY")])
        self.assertEqual(payroll.with_context(lang="fa_IR").name, "حقوق و دستمزد")

    def test_the_chart_loads_after_the_rial_is_whole(self):
        """The chart depends on municipality_base, which makes the rial a whole unit: Odoo refuses to take decimals
        from a currency once entries use it, and the chart's demo company posts in rials."""
        module = self.env["ir.module.module"].search([("name", "=", "l10n_ir_municipality")])
        self.assertEqual(sorted(module.dependencies_id.mapped("name")), ["account", "municipality_base"])
        self.assertEqual((self.company.currency_id.rounding, self.company.currency_id.decimal_places), (1.0, 0))
