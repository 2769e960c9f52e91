#!/usr/bin/env python3
"""Year-end closing of one fiscal year of posted journal items.

Builds a fresh municipality (a company in Iran with the municipal chart of
accounts, 300 accounts in all, 5,000 partners, fiscal years 1404 and 1405),
fills 1404 with ITEMS posted journal items (default 1,000,000) written in bulk
with SQL, then times ``fiscal_year._close_year()`` (the closing and opening
entries, their reconciliation, the lock) and ``_reopen_year()``, twice (see
below), phase by phase. Shows that the closing is set-based: a few grouped queries and batched writes, not
one query per journal item. Needs a database with municipality_finance
installed (the one `make serve` creates, default ``shahr``, or ``SHAHR_DB``):

    python3 benchmarks/bench_year_end_closing.py [DATABASE] [ITEMS]

Measured on the shared 2-core machine, 2026-12-03, at 1,000,000 items (78,778
closing and 78,586 opening lines, 156,994 reconciled), load average 11.8 to 12.6
(each figure is several times what the machine alone gives):

    stale statistics   closing 68.2 s, 173 queries, 340 MB: checks 9.0, aggregate 27.2,
                       closing entry 5.5, opening entry 2.0, partner lines 21.1, reconcile 3.2,
                       lock 0.2 s; reopening 11.2 s, 103 queries, 291 MB
    after ANALYZE      closing 45.7 s, 163 queries, 343 MB: checks 1.3, aggregate 6.5, closing
                       entry 7.9, opening entry 2.4, partner lines 24.3, reconcile 3.1, lock 0.2 s;
                       reopening 14.9 s, 104 queries, 299 MB

At 100,000 items (26,560 closing and 26,368 opening lines), 2026-12-03, the
entries posted by the ORM with every line without a partner (before) against a
two-line seed per entry completed with SQL and totals from the amounts written
(after); the load differs, so compare the phases the change touches:

    before (load 17)   stale: closing 25.3 s, 178 queries: closing entry 6.11, opening entry
                       2.02, partner lines 8.87, reconcile 0.96 s; fresh: closing 19.3 s, 165
                       queries: closing entry 6.54, opening entry 2.55, partner lines 6.73,
                       reconcile 1.41 s; reopening 2.8 / 2.0 s
    after (load 9)     stale: closing 13.4 s, 156 queries: closing entry 0.46, opening entry
                       0.61, partner lines 6.13, reconcile 0.62 s; fresh: closing 9.9 s, 149
                       queries: closing entry 0.42, opening entry 0.36, partner lines 5.59,
                       reconcile 0.82 s; reopening 2.4 / 2.6 s; peak memory 230 MB

The same after the change at 1,000,000 items (load 6.8 to 8.3; compare with the figures above, load
11.8 to 12.6): stale statistics closing 23.1 s, 157 queries, 327 MB (checks 3.0, aggregate 4.1,
closing entry 0.35, opening entry 0.22, partner lines 13.8, reconcile 1.5, lock 0.1 s), reopening
3.6 s; after ANALYZE closing 15.6 s, 150 queries, 330 MB (checks 0.8, aggregate 3.1, closing entry
0.21, opening entry 0.23, partner lines 9.9, reconcile 1.2, lock 0.1 s), reopening 4.0 s, 283 MB.

The stale checks and aggregate (36 s: three grouped reads planned for 985
items of the company, a primary-key probe of the account per item) came before
the engine compared the planner's estimate with the count and analysed first;
since, the balances are one grouped scan with no join, hashed, and the closing
analyses nothing (``_balances_query``). What remains is PostgreSQL inserting the
157,000 partner lines into a table of 21 indexes (with PostgreSQL's per-row
foreign-key checks, which ``_set_based_checks`` replaces for a superuser, the
same insert took six times as long: 16 s against 2.7 s for 52,526 lines at
100,000 items). Latest figures, and the plans: the "Benchmark of the year-end
closing" section of ``addons/municipality_finance/README.rst``.

The data: entries of four items (two balanced pairs) dated evenly over the
year on the Miscellaneous journal, amounts in whole rials. Each pair is
receivable/payable-type (reconcilable) against revenue/expense (35 %),
reconcilable against another balance-sheet account (30 %), revenue/expense
against balance sheet (20 %), balance sheet against balance sheet (10 %) or
memo against memo (5 %, which the closing leaves alone). Like an invoice, an
entry has one partner on all its items except balance-sheet and memo pairs,
so the closing meets nearly every (reconcilable account, partner) pair.

The closing and the reopening run twice: first with the statistics as the
load left them (the items are written in this very transaction, so neither
autovacuum nor an earlier ANALYZE has seen them: the planner believes the
journal items table as it was before), then again after ``ANALYZE``. Each
phase (the engine reports them, ``municipality.year.end._progress``) is
printed with its time and number of queries.

With ``BENCH_EXPLAIN=1``, PostgreSQL's auto_explain prints the plan of every
statement slower than 200 ms (needs a superuser connection).

Peak memory: the process's resident set (VmHWM, which the benchmark resets
before each closing and reopening where Linux allows it, else ``ru_maxrss``),
so it includes Odoo's registry and caches; no tracemalloc (it slows Python
down several times). Everything runs in one transaction that is rolled back:
the database is left as it was.
"""

