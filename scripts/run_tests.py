#!/usr/bin/env python3
"""Run every test of Shahr on a fresh database and say plainly how it went.

1. Checks the prerequisites and fails (never skips) when one is missing:
   Odoo 19, the Python requirements, pytest, websocket-client and
   Chrome/Chromium, which must start headless (without the last two Odoo
   silently skips browser tours), and rtlcss (and faketime when
   SHAHR_FAKETIME asks for it). Odoo runs through ``odoo_test_server.py``,
   which gives the browser 90 s to start instead of Odoo's 10 s.
2. Finds PostgreSQL, starting one if none answers.
3. Runs the pure-Python tests of every ``addons/*/tools`` package and of
   these scripts (pytest).
4. Creates a uniquely named database WITHOUT demo data, installs every addon
   under ``addons/`` and every scenario addon under ``tests/`` with
   ``--test-enable``, so that Odoo's own runner runs their tests (at and
   after install, tours in headless Chromium included): a test creates what
   it needs.
5. Creates a second database and installs every addon with its demo data
   (no tests): the demo data must load without an error or warning, and
   every addon must end installed with its demo data.
6. Drops both databases, prints the Odoo logs' paths, and as its last line
   ``N passed, N failed`` over both runners (the demo check counts as one
   failure when it fails). Exits non-zero on any failure, error, skipped test
   (Odoo skips tours it cannot run), addon left uninstalled, demo data that
   did not load, error logged, missing summary, or when no test ran.

Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD select the server;
SHAHR_LOG_DIR where logs go (default ``var/log``); SHAHR_TEST_DB_PREFIX names
the databases (default ``shahr_test``); SHAHR_KEEP_DB=1 keeps the
databases for inspection; SHAHR_ADDONS=a,b runs only those addons (of
``addons/`` or ``tests/``; a quicker check while working, not the suite);
SHAHR_FAKETIME="2026-12-02 20:45:00" runs pytest and Odoo (and the browser
it starts) with the clock set to that UTC time at start, through libfaketime
(the clock then runs on; PostgreSQL's own clock, used for create_date and
write_date, is not faked).
"""

import datetime
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
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
        ("websocket", "websocket-client"), ("dbf", "dbf"), ("dbfread", "dbfread"),
        ("zxingcpp", "zxing-cpp"),
    ])
    from odoo.tests.common import _find_executable  # noqa: PLC0415
    try:
        browser = _find_executable()
    except Exception:  # noqa: BLE001 - Odoo raises a bare Exception/IOError here
        raise shahr_env.SetupError(
            "Chrome or Chromium is not installed, so Odoo would skip every browser tour. "
            "Install it (Debian/Ubuntu: apt-get install chromium) or set ODOO_BROWSER_BIN.") from None
    seconds = check_browser_starts(browser)
    shahr_env.check_rtlcss()
    shahr_env.check_pdftoppm()
    print(f"Odoo {version}; browser {browser} (started headless in {seconds:.1f} s)", flush=True)


def check_browser_starts(browser, timeout=shahr_env.BROWSER_START_SECONDS):
    """Start the browser headless once, as Odoo's tours will; return the seconds it took.

    A browser that is installed but cannot start (a missing library, no /dev/shm)
    fails here, in one clear message, rather than as a skipped tour per test.
    """
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="shahr-browser-") as profile:
        try:
            proc = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", "about:blank"],
                capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise shahr_env.SetupError(
                f"{browser} did not start headless within {timeout} s, so Odoo would skip its tours.") from None
    if proc.returncode != 0 or "<html" not in proc.stdout:
        raise shahr_env.SetupError(
            f"{browser} does not start headless (exit {proc.returncode}), so Odoo would skip its tours:\n"
            f"{proc.stderr.strip()[-2000:]}")
    return time.monotonic() - started


