"""Grouping and filtering by Jalali period in the database.

The rows are Jalali-year sequence ranges (``ir.sequence.date_range``, which
this addon extends): ``date_from`` is the date field, ``create_date`` the
datetime field, both written with SQL inside the test's transaction.
"""

import datetime
import warnings
from collections import Counter

import jdatetime
import pytz
from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from ..tools import jalali

D = datetime.date
DT = datetime.datetime
TEHRAN = pytz.timezone("Asia/Tehran")


def jd(year, month, day):
    return jalali.from_jalali(year, month, day)


@tagged("post_install", "-at_install")
class TestJalaliSqlFunctions(TransactionCase):

    def test_sql_functions_agree_with_jdatetime_every_day_1300_to_1500(self):
        first, last = jd(1300, 1, 1), jd(1500, 12, 29)
        self.env.cr.execute("""
            SELECT d, jalali_year(d), jalali_quarter(d), jalali_month(d), jalali_day(d), jalali_day_of_year(d),
                   jalali_year_start(d), jalali_quarter_start(d), jalali_month_start(d),
                   jalali_trunc('year', d), jalali_trunc('quarter', d), jalali_trunc('month', d),
                   jalali_year_start_calc(d), jalali_quarter_start_calc(d), jalali_month_start_calc(d)
              FROM (SELECT generate_series(%s::date, %s::date, interval '1 day')::date AS d) days
        """, [first, last])
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), (last - first).days + 1)
        year_starts, month_starts = {}, {}
        mismatches = []
        for d, year, quarter, month, day, yday, year_start, quarter_start, month_start, *trunc in rows:
            j = jdatetime.date.fromgregorian(date=d)
            if (j.month, j.day) == (1, 1):
                year_starts[j.year] = d
            if j.day == 1:
                month_starts[j.year, j.month] = d
            expected = (
                j.year, (j.month - 1) // 3 + 1, j.month, j.day, j.yday(),
                year_starts.get(j.year), month_starts.get((j.year, (j.month - 1) // 3 * 3 + 1)),
                month_starts.get((j.year, j.month)),
            )
            got = (year, quarter, month, day, yday, year_start, quarter_start, month_start)
            if got != expected or trunc != [year_start, quarter_start, month_start] * 2:
                mismatches.append((d, got, expected))
        self.assertFalse(mismatches[:10])
        # the tricky days, by name
        self.assertEqual(rows[(D(2025, 3, 20) - first).days][1:6], (1403, 4, 12, 30, 366))
        self.assertEqual(rows[(D(2025, 3, 21) - first).days][1:6], (1404, 1, 1, 1, 1))
        self.assertEqual(rows[(D(2026, 3, 20) - first).days][1:6], (1404, 4, 12, 29, 365))

    def test_sql_functions_are_immutable_and_inlined(self):
        self.env.cr.execute("""
            SELECT proname, provolatile, proparallel FROM pg_proc
             WHERE proname IN ('jalali_year', 'jalali_quarter', 'jalali_month', 'jalali_month_start', 'jalali_trunc')
        """)
        self.assertEqual({row[1:] for row in self.env.cr.fetchall()}, {("i", "s")})
        # inlined: the plan reads the lookup table, and only calls the arithmetic outside it
        self.env.cr.execute("EXPLAIN VERBOSE SELECT jalali_month_start(date_from) FROM ir_sequence_date_range")
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn("jalali_month_start(", plan)
        self.assertNotIn("jalali_month_starts(", plan)
        self.assertIn("COALESCE(('1921-03-21'::date + ('{0,0,0,", plan)
        self.assertIn("jalali_month_start_calc(", plan)

    def test_outside_the_lookup_table_the_arithmetic_answers(self):
        for day in (D(1800, 3, 6), D(1921, 3, 20), D(2122, 3, 21), D(2200, 1, 1), D(3000, 12, 31)):
            j = jdatetime.date.fromgregorian(date=day)
            self.env.cr.execute(
                "SELECT jalali_year_start(%s), jalali_quarter_start(%s), jalali_month_start(%s), jalali_year(%s)",
                [day] * 4)
            self.assertEqual(self.env.cr.fetchone(), (
                jdatetime.date(j.year, 1, 1).togregorian(),
                jdatetime.date(j.year, (j.month - 1) // 3 * 3 + 1, 1).togregorian(),
                jdatetime.date(j.year, j.month, 1).togregorian(),
                j.year,
            ), day)

    def test_null_gives_null(self):
        self.env.cr.execute("SELECT jalali_month_start(NULL), jalali_year(NULL), jalali_trunc('month', NULL)")
        self.assertEqual(self.env.cr.fetchone(), (None, None, None))


@tagged("post_install", "-at_install")
class TestJalaliGroupBy(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.sequence = cls.env["ir.sequence"].create({
            "name": "Jalali grouping test", "implementation": "no_gap", "use_date_range": True,
        })
        # Every third day from Esfand 1397 to Farvardin 1410 (leap years 1399, 1403, 1408),
        # plus every day around each Nowruz; create_date at a time that walks round the clock.
        days = set()
        day = jd(1397, 12, 1)
        while day <= jd(1410, 1, 31):
            days.add(day)
            day += datetime.timedelta(days=3)
        for year in range(1398, 1411):
            nowruz = jd(year, 1, 1)
            days.update(nowruz + datetime.timedelta(days=offset) for offset in range(-3, 3))
        cls.days = sorted(days)
        cls.moments = [
            DT.combine(day, datetime.time()) + datetime.timedelta(minutes=(index * 97) % 1440)
            for index, day in enumerate(cls.days)
        ]
        cls.env.cr.execute("""
            INSERT INTO ir_sequence_date_range (sequence_id, date_from, date_to, number_next, create_date)
            SELECT %s, d, d, 1, m FROM unnest(%s::date[], %s::timestamp[]) AS rows(d, m)
        """, [cls.sequence.id, cls.days, cls.moments])
        cls.env.invalidate_all()
        cls.Range = cls.env["ir.sequence.date_range"].with_context(lang="fa_IR", tz="Asia/Tehran")
        cls.domain = [("sequence_id", "=", cls.sequence.id)]

    def test_dataset_spans_leap_years(self):
        self.assertGreater(len(self.days), 1500)
        for year in (1399, 1403, 1408):
            self.assertIn(jd(year, 12, 30), self.days)

    # --- _read_group against Python -------------------------------------

    def expected_date_groups(self, unit):
        return sorted(Counter(jalali.period_start(day, unit) for day in self.days).items())

    def expected_datetime_groups(self, unit, tz=TEHRAN):
        local_days = (pytz.utc.localize(moment).astimezone(tz).date() for moment in self.moments)
        return sorted(Counter(
            DT.combine(jalali.period_start(day, unit), datetime.time()) for day in local_days
        ).items())

    def test_read_group_date_field_matches_jdatetime(self):
        for unit in ("year", "quarter", "month", "week", "day"):
            with self.subTest(unit=unit):
                groups = self.Range._read_group(self.domain, [f"date_from:jalali_{unit}"], ["__count"])
                self.assertEqual(groups, self.expected_date_groups(unit))

    def test_read_group_datetime_field_in_the_users_time_zone(self):
        for unit in ("year", "quarter", "month", "week", "day"):
            with self.subTest(unit=unit):
                groups = self.Range._read_group(self.domain, [f"create_date:jalali_{unit}"], ["__count"])
                self.assertEqual(groups, self.expected_datetime_groups(unit))
        in_utc = self.Range.with_context(tz="UTC")._read_group(self.domain, ["create_date:jalali_month"], ["__count"])
        self.assertEqual(in_utc, self.expected_datetime_groups("month", pytz.utc))
        self.assertNotEqual(in_utc, self.expected_datetime_groups("month"))

    def test_group_by_jalali_month_is_one_query(self):
        with self.assertQueryCount(1):
            self.Range._read_group(self.domain, ["date_from:jalali_month", "create_date:jalali_year"], ["__count"])

    def test_esfand_straddles_february_and_march(self):
        esfand_1403 = [count for start, count in self.expected_date_groups("month") if start == jd(1403, 12, 1)]
        groups = dict(self.Range._read_group(self.domain, ["date_from:jalali_month"], ["__count"]))
        self.assertEqual(jd(1403, 12, 1), D(2025, 2, 19))
        self.assertEqual([groups[D(2025, 2, 19)]], esfand_1403)
        self.assertNotIn(D(2025, 3, 1), groups)

    # --- formatted groups: labels, ranges, domains ---------------------------

    def test_formatted_groups_open_exactly_their_records(self):
        for spec in ("date_from:jalali_month", "date_from:jalali_quarter", "date_from:jalali_year",
                     "create_date:jalali_month", "create_date:jalali_quarter", "create_date:jalali_year",
                     "date_from:jalali_week", "date_from:jalali_day", "create_date:jalali_week", "create_date:jalali_day"):
            with self.subTest(spec=spec):
                groups = self.Range.formatted_read_group(self.domain, [spec], ["__count"])
                total = 0
                for group in groups:
                    records = self.Range.search(self.domain + group["__extra_domain"])
                    self.assertEqual(len(records), group["__count"], group[spec])
                    total += len(records)
                self.assertEqual(total, len(self.days))

    def test_labels_in_persian(self):
        groups = self.Range.formatted_read_group(
            self.domain + [("date_from", ">=", "2025-02-01"), ("date_from", "<", "2025-04-30")],
            ["date_from:jalali_month"], ["__count"])
        self.assertEqual([group["date_from:jalali_month"] for group in groups], [
            ("2025-01-20", "بهمن ۱۴۰۳"), ("2025-02-19", "اسفند ۱۴۰۳"),
            ("2025-03-21", "فروردین ۱۴۰۴"), ("2025-04-21", "اردیبهشت ۱۴۰۴"),
        ])
        self.assertEqual(groups[1]["__extra_domain"], ["&", ("date_from", ">=", "2025-02-19"), ("date_from", "<", "2025-03-21")])
        quarters = self.Range.formatted_read_group(
            self.domain + [("date_from", "in", ["2025-03-20", "2025-03-21"])], ["date_from:jalali_quarter"], ["__count"])
        self.assertEqual([group["date_from:jalali_quarter"][1] for group in quarters], ["زمستان ۱۴۰۳", "بهار ۱۴۰۴"])
        years = self.Range.formatted_read_group(
            self.domain + [("date_from", "in", ["2025-03-20", "2025-03-21"])], ["date_from:jalali_year"], ["__count"])
        self.assertEqual([group["date_from:jalali_year"] for group in years], [("2024-03-20", "۱۴۰۳"), ("2025-03-21", "۱۴۰۴")])
        english = self.Range.with_context(lang="en_US").formatted_read_group(
            self.domain + [("date_from", "=", "2025-03-20")], ["date_from:jalali_month"], ["__count"])
        self.assertEqual(english[0]["date_from:jalali_month"], ("2025-02-19", "Esfand 1403"))

    def test_week_and_day_labels(self):
        """Iranian weeks start on Saturday and are named after their first day; days are Jalali days."""
        domain = self.domain + [("date_from", "in", ["2025-03-20", "2025-03-21", "2025-03-22"])]
        weeks = self.Range.formatted_read_group(domain, ["date_from:jalali_week"], ["__count"])
        self.assertEqual([(group["date_from:jalali_week"], group["__count"]) for group in weeks], [
            (("2025-03-15", "هفتهٔ ۲۵ اسفند ۱۴۰۳"), 2), (("2025-03-22", "هفتهٔ ۲ فروردین ۱۴۰۴"), 1),
        ])
        self.assertEqual(weeks[0]["__extra_domain"],
                         ["&", ("date_from", ">=", "2025-03-15"), ("date_from", "<", "2025-03-22")])
        days = self.Range.formatted_read_group(domain, ["date_from:jalali_day"], ["__count"])
        self.assertEqual([group["date_from:jalali_day"][1] for group in days],
                         ["۳۰ اسفند ۱۴۰۳", "۱ فروردین ۱۴۰۴", "۲ فروردین ۱۴۰۴"])
        english = self.Range.with_context(lang="en_US").formatted_read_group(
            domain, ["date_from:jalali_week"], ["__count"])
        self.assertEqual(english[0]["date_from:jalali_week"], ("2025-03-15", "Week of 25 Esfand 1403"))

    def test_datetime_around_midnight_of_nowruz_in_tehran(self):
        # 1404/01/01 00:00 in Tehran (+03:30) is 2025-03-20 20:30 UTC
        last_second, first_second = DT(2025, 3, 20, 20, 29, 59), DT(2025, 3, 20, 20, 30)
        sequence = self.env["ir.sequence"].create({"name": "Nowruz", "implementation": "no_gap", "use_date_range": True})
        self.env.cr.execute("""
            INSERT INTO ir_sequence_date_range (sequence_id, date_from, date_to, number_next, create_date)
            VALUES (%(s)s, '2025-03-20', '2025-03-20', 1, %(a)s), (%(s)s, '2025-03-20', '2025-03-21', 1, %(b)s)
        """, {"s": sequence.id, "a": last_second, "b": first_second})
        domain = [("sequence_id", "=", sequence.id)]
        groups = self.Range.formatted_read_group(domain, ["create_date:jalali_month"], ["__count"])
        self.assertEqual([(group["create_date:jalali_month"], group["__count"]) for group in groups], [
            (("2025-02-18 20:30:00", "اسفند ۱۴۰۳"), 1),
            (("2025-03-20 20:30:00", "فروردین ۱۴۰۴"), 1),
        ])
        for group, moment in zip(groups, (last_second, first_second)):
            self.assertEqual(self.Range.search(domain + group["__extra_domain"]).create_date, moment)
        years = self.Range.formatted_read_group(domain, ["create_date:jalali_year"], ["__count"])
        self.assertEqual([group["create_date:jalali_year"][1] for group in years], ["۱۴۰۳", "۱۴۰۴"])
        # in UTC both moments are on 2025-03-20, 30 Esfand 1403
        utc = self.Range.with_context(tz="UTC").formatted_read_group(domain, ["create_date:jalali_month"], ["__count"])
        self.assertEqual([(group["create_date:jalali_month"], group["__count"]) for group in utc], [
            (("2025-02-19 00:00:00", "اسفند ۱۴۰۳"), 2),
        ])

    def test_web_read_group_unfolds_the_right_records(self):
        domain = self.domain + [("date_from", ">=", jd(1408, 12, 25)), ("date_from", "<=", jd(1409, 1, 2))]
        result = self.Range.web_read_group(
            domain, ["date_from:jalali_month"], auto_unfold=True, unfold_read_specification={"date_from": {}})
        self.assertEqual(result["length"], 2)
        esfand, farvardin = result["groups"]
        self.assertEqual(esfand["date_from:jalali_month"], (str(jd(1408, 12, 1)), "اسفند ۱۴۰۸"))
        self.assertEqual({row["date_from"] for row in esfand["__records"]},
                         {day for day in self.days if jd(1408, 12, 25) <= day <= jd(1408, 12, 30)})
        self.assertEqual({row["date_from"] for row in farvardin["__records"]},
                         {day for day in self.days if jd(1409, 1, 1) <= day <= jd(1409, 1, 2)})

    def test_deprecated_read_group(self):
        domain = self.domain + [("date_from", "in", [jd(1403, 12, 30), jd(1404, 1, 1)])]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            rows = self.Range.read_group(domain, ["date_from"], ["date_from:jalali_month"])
        self.assertEqual([(row["date_from:jalali_month"], row["date_from_count"]) for row in rows],
                         [("اسفند ۱۴۰۳", 1), ("فروردین ۱۴۰۴", 1)])
        self.assertEqual(rows[0]["__range"]["date_from:jalali_month"], {"from": "2025-02-19", "to": "2025-03-21"})
        for row in rows:
            self.assertEqual(self.Range.search_count(row["__domain"]), 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            rows = self.Range.read_group(domain, ["date_from"], ["date_from:jalali_year", "create_date:month"], lazy=False)
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertEqual(self.Range.search_count(row["__domain"]), 1)

    def test_fill_temporal_adds_the_empty_jalali_months(self):
        bahman = next(day for day in self.days if day >= jd(1403, 11, 1))
        ordibehesht = next(day for day in self.days if day >= jd(1404, 2, 1))
        domain = self.domain + [("date_from", "in", [bahman, ordibehesht])]
        groups = self.Range.with_context(fill_temporal=True).formatted_read_group(
            domain, ["date_from:jalali_month"], ["__count"])
        self.assertEqual([(group["date_from:jalali_month"][1], group["__count"]) for group in groups], [
            ("بهمن ۱۴۰۳", 1), ("اسفند ۱۴۰۳", 0), ("فروردین ۱۴۰۴", 0), ("اردیبهشت ۱۴۰۴", 1),
        ])
        groups = self.Range.with_context(fill_temporal={"fill_from": "2025-03-25", "min_groups": 3}).formatted_read_group(
            self.domain + [("date_from", "=", next(day for day in self.days if day >= jd(1404, 1, 5)))], ["create_date:jalali_quarter"], ["__count"])
        self.assertEqual([group["create_date:jalali_quarter"][1] for group in groups], ["بهار ۱۴۰۴", "تابستان ۱۴۰۴", "پاییز ۱۴۰۴"])

    def test_grouping_sets_of_the_pivot_view_and_descending_order(self):
        domain = self.domain + [("date_from", ">=", jd(1403, 12, 1)), ("date_from", "<=", jd(1404, 1, 31))]
        totals, months = self.Range.formatted_read_grouping_sets(
            domain, [[], ["date_from:jalali_month", "create_date:jalali_year"]], ["__count"])
        self.assertEqual(totals[0]["__count"], sum(group["__count"] for group in months))
        self.assertEqual({group["date_from:jalali_month"][1] for group in months}, {"اسفند ۱۴۰۳", "فروردین ۱۴۰۴"})
        for group in months:
            self.assertEqual(self.Range.search_count(domain + group["__extra_domain"]), group["__count"])
        descending = self.Range._read_group(domain, ["date_from:jalali_month"], ["__count"],
                                            order="date_from:jalali_month desc")
        self.assertEqual([start for start, __ in descending], [jd(1404, 1, 1), jd(1403, 12, 1)])

    def test_group_through_a_many2one_path(self):
        groups = self.Range._read_group(self.domain + [("date_from", "=", jd(1404, 1, 1))],
                                        ["sequence_id.create_date:jalali_year"], ["__count"])
        self.assertEqual(len(groups), 1)

    def test_bad_granularities_are_refused(self):
        with self.assertRaisesRegex(ValueError, "Unknown Jalali granularity 'jalali_decade'"):
            self.Range._read_group(self.domain, ["date_from:jalali_decade"], ["__count"])
        with self.assertRaisesRegex(ValueError, "Granularity specification isn't correct"):
            self.Range._read_group(self.domain, ["date_from:jalalimonth"], ["__count"])
        with self.assertRaisesRegex(ValueError, "not a date or datetime"):
            self.Range._read_group(self.domain, ["number_next:jalali_month"], ["__count"])
        with self.assertRaisesRegex(ValueError, "Unknown Jalali granularity"):
            self.Range.formatted_read_group(self.domain, ["create_date:jalali_hour"], ["__count"])

    # --- relative filters -------------------------------------------------

    @freeze_time("2025-03-21 12:00:00")  # 1 Farvardin 1404 in Tehran
    def test_relative_jalali_filters(self):
        def count(*condition):
            return self.Range.search_count(self.domain + [condition])

        def days_between(first, last):
            return sum(1 for day in self.days if first <= day <= last)

        self.assertEqual(count("date_from.jalali_month_offset", "=", 0), days_between(jd(1404, 1, 1), jd(1404, 1, 31)))
        self.assertEqual(count("date_from.jalali_month_offset", "=", -1), days_between(jd(1403, 12, 1), jd(1403, 12, 30)))
        self.assertEqual(count("date_from.jalali_year_offset", "=", -1), days_between(jd(1403, 1, 1), jd(1403, 12, 30)))
        self.assertEqual(count("date_from.jalali_quarter_offset", "in", [-1, 0]), days_between(jd(1403, 10, 1), jd(1404, 3, 31)))
        self.assertEqual(count("date_from.jalali_year_offset", ">=", -1), days_between(jd(1403, 1, 1), jd(1410, 12, 29)))
        self.assertEqual(count("date_from.jalali_year_offset", "<", 0), days_between(jd(1390, 1, 1), jd(1403, 12, 30)))
        self.assertEqual(count("date_from.jalali_year_offset", "not in", [0]),
                         len(self.days) - days_between(jd(1404, 1, 1), jd(1404, 12, 29)))
        local_days = [pytz.utc.localize(moment).astimezone(TEHRAN).date() for moment in self.moments]
        self.assertEqual(count("create_date.jalali_month_offset", "=", -1),
                         sum(1 for day in local_days if jd(1403, 12, 1) <= day <= jd(1403, 12, 30)))
        with self.assertRaisesRegex(ValueError, "Unknown Jalali filter property"):
            count("date_from.jalali_week_offset", "=", 0)
        with self.assertRaisesRegex(ValueError, "whole number of periods"):
            count("date_from.jalali_month_offset", "=", "0")

    def test_search_view_accepts_jalali_filters_and_group_bys(self):
        view = self.env["ir.ui.view"].create({
            "name": "Jalali filters test",
            "model": "ir.sequence.date_range",
            "type": "search",
            "arch": """
                <search>
                    <filter name="this_jalali_month" string="This Jalali month"
                            domain="[('date_from.jalali_month_offset', '=', 0)]"/>
                    <filter name="last_jalali_year" string="Last Jalali year"
                            domain="[('date_from.jalali_year_offset', '=', -1)]"/>
                    <filter name="by_jalali_month" string="Jalali month"
                            context="{'group_by': 'date_from:jalali_month'}"/>
                </search>""",
        })
        self.assertTrue(view.exists())
        with self.assertRaisesRegex(Exception, "jalali_fortnight_offset"):
            view.arch = view.arch.replace("jalali_month_offset", "jalali_fortnight_offset")
