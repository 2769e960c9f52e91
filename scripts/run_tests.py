#!/usr/bin/env python3
"""Run every test of Shahr on a fresh database and say plainly how it went.

1. Checks the prerequisites and fails (never skips) when one is missing:
   Odoo 19, the Python requirements, pytest, websocket-client and
   Chrome/Chromium (without the last two Odoo silently skips browser tours)
   and rtlcss.
2. Finds PostgreSQL, starting one if none answers.
3. Runs the pure-Python tests of every ``addons/*/tools`` package (pytest).
4. Creates a uniquely named database, installs every addon under
   ``addons/`` and every scenario addon under ``tests/`` with demo data and
   ``--test-enable``, so that Odoo's own runner runs their tests (at and
   after install, tours in headless Chromium included).
5. Drops the database, prints the Odoo log's path, and as its last line
   ``N passed, N failed`` over both runners. Exits non-zero on any failure,
   error, skipped test (Odoo skips tours it cannot run), addon left
   uninstalled, demo data that did not load, error logged while installing,
   missing summary, or when no test ran.

Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD select the server;
SHAHR_LOG_DIR where logs go (default ``var/log``); SHAHR_KEEP_DB=1 keeps the
database for inspection.
"""

import datetime
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import odoo_log  # noqa: E402
import shahr_env  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_prerequisites():
    version = shahr_env.check_odoo()
    shahr_env.check_python_requirements([
        ("jdatetime", "jdatetime"), ("psycopg2", "psycopg2"), ("pytest", "pytest"),
        ("websocket", "websocket-client"),
    ])
    from odoo.tests.common import _find_executable  # noqa: PLC0415
    try:
        browser = _find_executable()
    except Exception:  # noqa: BLE001 - Odoo raises a bare Exception/IOError here
        raise shahr_env.SetupError(
            "Chrome or Chromium is not installed, so Odoo would skip every browser tour. "
            "Install it (Debian/Ubuntu: apt-get install chromium) or set ODOO_BROWSER_BIN.") from None
    shahr_env.check_rtlcss()
    print(f"Odoo {version}; browser {browser}", flush=True)


def run_pytest(log_dir, stamp):
    """pytest: the tools packages and the test command's own log reading. Returns (passed, failed, skipped)."""
    report = log_dir / f"pytest-{stamp}.xml"
    print("\n== pytest: addons/*/tools and the test command itself ==", flush=True)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", f"--junitxml={report}"], cwd=shahr_env.ROOT)
    if not report.exists():
        raise shahr_env.SetupError(f"pytest did not run (exit {proc.returncode}); see its output above.")
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    if proc.returncode not in (0, 1):  # 1 = some tests failed, counted above
        failed = max(failed, 1)
    return total - failed - skipped, failed, skipped


def run_odoo(params, log_file, dbname, data_dir):
    """Install everything with --test-enable. Returns an ``odoo_log.OdooRun``."""
    addons = shahr_env.addon_names(shahr_env.ADDONS_DIR)
    scenarios = shahr_env.addon_names(shahr_env.SCENARIOS_DIR)
    modules = addons + scenarios
    addons_path = ",".join(str(p) for p in (shahr_env.ADDONS_DIR, shahr_env.SCENARIOS_DIR) if p.exists())
    cmd = [
        sys.executable, "-m", "odoo", "server",
        f"--addons-path={addons_path}", f"--data-dir={data_dir}", "-d", dbname, "-i", ",".join(modules),
        "--with-demo", "--test-enable", f"--test-tags={','.join('/' + m for m in modules)}",
        "--stop-after-init", "--workers=0", "--max-cron-threads=0",
        f"--http-port={free_port()}", "--http-interface=127.0.0.1",
        f"--logfile={log_file}", "--log-level=info",
        *shahr_env.odoo_db_args(params),
    ]
    print(f"\n== Odoo: installing {', '.join(modules)} on {dbname} with tests ==", flush=True)
    print(f"Odoo log: {log_file}", flush=True)
    returncode = subprocess.run(cmd, cwd=shahr_env.ROOT).returncode
    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    run = odoo_log.analyse(text, returncode)
    for module in sorted(set(modules) - installed_modules(params, dbname)):
        run.problems.append(f"addon {module} is not installed (not installable, or its install failed).")
    if run.error_lines:
        print("\nErrors in the Odoo log:", *run.error_lines[:40], sep="\n  ", flush=True)
    return run


def installed_modules(params, dbname):
    import psycopg2  # noqa: PLC0415
    try:
        conn = psycopg2.connect(dbname=dbname, **{k: v for k, v in params.items() if v})
    except psycopg2.OperationalError:
        return set()
    with conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
        names = {name for (name,) in cr.fetchall()}
    conn.close()
    return names


def drop_database(conn, dbname, data_dir):
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        print(f"Dropped database {dbname} and its files.", flush=True)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        conn.close()


def main():
    """Run everything; whatever happens, the last line printed is the count."""
    passed = failed = 0
    try:
        passed, failed = run_all()
    except shahr_env.SetupError as exc:
        print(f"\nERROR: {exc}\n", file=sys.stderr, flush=True)
        failed += 1
    except BaseException:  # noqa: BLE001 - an interrupted or crashed run must still say it failed
        traceback.print_exc()
        failed += 1
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


def run_all():
    check_prerequisites()
    conn, params = shahr_env.connect_postgres()
    stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")
    dbname = f"shahr_test_{stamp}_{os.getpid()}"
    log_dir = pathlib.Path(os.environ.get("SHAHR_LOG_DIR") or shahr_env.ROOT / "var" / "log")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"odoo-test-{stamp}.log"
    data_dir = pathlib.Path(tempfile.mkdtemp(prefix="shahr-test-data-"))
    try:
        py_passed, py_failed, py_skipped = run_pytest(log_dir, stamp)
        odoo = run_odoo(params, log_file, dbname, data_dir)
    finally:
        if os.environ.get("SHAHR_KEEP_DB") == "1":
            print(f"Kept database {dbname}; its files are in {data_dir}.", flush=True)
            conn.close()
        else:
            drop_database(conn, dbname, data_dir)

    failed = py_failed + odoo.failed
    print(f"\npytest: {py_passed} passed, {py_failed} failed, {py_skipped} skipped")
    print(f"Odoo:   {odoo.passed} passed, {odoo.failed} failed, {len(odoo.skipped)} skipped (log: {log_file})")
    for problem in odoo.problems:
        print(f"FAILED: {problem}")
    if py_skipped:
        print(f"FAILED: pytest skipped {py_skipped} tests.")
        failed += py_skipped
    if py_passed == 0 or odoo.passed == 0:
        print("FAILED: no test ran in one of the runners.")
        failed = max(failed, 1)
    return py_passed + odoo.passed, failed


if __name__ == "__main__":
    main()
