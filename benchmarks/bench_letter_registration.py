#!/usr/bin/env python3
"""Registering letters in a secretariat: throughput and gapless numbering.

Each registration is what a clerk's click on *Register* does: one transaction
(a fresh cursor) that draws the secretariat's next number, writes it on the
letter with its Jalali date and state, logs the change in the chatter and
commits. First one clerk alone, then WORKERS clerks at once: WORKERS
processes, as Odoo's multi-worker server runs (each with its own database
connection and transaction; threads of one process would share one core
through Python's lock). Afterwards every number of the secretariat and year
is checked: serials 1..N, no gap, no duplicate.

Needs a database with office_automation installed (the one `make serve`
creates):

    python3 benchmarks/bench_letter_registration.py [DATABASE] [LETTERS] [WORKERS] [MAXCONN]

With MAXCONN, the WORKERS clerks are also run as threads of one process (as
Odoo's threaded server, or one gevent worker, serves concurrent requests)
whose connection pool holds at most MAXCONN connections (``db_maxconn``):
each registration takes a second connection for its fresh read of the last
serial, so with MAXCONN near WORKERS the pool runs short. The run says how
many registrations failed with "The Connection Pool Is Full". A prefork worker
serves one request at a time, so there each registration needs two of its own
pool's connections, never more.

The benchmark works in a secretariat of its own and deletes it and its letters
at the end.
"""

import multiprocessing
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402


#: What the web client sends with every call of a Persian-speaking clerk.
CLIENT_CONTEXT = {"lang": "fa_IR", "tz": "Asia/Tehran"}


def create_drafts(registry, secretariat_id, sender_id, count):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        letters = env["office.letter"].with_context(tracking_disable=True, mail_create_nolog=True).create([{
            "subject": f"نامهٔ وارده {n}", "letter_type": "incoming", "secretariat_id": secretariat_id,
            "sender_partner_id": sender_id, "sender_number": f"{n}/ب", "sender_date": "2026-01-01",
            "body": "<p>متن نامه</p>",
        } for n in range(count)])
        return letters.ids


def register(registry, clerk_id, letter_ids, errors):
    """Register the letters one by one, each in its own committed transaction."""
    import odoo  # noqa: PLC0415
    from odoo.orm.environments import Transaction  # noqa: PLC0415

    for letter_id in letter_ids:
        with registry.cursor() as cr:
            try:
                cr.transaction = Transaction(registry)
                env = odoo.api.Environment(cr, clerk_id, CLIENT_CONTEXT)
                env["office.letter"].browse(letter_id).action_register()
                cr.commit()
            except Exception as error:  # noqa: BLE001 - counted and printed
                cr.rollback()
                errors.append(repr(error))


def _worker(registry, clerk_id, letter_ids, barrier, errors):
    barrier.wait()
    failed = []
    register(registry, clerk_id, letter_ids, failed)
    errors.extend(failed)


def run(registry, clerk_id, letter_ids, workers):
    """Register ``letter_ids`` with ``workers`` processes (forked with the loaded registry); seconds, errors."""
    from odoo import sql_db  # noqa: PLC0415

    sql_db.close_all()  # no connection may be shared with the forked workers
    context = multiprocessing.get_context("fork")
    manager = context.Manager()
    errors = manager.list()
    barrier = context.Barrier(workers + 1)
    processes = [context.Process(target=_worker, args=(registry, clerk_id, letter_ids[i::workers], barrier, errors))
                 for i in range(workers)]
    for process in processes:
        process.start()
    barrier.wait()
    start = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    errors = list(errors) + [f"worker exited with {process.exitcode}" for process in processes if process.exitcode]
    manager.shutdown()
    return elapsed, errors


