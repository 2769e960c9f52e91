#!/usr/bin/env python3
"""Run every test of Shahr on a fresh database and say plainly how it went.

1. Checks the prerequisites and fails (never skips) when one is missing:
   Odoo 19, the Python requirements, pytest, websocket-client and
   Chrome/Chromium (without the last two Odoo silently skips browser tours).
2. Finds PostgreSQL, starting one if none answers.
3. Runs the pure-Python tests of every ``addons/*/tools`` package (pytest).
4. Creates a uniquely named database, installs every addon under
   ``addons/`` and every scenario addon under ``tests/`` with demo data and
   ``--test-enable``, so that Odoo's own runner runs their tests (at and
   after install, tours in headless Chromium included).
5. Drops the database, prints the Odoo log's path, and as its last line
   ``N passed, N failed`` over both runners. Exits non-zero on any failure,
   error, browser-skipped test, missing summary, or when no test ran.

Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD select the server;
SHAHR_LOG_DIR where logs go (default ``var/log``); SHAHR_KEEP_DB=1 keeps the
database for inspection.
"""

import datetime
import os
import pathlib
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shahr_env  # noqa: E402

ODOO_SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
ODOO_SKIP = re.compile(r" skipped (\S+) : (.*)$")
BROWSER_SKIP = re.compile(r"websocket|chrome|chromium|browser|devtools", re.IGNORECASE)
DEMO_FAILURE = re.compile(r"Module \S+ demo data failed to install.*$", re.MULTILINE)
ODOO_ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


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
    """Pure-Python tests of the tools packages. Returns (passed, failed, skipped)."""
    report = log_dir / f"pytest-{stamp}.xml"
    print("\n== pytest: addons/*/tools ==", flush=True)
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


def run_odoo(params, log_file, dbname):
    """Install everything with --test-enable. Returns (passed, failed, skipped, problems)."""
    addons = shahr_env.addon_names(shahr_env.ADDONS_DIR)
    scenarios = shahr_env.addon_names(shahr_env.SCENARIOS_DIR)
    modules = addons + scenarios
    addons_path = ",".join(str(p) for p in (shahr_env.ADDONS_DIR, shahr_env.SCENARIOS_DIR) if p.exists())
    cmd = [
        sys.executable, "-m", "odoo", "server",
        f"--addons-path={addons_path}", "-d", dbname, "-i", ",".join(modules),
        "--with-demo", "--test-enable", f"--test-tags={','.join('/' + m for m in modules)}",
        "--stop-after-init", "--workers=0", "--max-cron-threads=0",
        f"--http-port={free_port()}", "--http-interface=127.0.0.1",
        f"--logfile={log_file}", "--log-level=info",
        *shahr_env.odoo_db_args(params),
    ]
    print(f"\n== Odoo: installing {', '.join(modules)} on {dbname} with tests ==", flush=True)
    print(f"Odoo log: {log_file}", flush=True)
    rc = subprocess.run(cmd, cwd=shahr_env.ROOT).returncode

    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    problems = []
    summary = ODOO_SUMMARY.findall(text)
    if not summary:
        problems.append("Odoo printed no test summary: the install or the test run broke off (see the log).")
        failures = errors = total = 0
    else:
        failures, errors, total = (int(n) for n in summary[-1])
    skips = ODOO_SKIP.findall(text)
    browser_skips = [(test, reason) for test, reason in skips if BROWSER_SKIP.search(reason)]
    for test, reason in browser_skips:
        problems.append(f"browser test skipped, which must not happen: {test}: {reason}")
    for line in DEMO_FAILURE.findall(text):
        problems.append(f"demo data did not load (Odoo only warns): {line.strip()}")
    if rc != 0:
        problems.append(f"Odoo exited with status {rc}.")
    error_lines = [line for line in text.splitlines() if ODOO_ERROR_LINE.match(line)]
    if error_lines:
        print("\nErrors in the Odoo log:", *error_lines[:40], sep="\n  ", flush=True)
    failed = failures + errors + (1 if problems and not failures + errors else 0)
    skipped = len(skips)
    return total - failures - errors - skipped, failed, skipped, problems


def drop_database(conn, dbname):
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    print(f"Dropped database {dbname}.", flush=True)


def main():
    try:
        check_prerequisites()
        conn, params = shahr_env.connect_postgres()
    except shahr_env.SetupError as exc:
        shahr_env.fail(str(exc), summary=True)

    stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")
    dbname = f"shahr_test_{stamp}_{os.getpid()}"
    log_dir = pathlib.Path(os.environ.get("SHAHR_LOG_DIR") or shahr_env.ROOT / "var" / "log")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"odoo-test-{stamp}.log"

    try:
        py_passed, py_failed, py_skipped = run_pytest(log_dir, stamp)
        odoo_passed, odoo_failed, odoo_skipped, problems = run_odoo(params, log_file, dbname)
    except shahr_env.SetupError as exc:
        shahr_env.fail(str(exc), summary=True)
    finally:
        if os.environ.get("SHAHR_KEEP_DB") != "1":
            drop_database(conn, dbname)
        conn.close()

    passed = py_passed + odoo_passed
    failed = py_failed + odoo_failed
    print(f"\npytest: {py_passed} passed, {py_failed} failed, {py_skipped} skipped")
    print(f"Odoo:   {odoo_passed} passed, {odoo_failed} failed, {odoo_skipped} skipped (log: {log_file})")
    for problem in problems:
        print(f"FAILED: {problem}")
    if passed == 0 or odoo_passed == 0:
        print("FAILED: no test ran in one of the runners.")
        failed = max(failed, 1)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
