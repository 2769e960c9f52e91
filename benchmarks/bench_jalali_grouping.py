#!/usr/bin/env python3
"""Grouping a million rows by Jalali month against grouping them by Gregorian month.

Fills ``ir.sequence.date_range`` (a real model of municipality_base, with a
date field ``date_from`` and a datetime field ``create_date``) with ROWS rows
spread over 15 years, in one transaction that is rolled back at the end, then
times the ORM's ``_read_group`` by ``date_from:jalali_month`` and by
``date_from:month`` (and the same on ``create_date`` in Tehran time), best of
five runs each, and prints both times and their ratio. The target of issue 5 is
a ratio of at most 1.5. Needs a database with municipality_base installed:

    python3 benchmarks/bench_jalali_grouping.py [DATABASE] [ROWS]
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402

REPEAT = 5


def timed(run):
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Tehran", "lang": "fa_IR"})
        sequence = env["ir.sequence"].create({
            "name": "bench jalali grouping", "implementation": "no_gap", "use_date_range": True,
        })
        start = time.perf_counter()
        # (date_from, date_to) is unique per sequence: date_to = date_from + i div 5479
        cr.execute("""
            INSERT INTO ir_sequence_date_range (sequence_id, date_from, date_to, number_next, create_date)
            SELECT %s, DATE '2015-01-01' + (i %% 5479), DATE '2015-01-01' + (i %% 5479) + i / 5479, 1,
                   TIMESTAMP '2015-01-01' + (i %% 5479) * INTERVAL '1 day' + (i::bigint * 7919 %% 86400) * INTERVAL '1 second'
              FROM generate_series(0, %s - 1) AS i
        """, [sequence.id, rows])
        cr.execute("ANALYZE ir_sequence_date_range")
        print(f"{rows:,} rows written in {time.perf_counter() - start:.1f} s "
              f"(2015-01-01 to 2029-12-31, ir.sequence.date_range)")

        Range = env["ir.sequence.date_range"]
        domain = [("sequence_id", "=", sequence.id)]
        print(f"{'group by':28} {'groups':>6} {'best s':>8} {'median s':>9}")
        results = {}
        for spec in ("date_from:month", "date_from:jalali_month",
                     "create_date:month", "create_date:jalali_month",
                     "date_from:year", "date_from:jalali_year"):
            best, median, groups = timed(lambda: Range._read_group(domain, [spec], ["__count"]))
            assert sum(count for __, count in groups) == rows
            results[spec] = (best, median)
            print(f"{spec:28} {len(groups):>6} {best:8.3f} {median:9.3f}")

        for field in ("date_from", "create_date"):
            (jbest, jmedian), (gbest, gmedian) = results[f"{field}:jalali_month"], results[f"{field}:month"]
            ratio = jbest / gbest
            verdict = "within" if ratio <= 1.5 else "OVER"
            print(f"{field}: Jalali month / Gregorian month = {ratio:.2f} best, {jmedian / gmedian:.2f} median "
                  f"({verdict} the 1.5 target)")

        for spec in ("date_from:jalali_month", "create_date:jalali_month"):
            query = Range._search(domain)
            groupby = Range._read_group_groupby(Range._table, spec, query)
            print(f"SQL group key of {spec}:", groupby.code % tuple(repr(p) for p in groupby.params))
        cr.rollback()


if __name__ == "__main__":
    main()