def run_threads(registry, clerk_id, letter_ids, workers, maxconn):
    """Register ``letter_ids`` with ``workers`` threads of this process, its pool capped at ``maxconn``."""
    import threading  # noqa: PLC0415

    from odoo import sql_db  # noqa: PLC0415

    sql_db.close_all()
    # The registry's cursors and the fresh connections share the process's pool: cap that one (what
    # db_maxconn sets when the server starts).
    pool = registry._db._Connection__pool  # noqa: SLF001
    previous, pool._maxconn = pool._maxconn, maxconn  # noqa: SLF001
    errors = []
    barrier = threading.Barrier(workers + 1)

    def work(ids):
        barrier.wait()
        failed = []
        register(registry, clerk_id, ids, failed)
        errors.extend(failed)

    threads = [threading.Thread(target=work, args=(letter_ids[i::workers],)) for i in range(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    sql_db.close_all()
    pool._maxconn = previous  # noqa: SLF001
    return elapsed, errors


def check_numbers(cr, secretariat_id):
    cr.execute("""
        SELECT number_year, COUNT(*), COUNT(DISTINCT number_sequence), COUNT(DISTINCT number),
               MIN(number_sequence), MAX(number_sequence)
          FROM office_letter WHERE secretariat_id = %s AND number IS NOT NULL GROUP BY number_year
    """, [secretariat_id])
    problems = 0
    for year, count, serials, numbers, first, last in cr.fetchall():
        gaps = last - first + 1 - serials if first == 1 else last - serials
        duplicates = count - min(serials, numbers)
        problems += gaps + duplicates + (first != 1)
        print(f"  year {year}: {count} numbers, serials {first}..{last}, {gaps} gaps, {duplicates} duplicates")
    return problems


def cleanup(registry, secretariat_id):
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM office_letter WHERE secretariat_id = %s", [secretariat_id])
        ids = tuple(row[0] for row in cr.fetchall()) or (0,)
        cr.execute("DELETE FROM mail_message WHERE model = 'office.letter' AND res_id IN %s", [ids])
        cr.execute("DELETE FROM mail_followers WHERE res_model = 'office.letter' AND res_id IN %s", [ids])
        cr.execute("DELETE FROM office_letter WHERE id IN %s", [ids])
        cr.execute("DELETE FROM office_secretariat WHERE id = %s", [secretariat_id])


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    maxconn = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        clerk = env.ref("base.user_admin")
        sender = env["res.partner"].create({"name": "فرستندهٔ آزمون کارایی"})
        secretariat = env["office.secretariat"].create({
            "name": "دبیرخانهٔ آزمون کارایی", "code": f"B{uuid.uuid4().hex[:6]}",
            "number_pattern": "{jyear}/{seq}/{code}", "user_ids": [(4, clerk.id)]})
        clerk_id, sender_id, secretariat_id = clerk.id, sender.id, secretariat.id
    try:
        problems = 0
        for label, n_workers in (("1 clerk", 1), (f"{workers} clerks at once", workers)):
            letter_ids = create_drafts(registry, secretariat_id, sender_id, count)
            elapsed, errors = run(registry, clerk_id, letter_ids, n_workers)
            done = count - len(errors)
            print(f"{label:>20}: {done} letters registered in {elapsed:6.2f} s = {done / elapsed:7.1f} per second, "
                  f"{len(errors)} failed{': ' + errors[0] if errors else ''}")
            problems += len(errors)
            with registry.cursor() as cr:
                problems += check_numbers(cr, secretariat_id)
        for cap in ((maxconn, maxconn + 1, 2 * maxconn) if maxconn else ()):
            letter_ids = create_drafts(registry, secretariat_id, sender_id, count)
            elapsed, errors = run_threads(registry, clerk_id, letter_ids, workers, cap)
            done = count - len(errors)
            pool_full = sum("Pool Is Full" in error for error in errors)
            print(f"{workers} threads, db_maxconn {cap:>3}: {done} letters registered in {elapsed:6.2f} s = "
                  f"{done / elapsed:7.1f} per second, {len(errors)} failed ({pool_full} pool full)"
                  f"{': ' + errors[0] if errors else ''}")
            with registry.cursor() as cr:
                problems += check_numbers(cr, secretariat_id)
        print("numbers: gapless and unique" if not problems else f"PROBLEMS: {problems}")
        return 1 if problems else 0
    finally:
        cleanup(registry, secretariat_id)
        with registry.cursor() as cr:
            cr.execute("DELETE FROM res_partner WHERE id = %s", [sender_id])


if __name__ == "__main__":
    sys.exit(main())