import datetime
import io
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402
from shahr_env import peak_rss_mb, reset_peak_rss  # noqa: E402

ACCOUNTS = 300
PARTNERS = 5_000
JALALI_YEAR = 1404
ITEMS_PER_ENTRY = 4
CHUNK_ENTRIES = 25_000

#: (debit pool, credit pool, weight) of a pair of items; the direction is random.
PAIR_KINDS = (("reconcilable", "temporary", 35), ("reconcilable", "balance", 30),
              ("temporary", "balance", 20), ("balance", "balance", 10), ("memo", "memo", 5))
#: Account types and code prefixes of the accounts added to the chart's.
ADDED_TYPES = (("income", "61", 30), ("expense", "81", 40), ("asset_current", "11", 15), ("liability_current", "31", 15))



def build_municipality(env):
    """A company with the municipal chart, ACCOUNTS accounts, PARTNERS partners and two fiscal years."""
    values = {"name": "Benchmark Municipality", "country_id": env.ref("base.ir").id}
    if "iap_enrich_auto_done" in env["res.company"]._fields:
        values["iap_enrich_auto_done"] = True  # no partner autocomplete call
    company = env["res.company"].create(values)
    env.user.company_ids |= company
    env["account.chart.template"].try_loading("ir_municipality", company, install_demo=False)
    env = env(context={**env.context, "allowed_company_ids": [company.id]})
    Account = env["account.account"].with_company(company)
    existing = Account.search([("company_ids", "in", company.id)])
    missing = ACCOUNTS - len(existing)
    weights = sum(weight for _type, _prefix, weight in ADDED_TYPES)
    vals_list = []
    for account_type, prefix, weight in ADDED_TYPES:
        count = missing * weight // weights if account_type != ADDED_TYPES[-1][0] else missing - len(vals_list)
        vals_list += [{"code": f"{prefix}{i:04d}", "name": f"Benchmark {account_type} {i}", "account_type": account_type}
                      for i in range(1, count + 1)]
    Account.create(vals_list)
    partners = env["res.partner"].create([{"name": f"Benchmark Partner {i}"} for i in range(1, PARTNERS + 1)])
    years = env["municipality.fiscal.year"].create([
        {"jalali_year": JALALI_YEAR, "company_id": company.id},
        {"jalali_year": JALALI_YEAR + 1, "company_id": company.id}])
    env.flush_all()
    return env, company, years[0], partners


def warm_up(env, company, partners):
    """Close a small year before, as a server that has served requests would be warm.

    The first closing in a fresh process builds Odoo's caches (field trigger
    trees, access rules, translations: 750 queries and several seconds in
    the checks alone); that is no cost of the closing, nor of the statistics.
    Year JALALI_YEAR - 1, two ORM entries, closed: its opening entry is on
    the first day of JALALI_YEAR (a few lines); the journal items written
    afterwards still leave the statistics stale.
    """
    year = env["municipality.fiscal.year"].create({"jalali_year": JALALI_YEAR - 1, "company_id": company.id})
    pools = account_pools(env, company)
    day = year.date_from + datetime.timedelta(days=30)
    moves = env["account.move"].create([{
        "date": day, "journal_id": env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general"), ("code", "=", "MISC")], limit=1).id,
        "line_ids": [(0, 0, {"account_id": pools["reconcilable"][0][0], "partner_id": partner.id, "debit": 1000.0}),
                     (0, 0, {"account_id": pools["temporary"][0][0], "partner_id": partner.id, "credit": 1000.0})],
    } for partner in partners[:2]])
    moves.action_post()
    year._close_year()
    env.flush_all()


def account_pools(env, company):
    from odoo.addons.municipality_finance.models.municipality_year_end import TEMPORARY_ACCOUNT_TYPES  # noqa: PLC0415

    setup = company._year_end_setup()
    accounts = env["account.account"].search([("company_ids", "in", company.id)]) - setup["result_account"] - setup["surplus_account"]
    pools = {
        "memo": accounts.filtered(lambda a: a.account_type == "off_balance"),
        "temporary": accounts.filtered(lambda a: a.account_type in TEMPORARY_ACCOUNT_TYPES),
        "reconcilable": accounts.filtered(lambda a: a.reconcile and a.account_type != "off_balance"),
    }
    pools["balance"] = accounts - pools["memo"] - pools["temporary"] - pools["reconcilable"]
    return {name: [(a.id, a.reconcile) for a in pool] for name, pool in pools.items()}


