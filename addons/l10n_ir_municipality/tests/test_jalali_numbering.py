from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestJalaliNumbering(TransactionCase):
    """A municipality's entries number per Jalali year and month (REV/1405/00001, MISC/1405/01/0001); a company on
    another chart keeps Odoo's Gregorian numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "شهرداری شماره‌گذاری", "country_id": cls.env.ref("base.ir").id})
        cls.env["account.chart.template"].try_loading("ir_municipality", cls.company, install_demo=False)
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.company = cls.company.with_env(cls.env)
        Journal = cls.env["account.journal"]
        cls.misc = Journal.search([("company_id", "=", cls.company.id), ("code", "=", "MISC")])
        cls.revenue = Journal.search([("company_id", "=", cls.company.id), ("code", "=", "REV")])
        accounts = cls.env["account.account"].search([("company_ids", "in", cls.company.id)])
        cls.cash = accounts.filtered(lambda account: account.account_type == "asset_cash")[:1]
        cls.income = accounts.filtered(lambda account: account.account_type == "income")[:1]
        cls.citizen = cls.env["res.partner"].create({"name": "شهروند شماره‌گذاری"})

    def _entry(self, date, journal=None):
        move = self.env["account.move"].create({
            "journal_id": (journal or self.misc).id, "date": date, "line_ids": [
                (0, 0, {"account_id": self.cash.id, "debit": 1000}),
                (0, 0, {"account_id": self.income.id, "credit": 1000})]})
        move.action_post()
        return move

    def _invoice(self, date):
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "journal_id": self.revenue.id, "partner_id": self.citizen.id,
            "invoice_date": date, "date": date, "invoice_line_ids": [(0, 0, {
                "name": "عوارض", "quantity": 1, "price_unit": 5000, "account_id": self.income.id, "tax_ids": []})]})
        invoice.action_post()
        return invoice

    def test_entries_number_per_jalali_month_across_nowruz(self):
        last_of_1404 = self._entry("2026-03-20")  # 29 Esfand 1404
        first_of_1405 = self._entry("2026-03-21")  # 1 Farvardin 1405
        second_of_1405 = self._entry("2026-04-20")  # 31 Farvardin 1405, still Farvardin (April in Gregorian)
        first_of_ordibehesht = self._entry("2026-04-21")  # 1 Ordibehesht 1405
        self.assertEqual(last_of_1404.name, "MISC/1404/12/0001")
        self.assertEqual(first_of_1405.name, "MISC/1405/01/0001")
        self.assertEqual(second_of_1405.name, "MISC/1405/01/0002")
        self.assertEqual(first_of_ordibehesht.name, "MISC/1405/02/0001")

    def test_invoices_number_per_jalali_year(self):
        december = self._invoice("2025-12-30")  # 9 Dey 1404
        january = self._invoice("2026-01-05")  # 15 Dey 1404: a new Gregorian year, the same Jalali one
        nowruz = self._invoice("2026-03-21")
        self.assertEqual(december.name, "REV/1404/00001")
        self.assertEqual(january.name, "REV/1404/00002")
        self.assertEqual(nowruz.name, "REV/1405/00001")

    def test_a_number_that_does_not_match_its_jalali_date_is_refused(self):
        move = self._entry("2026-05-01")  # 11 Ordibehesht 1405
        self.assertEqual(move.name, "MISC/1405/02/0001")
        move.button_draft()
        with self.assertRaises(ValidationError):
            move.write({"date": "2026-06-01", "name": "MISC/1405/02/0001"})  # 11 Khordad: month 03
            move.action_post()

    def test_other_companies_keep_gregorian_numbers(self):
        company = self.env["res.company"].create({"name": "Gregorian Co", "country_id": self.env.ref("base.be").id})
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id]))
        journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "general")], limit=1)
        accounts = env["account.account"].search([("company_ids", "in", company.id)])
        move = env["account.move"].create({"journal_id": journal.id, "date": "2026-03-21", "line_ids": [
            (0, 0, {"account_id": accounts.filtered(lambda a: a.account_type == "asset_cash")[:1].id, "debit": 10}),
            (0, 0, {"account_id": accounts.filtered(lambda a: a.account_type == "income")[:1].id, "credit": 10})]})
        move.action_post()
        self.assertEqual(move.name, f"{journal.code}/2026/03/0001")