def faketime_prefix():
    """The command prefix that sets the clock to SHAHR_FAKETIME (UTC), or [] when unset."""
    when = os.environ.get("SHAHR_FAKETIME", "").strip()
    if not when:
        return []
    if not shutil.which("faketime"):
        raise shahr_env.SetupError(
            "SHAHR_FAKETIME is set but the faketime command is missing (Debian/Ubuntu: apt-get install faketime).")
    zone = "" if re.search(r"(UTC|GMT|Z|[+-]\d\d:?\d\d)$", when) else " UTC"
    prefix = ["faketime", "-m", f"{when}{zone}"]
    proc = subprocess.run([*prefix, "date", "-u", "+%Y-%m-%d %H:%M:%S UTC"], capture_output=True, text=True,
                          env=faketime_env())
    if proc.returncode != 0:
        raise shahr_env.SetupError(f"faketime does not understand SHAHR_FAKETIME={when!r}: {proc.stderr.strip()}")
    print(f"Clock set by libfaketime: the run starts at {proc.stdout.strip()} "
          "(PostgreSQL's clock is not faked).", flush=True)
    return prefix


def faketime_env():
    # libfaketime shifts the monotonic clock too; left real (FAKETIME_DONT_FAKE_MONOTONIC=1),
    # Python's time.sleep fails with EINVAL under it (clock_nanosleep with an absolute deadline).
    return {k: v for k, v in os.environ.items() if k != "FAKETIME_DONT_FAKE_MONOTONIC"}


def selected_modules():
    """(addons, scenarios) to test: everything, or what SHAHR_ADDONS names."""
    addons = shahr_env.addon_names(shahr_env.ADDONS_DIR)
    scenarios = shahr_env.addon_names(shahr_env.SCENARIOS_DIR)
    wanted = [name.strip() for name in os.environ.get("SHAHR_ADDONS", "").split(",") if name.strip()]
    if not wanted:
        return addons, scenarios
    unknown = sorted(set(wanted) - set(addons) - set(scenarios))
    if unknown:
        raise shahr_env.SetupError(f"SHAHR_ADDONS names {', '.join(unknown)}, which is not an addon of addons/ or tests/.")
    print(f"SHAHR_ADDONS: only {', '.join(wanted)} (not the whole suite).", flush=True)
    return [a for a in addons if a in wanted], [s for s in scenarios if s in wanted]


def run_pytest(log_dir, stamp, prefix):
    """pytest: the tools packages and the test command's own log reading. Returns (passed, failed, skipped)."""
    report = log_dir / f"pytest-{stamp}.xml"
    print("\n== pytest: addons/*/tools and the test command itself ==", flush=True)
    proc = subprocess.run([*prefix, sys.executable, "-m", "pytest", "-q", f"--junitxml={report}"],
                          cwd=shahr_env.ROOT, env=faketime_env())
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


def odoo_command(params, log_file, dbname, data_dir, modules, *extra):
    addons_path = ",".join(str(p) for p in (shahr_env.ADDONS_DIR, shahr_env.SCENARIOS_DIR) if p.exists())
    return [
        sys.executable, str(shahr_env.ROOT / "scripts" / "odoo_test_server.py"), "server",
        f"--addons-path={addons_path}", f"--data-dir={data_dir}", "-d", dbname, "-i", ",".join(modules),
        *extra, "--stop-after-init", "--workers=0", "--max-cron-threads=0",
        f"--http-port={free_port()}", "--http-interface=127.0.0.1",
        f"--logfile={log_file}", "--log-level=info",
        *shahr_env.odoo_db_args(params),
    ]


def run_odoo(params, log_file, dbname, data_dir, modules, prefix):
    """Install ``modules`` WITHOUT demo data, with --test-enable. Returns an ``odoo_log.OdooRun``."""
    cmd = odoo_command(params, log_file, dbname, data_dir, modules,
                       "--test-enable", f"--test-tags={','.join('/' + m for m in modules)}")
    print(f"\n== Odoo: installing {', '.join(modules)} on {dbname} without demo data, with tests ==", flush=True)
    print(f"Odoo log: {log_file}", flush=True)
    returncode = subprocess.run([*prefix, *cmd], cwd=shahr_env.ROOT, env=faketime_env()).returncode
    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    run = odoo_log.analyse(text, returncode)
    for module in sorted(set(modules) - installed_modules(params, dbname)):
        run.problems.append(f"addon {module} is not installed (not installable, or its install failed).")
    for module in sorted(installed_modules(params, dbname, demo=True)):
        run.problems.append(f"addon {module} has demo data on the test database, which must have none.")
    if run.error_lines:
        print("\nErrors in the Odoo log:", *run.error_lines[:40], sep="\n  ", flush=True)
    return run


