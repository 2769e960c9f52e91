#!/usr/bin/env python3
"""Serve the Shahr suite on http://localhost:8069 with a demo database.

Creates the database (``shahr`` unless SHAHR_DB says otherwise) if it is
missing, installs every addon under ``addons/`` with demo data, and serves
it. Run again, it serves the same database and updates the addons. Extra
arguments go to Odoo (for example ``--http-port=8070``).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shahr_env  # noqa: E402


def main():
    try:
        version = shahr_env.check_odoo()
        shahr_env.check_python_requirements([("jdatetime", "jdatetime"), ("psycopg2", "psycopg2")])
        shahr_env.check_rtlcss()
        conn, params = shahr_env.connect_postgres()
    except shahr_env.SetupError as exc:
        shahr_env.fail(str(exc))
    dbname = os.environ.get("SHAHR_DB", "shahr")
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        exists = bool(cr.fetchone())
    conn.close()

    modules = ",".join(shahr_env.addon_names(shahr_env.ADDONS_DIR))
    install = ["-u", modules] if exists else ["-i", modules, "--with-demo"]
    print(f"Odoo {version}: {'updating' if exists else 'creating'} database {dbname!r} with {modules}; "
          f"the suite will answer on http://localhost:{os.environ.get('SHAHR_PORT', '8069')} "
          "(log in as admin / admin on a demo database).", flush=True)
    cmd = [
        sys.executable, "-m", "odoo", "server",
        f"--addons-path={shahr_env.ADDONS_DIR}", "-d", dbname, f"--db-filter=^{dbname}$", *install,
        f"--http-port={os.environ.get('SHAHR_PORT', '8069')}",
        "--load-language=fa_IR",
        *shahr_env.odoo_db_args(params), *sys.argv[1:],
    ]
    os.execv(sys.executable, cmd)


if __name__ == "__main__":
    main()
