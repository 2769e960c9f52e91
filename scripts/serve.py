#!/usr/bin/env python3
"""Serve the Shahr suite on http://127.0.0.1:8069 with a demo database.

The first time, creates the database (``shahr`` unless SHAHR_DB says
otherwise) and installs every addon under ``addons/`` with demo data
(SHAHR_DEMO=0: without). Later starts serve the same database as it is: an
addon added to ``addons/`` since is installed, nothing is updated unless
asked (SHAHR_UPDATE=1, or ``make serve UPDATE=1``: ``-u`` of every addon, for
after a change to data files or fields). Answers on 127.0.0.1 only
(SHAHR_HTTP_INTERFACE to change) with the database manager off. Extra
arguments go to Odoo (for example ``--http-port=8070``).

This is the demo. Production is docker/compose.prod.yaml (README.md).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shahr_env  # noqa: E402


def database_modules(conn, dbname):
    """None when ``dbname`` does not exist or holds no Odoo, else {addon: state}."""
    import psycopg2  # noqa: PLC0415

    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        if not cr.fetchone():
            return None
    params = conn.get_dsn_parameters()
    try:
        db = psycopg2.connect(dbname=dbname, **{k: v for k, v in params.items()
                                                if k in ("host", "port", "user") and v},
                              password=os.environ.get("PGPASSWORD") or None)
    except psycopg2.OperationalError:
        return None
    with db, db.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        if not cr.fetchone()[0]:
            return None
        cr.execute("SELECT name, state FROM ir_module_module")
        states = dict(cr.fetchall())
    db.close()
    return states


def plan(addons, states, update=False, demo=True):
    """The install/update arguments for Odoo and a sentence saying what they do.

    ``states`` is None for a new database. Never ``-u`` every addon unless
    ``update`` is asked for; never demo data on an existing database.
    """
    if states is None:
        return (["-i", ",".join(addons), *(["--with-demo"] if demo else []), "--load-language=fa_IR"],
                f"creating it with {', '.join(addons)}" + (" and demo data" if demo else " without demo data"))
    missing = [name for name in addons if states.get(name) != "installed"]
    args, said = [], []
    if missing:
        args += ["-i", ",".join(missing)]
        said.append(f"installing {', '.join(missing)}")
    if update:
        args += ["-u", ",".join(addons)]
        said.append("updating every addon")
    return args, ("; ".join(said) or "serving it as it is (SHAHR_UPDATE=1 updates the addons)")


def announcement(version, dbname, said, interface, port, new_database=False):
    """What the command says before Odoo starts: the database, what is done to it, where to go and how long
    the first page takes (Odoo builds the screens' assets on the first visit, not at start)."""
    waiting = ("Installing the suite takes several minutes; the URL answers once it is done. "
               if new_database else "")
    return (f"Odoo {version}: database {dbname!r}: {said}; the suite will answer on http://{interface}:{port} "
            "(log in as admin / admin on a demo database; README.md lists the demo's other logins). "
            f"{waiting}The first page after a start or an update takes about a minute: Odoo builds its "
            "screens (the web assets) on the first visit, then serves them at once.")


def main():
    try:
        version = shahr_env.check_odoo()
        shahr_env.check_python_requirements([("jdatetime", "jdatetime"), ("psycopg2", "psycopg2")])
        shahr_env.check_rtlcss()
        conn, params = shahr_env.connect_postgres()
    except shahr_env.SetupError as exc:
        shahr_env.fail(str(exc))
    dbname = os.environ.get("SHAHR_DB", "shahr")
    states = database_modules(conn, dbname)
    conn.close()

    addons = shahr_env.addon_names(shahr_env.ADDONS_DIR)
    install, said = plan(addons, states, update=os.environ.get("SHAHR_UPDATE") == "1",
                         demo=os.environ.get("SHAHR_DEMO", "1") != "0")
    port = os.environ.get("SHAHR_PORT", "8069")
    interface = os.environ.get("SHAHR_HTTP_INTERFACE", "127.0.0.1")
    print(announcement(version, dbname, said, interface, port, new_database=states is None), flush=True)
    cmd = [
        sys.executable, "-m", "odoo", "server",
        f"--addons-path={shahr_env.ADDONS_DIR}", "-d", dbname, f"--db-filter=^{dbname}$", *install,
        f"--http-port={port}", f"--http-interface={interface}", "--no-database-list",
        *shahr_env.odoo_db_args(params), *sys.argv[1:],
    ]
    os.execv(sys.executable, cmd)


if __name__ == "__main__":
    main()
