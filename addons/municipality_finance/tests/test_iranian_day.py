"""Finance dates follow the municipality's day in Iran, not UTC: at 00:30 on 1 Farvardin 1405 in Tehran
(2026-03-20 21:00 UTC) it is already 1405; half an hour before midnight (20:00 UTC) it is still 1404."""
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .test_tolls import TollsCase

NOWRUZ_0030_TEHRAN = "2026-03-20 21:00:00"
ESFAND_29_2330_TEHRAN = "2026-03-20 20:00:00"
FARVARDIN_1 = date(2026, 3, 21)
ESFAND_29 = date(2026, 3, 20)


@tagged("post_install", "-at_install")
class TestIranianDay(TollsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = False  # no time zone anywhere: the fallback decides (UTC before)
        cls.env = cls.env(context=dict(cls.env.context, tz=False))
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)

    def _defaults(self):
        return {
            "assessment": self.env["municipality.toll.assessment"].default_get(["date"])["date"],
            "cheque": self.env["municipality.cheque"].default_get(["date"])["date"],
            "payment order": self.env["municipality.payment.order"].default_get(["date"])["date"],
            "commitment": self.env["municipality.budget.commitment"].default_get(["date"])["date"],
            "amendment": self.env["municipality.budget.amendment"].default_get(["date"])["date"],
            "transfer": self.env["municipality.budget.transfer"].default_get(["date"])["date"],
        }

    def test_fiscal_dates_at_0030_on_1_farvardin(self):
        with freeze_time(NOWRUZ_0030_TEHRAN):
            for name, value in self._defaults().items():
                with self.subTest(document=name):
                    self.assertEqual(str(value), str(FARVARDIN_1))
            self.assertEqual(self.env["municipality.fiscal.year"]._default_jalali_year(), 1405)
            assessment = self.Assessment.create_assessment(self.citizen, self.renovation, {"value": 1_000_000})
            self.assertEqual((assessment.date, assessment.fiscal_year_id), (FARVARDIN_1, self.year_1405))
            ledger = self.env["municipality.trial.balance.wizard"].with_company(self.company)
            self.assertEqual(ledger._default_fiscal_year(), self.year_1405)
            self.assertIn("۱۴۰۵/۰۱/۰۱", ledger._printed_on_label())

    def test_fiscal_dates_at_2330_on_29_esfand(self):
        with freeze_time(ESFAND_29_2330_TEHRAN):
            for name, value in self._defaults().items():
                with self.subTest(document=name):
                    self.assertEqual(str(value), str(ESFAND_29))
            self.assertEqual(self.env["municipality.fiscal.year"]._default_jalali_year(), 1404)
