from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from .common import create_municipality


@tagged("post_install", "-at_install")
class TestFiscalYear(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.FiscalYear = cls.env["municipality.fiscal.year"]
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون")
        cls.FiscalYear = cls.FiscalYear.with_env(cls.env)

    def _year(self, jalali_year):
        return self.FiscalYear.create({"jalali_year": jalali_year, "company_id": self.company.id})

    def test_bounds_follow_the_jalali_calendar(self):
        leap, common = self._year(1403), self._year(1404)
        self.assertEqual((leap.date_from, leap.date_to), (date(2024, 3, 20), date(2025, 3, 20)))
        self.assertEqual((common.date_from, common.date_to), (date(2025, 3, 21), date(2026, 3, 20)))
        self.assertEqual(common.name, "۱۴۰۴")

    def test_twelve_monthly_periods_cover_the_year(self):
        leap = self._year(1403)
        periods = leap.period_ids.sorted("date_from")
        self.assertEqual(periods.mapped("jalali_month"), list(range(1, 13)))
        self.assertEqual(periods[0].name, "فروردین ۱۴۰۳")
        self.assertEqual((periods[0].date_from, periods[0].date_to), (date(2024, 3, 20), date(2024, 4, 19)))
        esfand = periods[-1]
        self.assertEqual((esfand.date_from, esfand.date_to), (date(2025, 2, 19), date(2025, 3, 20)))
        self.assertEqual((esfand.date_to - esfand.date_from).days + 1, 30)
        self.assertEqual(self._year(1404).period_ids.filtered(lambda p: p.jalali_month == 12).date_to, date(2026, 3, 20))
        for previous, following in zip(periods, periods[1:]):
            self.assertEqual((following.date_from - previous.date_to).days, 1)

    def test_one_year_per_company_and_jalali_year(self):
        self._year(1404)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._year(1404)

    def test_years_outside_the_calendar_are_refused(self):
        for bad in (0, 1299, 1501, -1404):
            with self.subTest(year=bad), self.assertRaises(ValidationError), self.cr.savepoint():
                self._year(bad)
        self.assertFalse(self.FiscalYear.search([("company_id", "=", self.company.id)]))

    def test_the_jalali_year_and_company_cannot_change(self):
        year = self._year(1404)
        with self.assertRaises(UserError):
            year.jalali_year = 1405
        with self.assertRaises(UserError):
            year.company_id = self.env.ref("base.main_company")
        self.assertEqual(year.date_from, date(2025, 3, 21))

    def test_next_year_is_one_click_and_not_twice(self):
        year = self._year(1404)
        action = year.action_create_next_year()
        following = self.FiscalYear.browse(action["res_id"])
        self.assertEqual((following.jalali_year, following.date_from), (1405, date(2026, 3, 21)))
        self.assertEqual(len(following.period_ids), 12)
        self.assertEqual(year.action_create_next_year()["res_id"], following.id)

    def test_year_is_found_in_latin_or_persian_digits(self):
        year = self._year(1404)
        for text in ("1404", "۱۴۰۴"):
            self.assertEqual(self.FiscalYear.name_search(text, [("company_id", "=", self.company.id)])[0][0], year.id)
        esfand = year.period_ids.filtered(lambda p: p.jalali_month == 12)
        Period = self.env["municipality.fiscal.period"]
        for text in ("1404/12", "اسفند 1404", "اسفند ۱۴۰۴"):
            self.assertIn(esfand.id, [pid for pid, _name in Period.name_search(text)], text)

    def test_journal_items_are_filtered_by_fiscal_year_and_period(self):
        year_1403, year_1404 = self._year(1403), self._year(1404)
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "general")], limit=1)
        accounts = self.env["account.account"].search([("company_ids", "in", self.company.id)])
        cash = accounts.filtered(lambda a: a.code == "102001")
        revenue = accounts.filtered(lambda a: a.code == "601001")
        moves = self.env["account.move"].create([{
            "journal_id": journal.id, "date": day, "line_ids": [
                (0, 0, {"account_id": cash.id, "debit": 100}),
                (0, 0, {"account_id": revenue.id, "credit": 100})]}
            for day in (date(2025, 3, 20), date(2025, 3, 21))])  # 30 Esfand 1403, 1 Farvardin 1404
        self.assertEqual(moves.mapped("fiscal_year_id"), year_1403 | year_1404)
        self.assertEqual(moves[0].fiscal_period_id.name, "اسفند ۱۴۰۳")
        Line = self.env["account.move.line"]
        self.assertEqual(Line.search([("fiscal_year_id", "=", year_1404.id), ("move_id", "in", moves.ids)]).move_id, moves[1])
        self.assertEqual(Line.search([("fiscal_year_id", "ilike", "1403"), ("move_id", "in", moves.ids)]).move_id, moves[0])
        self.assertEqual(Line.search([("fiscal_year_id", "!=", year_1403.id), ("move_id", "in", moves.ids)]).move_id, moves[1])
        farvardin = year_1404.period_ids.filtered(lambda p: p.jalali_month == 1)
        self.assertEqual(self.env["account.move"].search([("fiscal_period_id", "=", farvardin.id), ("id", "in", moves.ids)]), moves[1])
        # the search filters «Current Fiscal Year» / «Current Jalali Month» use 'any' on a day
        on_day = [("date_from", "<=", "2025-03-21"), ("date_to", ">=", "2025-03-21")]
        self.assertEqual(Line.search([("fiscal_year_id", "any", on_day), ("move_id", "in", moves.ids)]).move_id, moves[1])
        self.assertEqual(Line.search([("fiscal_period_id", "any", on_day), ("move_id", "in", moves.ids)]).move_id, moves[1])
        self.assertEqual(Line.search([("fiscal_year_id", "not any", on_day), ("move_id", "in", moves.ids)]).move_id, moves[0])
        with self.assertRaises(UserError):
            year_1404.unlink()
        year_1405 = self._year(1405)
        year_1405.unlink()
        self.assertFalse(year_1405.exists())

    def test_only_accountants_create_years(self):
        clerk = new_test_user(self.env, "fy_clerk", groups="municipality_finance.group_finance_clerk",
                              company_id=self.company.id, company_ids=[self.company.id])
        accountant = new_test_user(self.env, "fy_accountant", groups="municipality_finance.group_finance_accountant",
                                   company_id=self.company.id, company_ids=[self.company.id])
        with self.assertRaises(AccessError):
            self.FiscalYear.with_user(clerk).create({"jalali_year": 1406, "company_id": self.company.id})
        year = self.FiscalYear.with_user(accountant).create({"jalali_year": 1406, "company_id": self.company.id})
        self.assertEqual(len(year.period_ids), 12)
        self.assertEqual(year.with_user(clerk).name, "۱۴۰۶")
