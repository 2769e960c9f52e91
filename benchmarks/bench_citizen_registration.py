#!/usr/bin/env python3
"""Registering citizens through the ORM, with every check of municipality_base on.

Shows that the duplicate check is set-based: creating a batch of N citizens
costs a fixed number of queries for the check, not one per citizen. Needs a
database with municipality_base installed (the one `make serve` creates):

    python3 benchmarks/bench_citizen_registration.py [DATABASE] [COUNT]

Everything runs in one transaction that is rolled back: the database is left
as it was.
"""

import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402


def national_ids(count, seed=1404):
    """``count`` distinct valid national IDs."""
    from odoo.addons.municipality_base.tools.identifiers import national_id_check_digit  # noqa: PLC0415

    rng = random.Random(seed)
    seen = set()
    while len(seen) < count:
        body = f"{rng.randrange(10 ** 9):09d}"
        check = national_id_check_digit(body)
        if check < 10 and len(set(body)) > 1:
            seen.add(body + str(check))
    return sorted(seen)


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415
    from odoo import sql_db  # noqa: PLC0415

    ids = national_ids(count + 1000)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
        Partner.search([("national_id", "in", ids)]).write({"active": False})
        district = env["municipality.district"].search([], limit=1)

        for batch in (1, 100, 1000):
            rows = ids[:count] if batch > 1 else ids[count:count + 1000]
            n = len(rows) if batch > 1 else 1000
            cr.execute("SAVEPOINT bench")
            queries_before = sql_db.sql_counter
            start = time.perf_counter()
            for i in range(0, n, batch):
                Partner.create([{
                    "name": f"شهروند {code}", "national_id": code, "mobile": f"+98912{code[:7]}",
                    "district_id": district.id,
                } for code in rows[i:i + batch]])
                env.flush_all()
            elapsed = time.perf_counter() - start
            queries = sql_db.sql_counter - queries_before
            print(f"batches of {batch:>5}: {n:>6} citizens in {elapsed:6.2f} s = {n / elapsed:8,.0f} per second, "
                  f"{queries:6,} queries ({queries / (n / batch):5.1f} per batch)")
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            env.invalidate_all()
        cr.rollback()


if __name__ == "__main__":
    main()
