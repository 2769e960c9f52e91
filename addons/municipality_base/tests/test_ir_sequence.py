from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools import jalali


@tagged("post_install", "-at_install")
class TestJalaliSequence(TransactionCase):
    def _sequence(self, **vals):
        return self.env["ir.sequence"].create({
            "name": "نامه‌ها",
            "implementation": "no_gap",
            "prefix": "%(jyear)s/",
            "padding": 4,
            "use_date_range": True,
            "date_range_calendar": "jalali",
            **vals,
        })

    def test_counter_restarts_at_the_jalali_new_year(self):
        seq = self._sequence()
        last_day_1404 = jalali.from_jalali(1404, 12, 29)
        first_day_1405 = jalali.from_jalali(1405, 1, 1)
        self.assertEqual((last_day_1404, first_day_1405), (date(2026, 3, 20), date(2026, 3, 21)))

        self.assertEqual(seq.next_by_id(sequence_date=jalali.from_jalali(1404, 1, 1)), "1404/0001")
        self.assertEqual(seq.next_by_id(sequence_date=last_day_1404), "1404/0002")
        self.assertEqual(seq.next_by_id(sequence_date=first_day_1405), "1405/0001")
        self.assertEqual(seq.next_by_id(sequence_date=first_day_1405), "1405/0002")
        # A late registration dated in 1404 continues 1404's counter.
        self.assertEqual(seq.next_by_id(sequence_date=last_day_1404), "1404/0003")

        ranges = seq.date_range_ids.sorted("date_from")
        self.assertEqual([(r.date_from, r.date_to) for r in ranges],
                         [jalali.fiscal_year_bounds(1404), jalali.fiscal_year_bounds(1405)])

    def test_leap_year_range_ends_on_30_esfand(self):
        seq = self._sequence()
        self.assertEqual(seq.next_by_id(sequence_date=jalali.from_jalali(1403, 12, 30)), "1403/0001")
        self.assertEqual((seq.date_range_ids.date_from, seq.date_range_ids.date_to),
                         (date(2024, 3, 20), date(2025, 3, 20)))
        self.assertEqual(seq.next_by_id(sequence_date=date(2025, 3, 21)), "1404/0001")

    def test_standard_implementation_restarts_too(self):
        seq = self._sequence(implementation="standard")
        self.assertEqual(seq.next_by_id(sequence_date=date(2026, 3, 20)), "1404/0001")
        self.assertEqual(seq.next_by_id(sequence_date=date(2026, 3, 20)), "1404/0002")
        self.assertEqual(seq.next_by_id(sequence_date=date(2026, 3, 21)), "1405/0001")

    def test_jalali_placeholders(self):
        seq = self._sequence(prefix="%(jy)s-%(jmonth)s-%(jday)s/", suffix="/ص-%(range_jyear)s-%(year)s")
        self.assertEqual(seq.next_by_id(sequence_date=jalali.from_jalali(1404, 7, 9)), "04-07-09/0001/ص-1404-2025")

    def test_placeholders_work_without_date_ranges(self):
        seq = self._sequence(use_date_range=False, prefix="%(jyear)s-%(jmonth)s/")
        with freeze_time("2025-04-04 08:00:00"):
            self.assertEqual(seq.next_by_id(), "1404-01/0001")

    def test_hand_made_range_is_not_overlapped(self):
        seq = self._sequence()
        self.env["ir.sequence.date_range"].create({
            "sequence_id": seq.id, "date_from": date(2025, 9, 1), "date_to": date(2026, 3, 20),
        })
        seq.next_by_id(sequence_date=date(2025, 4, 1))
        auto = seq.date_range_ids.filtered(lambda r: r.date_from == date(2025, 3, 21))
        self.assertEqual(auto.date_to, date(2025, 8, 31))

    def test_gregorian_sequences_keep_odoo_behaviour(self):
        seq = self._sequence(date_range_calendar="gregorian", prefix="%(range_year)s/")
        self.assertEqual(seq.next_by_id(sequence_date=date(2026, 3, 20)), "2026/0001")
        self.assertEqual((seq.date_range_ids.date_from, seq.date_range_ids.date_to),
                         (date(2026, 1, 1), date(2026, 12, 31)))

    def test_new_year_starts_at_midnight_in_tehran_not_utc(self):
        seq = self._sequence()
        self.env.user.tz = False
        # 2026-03-20 21:00 UTC is 00:30 on 1405/01/01 in Tehran (UTC+3:30).
        with freeze_time("2026-03-20 21:00:00"):
            self.assertEqual(seq.with_context(tz=False).next_by_id(), "1405/0001")
        with freeze_time("2026-03-20 20:00:00"):
            self.assertEqual(seq.with_context(tz=False).next_by_id(), "1404/0001")

    def test_the_municipality_time_zone_decides_the_day_not_the_users(self):
        seq = self._sequence()
        self.env.user.tz = "UTC"
        with freeze_time("2026-03-20 21:00:00"):  # still 1404/12/29 in UTC, 00:30 on 1405/01/01 in Tehran
            self.assertEqual(seq.with_context(tz="UTC").next_by_id(), "1405/0001")
            self.assertEqual(seq.with_context(tz="Europe/London").next_by_id(), "1405/0002")
            self.env.company.municipality_tz = "UTC"  # a municipality that chose UTC (configurable)
            self.assertEqual(seq.with_context(tz="Asia/Tehran").next_by_id(), "1404/0001")

    def test_jalali_numbers_need_jalali_ranges(self):
        """A Jalali year in the number with a counter restarting on 1 January would repeat numbers."""
        with self.assertRaisesRegex(ValidationError, "range calendar"):
            self._sequence(date_range_calendar="gregorian")
        seq = self._sequence()
        with self.assertRaisesRegex(ValidationError, "range calendar"):
            seq.date_range_calendar = "gregorian"
        # Without ranges the counter never restarts, so a Jalali prefix is safe.
        self.assertTrue(self._sequence(use_date_range=False, date_range_calendar="gregorian"))

    def test_placeholders_follow_iranian_time_for_users_without_a_time_zone(self):
        seq = self._sequence(use_date_range=False, prefix="%(jyear)s/%(current_jyear)s/")
        self.env.user.tz = False
        with freeze_time("2026-03-20 21:00:00"):  # 00:30 on 1405/01/01 in Tehran
            self.assertEqual(seq.with_context(tz=False).next_by_id(), "1405/1405/0001")

    def test_bad_placeholder_is_a_user_error(self):
        seq = self._sequence(prefix="%(jyear)s/%(jweek)s/")
        with self.assertRaisesRegex(UserError, "Invalid prefix or suffix"):
            seq.next_by_id(sequence_date=date(2025, 4, 4))

    def test_each_municipality_numbers_on_its_own_counter(self):
        """Two municipalities on one database do not share one series (review M-11): a company's counter is
        copied from the addon's sequence on first use and goes on from where the shared one stood."""
        for implementation in ("no_gap", "standard"):
            with self.subTest(implementation=implementation):
                code = f"shahr.test.company.{implementation}"
                template = self._sequence(code=code, implementation=implementation, company_id=False)
                day = jalali.from_jalali(1405, 2, 1)
                self.assertEqual(template.next_by_id(sequence_date=day), "1405/0001")  # drawn while shared
                east = self.env["res.company"].create({"name": f"شهرداری شرق {implementation}"})
                west = self.env["res.company"].create({"name": f"شهرداری غرب {implementation}"})
                Sequence = self.env["ir.sequence"]
                self.assertEqual(Sequence._next_for_company(code, east, sequence_date=day), "1405/0002")
                self.assertEqual(Sequence._next_for_company(code, west, sequence_date=day), "1405/0002")
                self.assertEqual(Sequence._next_for_company(code, east, sequence_date=day), "1405/0003")
                self.assertEqual(Sequence._next_for_company(code, east, sequence_date=jalali.from_jalali(1406, 1, 1)),
                                 "1406/0001")
                self.assertEqual(Sequence._next_for_company(code, west, sequence_date=day), "1405/0003")
                own = Sequence.search([("code", "=", code)])
                self.assertEqual(sorted(own.company_id.ids), sorted((east | west).ids))
                self.assertEqual(len(own), 3)

    def test_many_numbers_at_once_are_those_drawn_one_by_one(self):
        """A batch draws its numbers at once (one query): the same series as one draw after another, on the
        company's counter, in the Jalali range of the date, and the next single draw goes on after them."""
        for implementation in ("no_gap", "standard"):
            with self.subTest(implementation=implementation):
                code = f"shahr.test.many.{implementation}"
                self._sequence(code=code, implementation=implementation, company_id=False)
                company = self.env["res.company"].create({"name": f"شهرداری دسته‌ای {implementation}"})
                Sequence = self.env["ir.sequence"]
                day = jalali.from_jalali(1405, 2, 1)
                self.assertEqual(Sequence._next_many_for_company(code, company, 0, sequence_date=day), [])
                self.assertEqual(Sequence._next_many_for_company(code, company, 1, sequence_date=day), ["1405/0001"])
                self.assertEqual(Sequence._next_many_for_company(code, company, 3, sequence_date=day),
                                 ["1405/0002", "1405/0003", "1405/0004"])
                self.assertEqual(Sequence._next_for_company(code, company, sequence_date=day), "1405/0005")
                self.assertEqual(Sequence._next_many_for_company(code, company, 2,
                                                                 sequence_date=jalali.from_jalali(1406, 1, 1)),
                                 ["1406/0001", "1406/0002"])
                self.assertEqual(Sequence._next_many_for_company("shahr.no.such.code", company, 2), [False, False])