MOVE_COLUMNS = (
    "id", "name", "sequence_prefix", "sequence_number", "journal_id", "company_id", "currency_id", "date", "state",
    "move_type", "auto_post", "payment_state", "amount_untaxed", "amount_tax", "amount_total", "amount_residual",
    "amount_untaxed_signed", "amount_untaxed_in_currency_signed", "amount_tax_signed", "amount_total_signed",
    "amount_total_in_currency_signed", "amount_residual_signed", "always_tax_exigible", "checked", "posted_before",
    "made_sequence_gap", "is_manually_modified", "invoice_date_due", "create_uid", "write_uid", "create_date",
    "write_date")
LINE_COLUMNS = (
    "move_id", "move_name", "journal_id", "company_id", "company_currency_id", "currency_id", "date", "parent_state",
    "display_type", "sequence", "account_id", "partner_id", "name", "debit", "credit", "balance", "amount_currency",
    "amount_residual", "amount_residual_currency", "reconciled", "quantity", "price_unit", "price_subtotal",
    "price_total", "discount", "is_storno", "no_followup", "deductible_amount", "create_uid", "write_uid",
    "create_date", "write_date")


def copy_rows(cr, table, columns, rows):
    """COPY ``rows`` (tuples of str, ``None`` for NULL) into ``table``."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(r"\N" if value is None else value for value in row))
        buffer.write("\n")
    buffer.seek(0)
    cr._obj.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def generate_entries(env, company, year, partners, items, seed=JALALI_YEAR):
    """Insert ``items`` posted journal items in ``year``, entries of ITEMS_PER_ENTRY items, with COPY.

    Column values are those the ORM stores for a posted miscellaneous entry.
    """
    from odoo import SUPERUSER_ID  # noqa: PLC0415

    cr = env.cr
    rng = random.Random(seed)
    pools = account_pools(env, company)
    kinds = [(debit, credit) for debit, credit, weight in PAIR_KINDS for _ in range(weight)]
    partner_ids = partners.ids
    journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "general"),
                                              ("code", "=", "MISC")], limit=1)
    pairs = items // 2
    entries = -(-pairs // (ITEMS_PER_ENTRY // 2))
    days = (year.date_to - year.date_from).days + 1
    cr.execute("SELECT nextval('account_move_id_seq') FROM generate_series(1, %s)", [entries])
    move_ids = [row[0] for row in cr.fetchall()]
    now = str(datetime.datetime.now().replace(microsecond=0))
    uid, journal_id, company_id, currency_id = str(SUPERUSER_ID), str(journal.id), str(company.id), str(company.currency_id.id)
    sequence = {}
    pair = 0
    for chunk_start in range(0, entries, CHUNK_ENTRIES):
        moves, lines = [], []
        for index in range(chunk_start, min(entries, chunk_start + CHUNK_ENTRIES)):
            date = year.date_from + datetime.timedelta(days=index * days // entries)
            prefix = f"{journal.code}/{date.year}/{date.month:02d}/"
            number = sequence[prefix] = sequence.get(prefix, 0) + 1
            name, day, move_id = f"{prefix}{number:05d}", str(date), str(move_ids[index])
            partner = str(rng.choice(partner_ids))
            total = 0
            for _ in range(min(ITEMS_PER_ENTRY // 2, pairs - pair)):
                pair += 1
                debit_pool, credit_pool = rng.choice(kinds)
                if rng.random() < 0.5:
                    debit_pool, credit_pool = credit_pool, debit_pool
                amount = rng.randrange(1_000, 500_000_000)
                total += amount
                for pool, balance in ((debit_pool, amount), (credit_pool, -amount)):
                    account, reconcile = rng.choice(pools[pool])
                    text, residual = str(balance), str(balance) if reconcile else "0"
                    lines.append((
                        move_id, name, journal_id, company_id, currency_id, currency_id, day, "posted", "product", "100",
                        str(account), partner if pool in ("reconcilable", "temporary") else None, "Benchmark item",
                        str(max(balance, 0)), str(max(-balance, 0)), text, text, residual, residual, "f", "1", "0",
                        text, text, "0", "f", "t", "100", uid, uid, now, now))
            amount = str(total)
            moves.append((
                move_id, name, prefix, str(number), journal_id, company_id, currency_id, day, "posted", "entry", "no",
                "not_paid", "0", "0", amount, "0", "0", "0", "0", amount, amount, "0", "t", "t", "t", "f", "f", day,
                uid, uid, now, now))
        copy_rows(cr, "account_move", MOVE_COLUMNS, moves)
        copy_rows(cr, "account_move_line", LINE_COLUMNS, lines)
    env.invalidate_all()
    return entries


def check_books(env, company, year, items):
    """The generated items are all there and the trial balance sums to zero."""
    Line = env["account.move.line"]
    domain = [("company_id", "=", company.id), ("parent_state", "=", "posted"), ("date", ">=", year.date_from),
              ("date", "<=", year.date_to), ("journal_id.code", "=", "MISC"), ("move_id.year_end_type", "=", False)]
    [(count, balance, debit)] = Line._read_group(domain, aggregates=["__count", "balance:sum", "debit:sum"])
    if count != items or balance or not debit:
        raise SystemExit(f"generated books are wrong: {count} items (expected {items}), balance {balance}")
    per_account = Line._read_group(domain, groupby=["account_id"], aggregates=["balance:sum"])
    if sum(balance for _account, balance in per_account):
        raise SystemExit("the trial balance does not sum to zero")
    return len(per_account)


def print_plan(notice):
    """Print an auto_explain notice shortly: its duration, the start of the statement and the plan."""
    lines = notice.strip().splitlines()
    duration = lines[0].split("duration:")[-1].split("plan:")[0].strip()
    text = next((line.split("Query Text:")[-1].strip() for line in lines if "Query Text:" in line), "")
    plan = [line for line in lines if "(cost=" in line or line.lstrip().startswith(("Index Cond", "Hash Cond", "Join Filter"))]
    print(f"    plan ({duration}): {' '.join(text.split())[:110]}")
    for line in plan[:12]:
        print(f"        {line.rstrip()[:160]}")


def run_timed(env, cr, title, action):
    """Run ``action(phase_log)``, print its total and each phase's time and queries, and peak memory."""
    env.invalidate_all()
    reset = reset_peak_rss()
    log = []
    queries, start, cpu = cr.sql_log_count, time.perf_counter(), time.process_time()
    result = action(log)
    env.flush_all()
    end, end_queries, end_cpu = time.perf_counter(), cr.sql_log_count, time.process_time()
    print(f"{title}: {end - start:6.1f} s, {end_queries - queries:,} queries, peak memory {peak_rss_mb():,.0f} MB"
          f"{'' if reset else ' (whole process)'}, load average {os.getloadavg()[0]:.2f}")
    marks = [("checks", start, queries, cpu), *log, ("end", end, end_queries, end_cpu)]
    for (phase, at, count, used), (_next, next_at, next_count, next_used) in zip(marks, marks[1:]):
        if phase != "done":
            print(f"    {phase:<22} {next_at - at:7.2f} s {next_count - count:6,} queries "
                  f"(Python CPU {next_used - used:5.2f} s)")
    for notice in cr._cnx.notices:
        print_plan(notice)
    del cr._cnx.notices[:]
    return result


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        if "municipality.fiscal.year" not in env:
            shahr_env.fail(f"municipality_finance is not installed in the database {dbname}.")

        start = time.perf_counter()
        env, company, year, partners = build_municipality(env)
        warm_up(env, company, partners)
        setup_time = time.perf_counter() - start
        start = time.perf_counter()
        entries = generate_entries(env, company, year, partners, items)
        generation_time = time.perf_counter() - start
        accounts_used = check_books(env, company, year, items)
        accounts = env["account.account"].search_count([("company_ids", "in", company.id)])
        print(f"company with chart, {accounts} accounts, {len(partners):,} partners, 3 fiscal years, a small year "
              f"closed (warm-up): {setup_time:6.1f} s")
        print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        print(f"{items:,} posted items in {entries:,} entries of {year.jalali_year} "
              f"({accounts_used} accounts used) written in {generation_time:6.1f} s; trial balance sums to zero")

        if os.environ.get("BENCH_EXPLAIN"):
            cr.execute("LOAD 'auto_explain'")
            cr.execute("SET auto_explain.log_min_duration = 200")
            cr.execute("SET auto_explain.log_level = 'notice'")
            cr.execute("SET client_min_messages = 'notice'")
        for statistics in ("stale statistics", "after ANALYZE"):
            if statistics == "after ANALYZE":
                for table in ("account_move", "account_move_line", "account_partial_reconcile", "account_full_reconcile"):
                    cr.execute(f"ANALYZE {table}")
            print(f"--- {statistics}")
            moves = run_timed(env, cr, "closing", lambda log: year.with_context(year_end_phase_log=log)._close_year())
            closing, opening = moves
            reconciled = env["account.move.line"].search_count([("move_id", "in", moves.ids), ("reconciled", "=", True)])
            print(f"    closing entry {len(closing.line_ids):,} lines, opening entry {len(opening.line_ids):,} lines, "
                  f"{reconciled:,} lines reconciled")
            run_timed(env, cr, "reopening", lambda log: year.with_context(year_end_phase_log=log)._reopen_year())
        cr.rollback()


if __name__ == "__main__":
    main()
