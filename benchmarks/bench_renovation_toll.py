#!/usr/bin/env python3
"""The yearly renovation-toll batch at city scale.

Builds a fresh municipality (the municipal chart of accounts, the current fiscal year, a renovation toll type
at 5‰ of the value with a 10 % on-time discount), PROPERTIES properties (default 20,000) in 20 districts with
their owners and the year's regional values, written in bulk with SQL; then times
``municipality.property``'s renovation batch (``municipality.renovation.toll.run._execute``, batches of 500
through finance's ``create_assessments``): every property gets a confirmed assessment with its payment ID and
its posted invoice. Prints properties per second, queries (per property) and peak memory (target: at least
100 properties/s, under 1 GB), with the machine's load average (it is shared: a loaded machine is slower).
The property lookups are ``bench_property_lookup.py``.

Needs a database with municipality_urbanism installed (default ``shahr``, or ``SHAHR_DB``):

    python3 benchmarks/bench_renovation_toll.py [DATABASE] [PROPERTIES]

``BENCH_PROFILE=1`` prints a cProfile of the batch (``BENCH_PROFILE=/tmp/x.prof`` also writes it).

Everything runs in one transaction that is rolled back: the database is left as it was. The batch commits
between batches in production; here it does not (``_execute(commit=False)``), but it empties the ORM cache
after each batch as it does when it commits. Peak memory is the process's resident set (VmHWM, reset before
the batch where Linux allows it), Odoo's registry included.

Measured 2026-12-03 on the shared 2-core machine, 20,000 properties (19,000 timed after the 1,000 of the
warm-up district), 20,000 posted with a payment ID and nothing left to assess when run again; per batch of 500,
timed to the second:

* The machine of 2026-12-04 10:38 UTC, idle (load 0.5 to 1.0), main at 3511051 (the batch now dates a
  year's assessments today and gives them their toll year): **104.6 properties/s** (181.7 s), 144.5 s of
  Python CPU time (7.6 ms per property), 10,856 queries (0.6 per property), peak memory 226 MB; run again,
  nothing left to assess.
* The machine of 2026-12-04 02:09 UTC, idle (load 1.0 to 1.1), main at 356ea4c: **116.9 properties/s**
  (162.6 s), 131.2 s of Python CPU time (6.9 ms per property), 10,812 queries (0.6 per property), peak memory
  235 MB; 119.9 properties/s over 2,000 (6.8 ms).
* The machine of 2026-12-03 22:30-23:35 UTC, idle (load 0.9 to 1.2), whose speed changed from one run to the
  next: main at c93afb4 ran at 96.7 and 82.6 properties/s (7.8 and 9.2 ms of CPU per property, PostgreSQL
  49 and 55 s). With the invoice lines' date, draft state and residual amounts, the invoices' due date,
  salesperson, partner name, payment state and sequence gap, and the assessments' amounts given at create
  (each was one more UPDATE of every row of a batch: Odoo computes them after the insert) and the receivable
  lines' names kept at posting: **110.7 and 92.3 properties/s** (171.7 and 205.8 s), 7.3 and 8.7 ms of CPU per
  property, PostgreSQL 34 and 40 s, 0.6 queries per property, peak memory 235 MB; 41,118 Python calls per
  property against 42,560. Once more at 00:08 UTC, the machine at its slower speed: 86.0 properties/s (220.8 s,
  9.3 ms of CPU per property).
* On a slower machine (next session, 19:53-20:00 UTC, idle, load 0.8 to 1.0), with the assessments numbered in
  their create, their amounts not written again, one write per assessment, the lines' totals given and Odoo's
  line synchronisation skipped: 383.7 s = 49.5 properties/s, 0.6 queries per property, 296.2 s of Python CPU
  time (15.6 ms per property), peak memory 234 MB. The code before these changes ran there at 43.0 to 47.1
  properties/s and 16.7 to 18.4 ms per property at 2,000 (49.5 and 47.1, 15.4 and 16.3 ms after): that
  machine's cores take twice the CPU time of the one below for the same code.
* Main after the session's merges, 17:19-17:23 UTC, the machine alone (load average 1.2 falling to 1.0):
  215.7 s = 88.1 properties/s, 0.6 queries per property, 173.5 s of Python CPU time (9.1 ms per property),
  peak memory 234 MB.
* With the invoices' company check made per company in the batch and the lines' sequence, currency, unit and
  receivable name given, 17:07-17:14 UTC while a test run of three addons shared the machine, load average 6.1
  falling to 4.0: 375 s = 50.6 properties/s, 0.6 queries per property, 170.7 s of Python CPU time (9.0 ms per
  property), peak memory 234 MB. Side by side at 2,000 properties (1,900 timed), load 2.2: 88.2 properties/s,
  8.9 ms of CPU per property after; 78.8 properties/s, 10.2 ms before; under load 4.4 to 8.2: 50.6 and 58.2
  (8.5 to 8.7 ms) after, 20.4 and 39.9 (9.7 to 11.0 ms) before.
* With the batched numbering, fiscal positions per citizen and posting without line synchronisation,
  16:43-16:48 UTC, load average 3.4 to 4.2 for the first 5,000, then 1.4 to 2.9: 288 s = 66.1 properties/s,
  0.6 queries per property, peak memory 230 MB (71 to 83 properties/s per batch at load 1.4 to 2; 38 to 83 at
  load 3.3 to 4.2); 16:33-16:42 UTC, load average 5.7 rising to 11.7 (other helpers' runs and this change's two test runs),
  then falling to 2.5: 523 s = 36.3 properties/s, 0.6 queries per property, peak memory 233 MB (16 to 50
  properties/s per batch at load 6 to 12, 71 to 100 at load 2.6 to 5.2).
* With the batched numbering and fiscal positions only, 16:18-16:23 UTC, load average about 2 for the first
  12,000, rising to 3.9: 273 s = 69.6 properties/s (86.5 over the first 8,500; 83 to 100 per batch at load 2,
  38 to 62 once it passed 2.4), 0.6 queries per property, 233 MB; and 15:55-16:17 UTC under load 10 to 19,
  falling to 5.3: 1,145 s = 16.6 properties/s (10 to 15 per batch at load 12 to 19, 71 to 100 at the end).
* Side by side at 2,000 properties (1,900 timed), load about 2.5: 56.6 properties/s, 4.6 queries per property
  and 21.4 s of Python CPU time before; 74.8 to 75.7 properties/s, 0.65 queries per property, 18.6 to 19.9 s
  with the batched numbering and fiscal positions; 84.0 properties/s, 16.3 s with the posting without line
  synchronisation as well (the same invoice names and amounts each time).

Before (13:37-13:51 UTC, load 7.5 falling to 3.5): 23.2 properties/s, 4.6 queries per property, 226 MB; before
the batch API, 5.1 properties/s and 19.0 queries per property under load 8 to 13. What is left is Odoo's ORM
work per invoice (its create, its lines' computed fields, numbering), 7 to 9 ms of Python (CPU time) per
property on the machines where the 100 properties/s target is met over a whole run (the first bullets), plus
PostgreSQL's; on a machine whose cores take twice that time, it is not.
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402
from shahr_env import peak_rss_mb, reset_peak_rss  # noqa: E402

DISTRICTS = 20
BLOCKS = 50



def national_id(serial):
    """A valid national ID (کد ملی) made from ``serial``."""
    digits = [int(d) for d in f"{serial % 10**9:09d}"]
    if len(set(digits)) == 1:
        digits[-1] = (digits[-1] + 1) % 10
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    return "".join(map(str, digits)) + str(remainder if remainder < 2 else 11 - remainder)


def build(env, count):
    from odoo.addons.municipality_base.tools.jalali import to_jalali  # noqa: PLC0415
    from odoo.addons.municipality_finance.tests.common import create_municipality  # noqa: PLC0415

    company, env = create_municipality(env, "شهرداری آزمون کارایی نوسازی")
    chart = env["account.chart.template"].with_company(company)
    # the current Jalali year: its batch is dated today, which must fall in an open fiscal year
    this_year = to_jalali(company._today_in_iran()).year
    year = env["municipality.fiscal.year"].create({"jalali_year": this_year, "company_id": company.id})
    toll = env["municipality.toll.type"].create({
        "name": "عوارض نوسازی", "code": "RENOV", "company_id": company.id,
        "account_id": chart.ref("irm_revenue_renovation").id,
        "input_ids": [(0, 0, {"key": "value", "name": "ارزش ملک"})]})
    env["municipality.toll.tariff"].create({"toll_type_id": toll.id, "fiscal_year_id": year.id,
                                           "formula": "value * 5 / 1000", "discount_percent": 10})
    districts = env["municipality.district"].create([
        {"code": str(90 + n), "name": f"منطقه کارایی {n}", "company_id": company.id} for n in range(DISTRICTS)])
    env["municipality.regional.value"].create([
        {"fiscal_year_id": year.id, "district_id": district.id, "block": str(block), "company_id": company.id,
         "land_value": 1_000_000 + 1000 * block, "building_value": 600_000}
        for district in districts for block in range(1, BLOCKS + 1)])
    return company, env, year, districts


def insert_properties(env, company, districts, start, count, owners):
    """``count`` properties numbered from ``start``, each owned by one of ``owners`` (partner ids), in SQL."""
    cr = env.cr
    rows, shares = [], []
    for n in range(start, start + count):
        district = districts[n % len(districts)]
        block = n // len(districts) % BLOCKS + 1
        parcel = n // (len(districts) * BLOCKS) + 1
        rows.append(cr.mogrify("(%s,%s,%s,%s,%s,%s,%s,%s,'residential',true,%s,now() at time zone 'UTC',"
                               "now() at time zone 'UTC',1,1)", (
                                   f"{district.code}-{block}-{parcel}", f"{1000 + n}", f"{n % 500 + 1}",
                                   district.id, str(block), 150 + n % 300, 100 + n % 400, 1 + n % 5,
                                   company.id)).decode())
    for chunk in range(0, len(rows), 5000):
        cr.execute("""
            INSERT INTO municipality_property (renovation_code, plate_main, plate_sub, district_id, block, land_area,
                   building_area, floor_count, use, active, company_id, create_date, write_date, create_uid,
                   write_uid)
            VALUES """ + ",".join(rows[chunk:chunk + 5000]) + " RETURNING id")
        ids = [row[0] for row in cr.fetchall()]
        shares.extend(cr.mogrify("(%s,%s,6)", (prop_id, owners[(chunk + i + start) % len(owners)])).decode()
                      for i, prop_id in enumerate(ids))
    for chunk in range(0, len(shares), 5000):
        cr.execute("INSERT INTO municipality_property_owner (property_id, partner_id, share_dang) VALUES "
                   + ",".join(shares[chunk:chunk + 5000]))
    env.invalidate_all()


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        try:
            started = time.perf_counter()
            company, env, year, districts = build(env, count)
            owner_count = max(100, count // 4)
            owners = env["res.partner"].create([{"name": f"مالک {n}", "national_id": national_id(7_000_000 + n)}
                                                for n in range(owner_count)]).ids
            insert_properties(env, company, districts, 0, count, owners)
            print(f"built {count} properties and {owner_count} owners in {time.perf_counter() - started:.1f} s")

            toll_id = env["municipality.toll.type"].search([("code", "=", "RENOV"), ("company_id", "=", company.id)]).id
            # warm-up: the first district alone (a fresh process computes Odoo's field triggers on first use)
            warm = env["municipality.renovation.toll.run"].create({
                "fiscal_year_id": year.id, "toll_type_id": toll_id, "district_id": districts[0].id,
                "company_id": company.id, "batch_size": 500})
            started = time.perf_counter()
            warm._execute(commit=False)
            print(f"warm-up (district {districts[0].code}): {warm.assessed_count} properties in "
                  f"{time.perf_counter() - started:.1f} s")
            run = env["municipality.renovation.toll.run"].create({
                "fiscal_year_id": year.id, "toll_type_id": toll_id, "company_id": company.id, "batch_size": 500})
            env.invalidate_all()
            reset_peak_rss()
            load_before = os.getloadavg()[0]
            queries = cr.sql_log_count
            started, cpu_started = time.perf_counter(), time.process_time()
            if os.environ.get("BENCH_PROFILE"):
                import cProfile  # noqa: PLC0415
                import pstats  # noqa: PLC0415
                profiler = cProfile.Profile()
                profiler.runcall(run._execute, commit=False)
                if os.environ["BENCH_PROFILE"].endswith(".prof"):
                    profiler.dump_stats(os.environ["BENCH_PROFILE"])
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            else:
                # batch by batch (as a resumed run does), with the figures so far after each batch
                while not run._execute(commit=False, stop_after=1):
                    done, seconds = run.assessed_count, time.perf_counter() - started
                    print(f"  {done} properties in {seconds:.0f} s: {done / seconds:.1f} properties/s, "
                          f"{(cr.sql_log_count - queries) / done:.1f} queries per property, peak memory "
                          f"{peak_rss_mb():.0f} MB, load average {os.getloadavg()[0]:.1f}", flush=True)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            queries = cr.sql_log_count - queries
            assessed = env["municipality.toll.assessment"].search_count(
                [("origin_model", "=", "municipality.property"), ("fiscal_year_id", "=", year.id),
                 ("payment_id", "!=", False), ("invoice_id.state", "=", "posted")])
            print(f"renovation toll: {run.assessed_count} properties assessed ({assessed} posted with a payment ID) "
                  f"in {elapsed:.1f} s = {run.assessed_count / elapsed:.1f} properties/s; {queries} queries "
                  f"({queries / max(run.assessed_count, 1):.1f} per property); Python CPU time {cpu:.1f} s "
                  f"({1000 * cpu / max(run.assessed_count, 1):.1f} ms per property); peak memory {peak_rss_mb():.0f} MB; "
                  f"load average {os.getloadavg()[0]:.1f} (before: {load_before:.1f})")
            again = run._todo()
            print(f"run again: {len(again)} properties left to assess (0 expected)")

        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