def run_demo_install(params, log_file, dbname, data_dir, addons, prefix):
    """Install ``addons`` with their demo data (no tests). Returns the problems (empty: loaded cleanly)."""
    cmd = odoo_command(params, log_file, dbname, data_dir, addons, "--with-demo")
    print(f"\n== Odoo: installing {', '.join(addons)} on {dbname} with demo data (no tests) ==", flush=True)
    print(f"Odoo log: {log_file}", flush=True)
    returncode = subprocess.run([*prefix, *cmd], cwd=shahr_env.ROOT, env=faketime_env()).returncode
    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    problems = odoo_log.analyse_demo_install(text, returncode, addons)
    with_demo = installed_modules(params, dbname, demo=True)
    installed = installed_modules(params, dbname)
    for module in addons:
        if module not in installed:
            problems.append(f"addon {module} is not installed on the demo database.")
        elif module not in with_demo:
            problems.append(f"addon {module} is installed without its demo data.")
    return problems


def installed_modules(params, dbname, demo=False):
    import psycopg2  # noqa: PLC0415
    try:
        conn = psycopg2.connect(dbname=dbname, **{k: v for k, v in params.items() if v})
    except psycopg2.OperationalError:
        return set()
    with conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'" + (" AND demo" if demo else ""))
        names = {name for (name,) in cr.fetchall()}
    conn.close()
    return names


def drop_databases(conn, dbnames, data_dir):
    try:
        with conn.cursor() as cr:
            for dbname in dbnames:
                cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        print(f"Dropped databases {', '.join(dbnames)} and their files.", flush=True)
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
    prefix = faketime_prefix()
    addons, scenarios = selected_modules()
    conn, params = shahr_env.connect_postgres()
    started = datetime.datetime.now()
    stamp = started.strftime("%Y%m%d_%H%M%S")
    dbname = f"{os.environ.get('SHAHR_TEST_DB_PREFIX') or 'shahr_test'}_{stamp}_{os.getpid()}"
    demo_dbname = f"{dbname}_demo"
    log_dir = pathlib.Path(os.environ.get("SHAHR_LOG_DIR") or shahr_env.ROOT / "var" / "log")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"odoo-test-{stamp}.log"
    demo_log_file = log_dir / f"odoo-demo-{stamp}.log"
    data_dir = pathlib.Path(tempfile.mkdtemp(prefix="shahr-test-data-"))
    demo_problems = None
    try:
        py_passed, py_failed, py_skipped = run_pytest(log_dir, stamp, prefix)
        odoo = run_odoo(params, log_file, dbname, data_dir, addons + scenarios, prefix)
        if addons:
            demo_problems = run_demo_install(params, demo_log_file, demo_dbname, data_dir, addons, prefix)
    finally:
        if os.environ.get("SHAHR_KEEP_DB") == "1":
            print(f"Kept databases {dbname} and {demo_dbname}; their files are in {data_dir}.", flush=True)
            conn.close()
        else:
            drop_databases(conn, [dbname, demo_dbname], data_dir)

    failed = py_failed + odoo.failed
    minutes = (datetime.datetime.now() - started).total_seconds() / 60
    print(f"\npytest: {py_passed} passed, {py_failed} failed, {py_skipped} skipped")
    print(f"Odoo:   {odoo.passed} passed, {odoo.failed} failed, {len(odoo.skipped)} skipped, "
          f"on a database without demo data (log: {log_file})")
    if demo_problems is not None:
        print(f"Demo:   {'loaded cleanly' if not demo_problems else 'FAILED'} (log: {demo_log_file})")
    print(f"Time:   {minutes:.1f} minutes")
    for problem in odoo.problems:
        print(f"FAILED: {problem}")
    for problem in demo_problems or ():
        print(f"FAILED: {problem}")
    if demo_problems:
        failed += 1
    if py_skipped:
        print(f"FAILED: pytest skipped {py_skipped} tests.")
        failed += py_skipped
    if py_passed == 0 or odoo.passed == 0:
        print("FAILED: no test ran in one of the runners.")
        failed = max(failed, 1)
    return py_passed + odoo.passed, failed


if __name__ == "__main__":
    main()
