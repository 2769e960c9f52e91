"""What the serve and test commands need to find: Odoo 19, PostgreSQL and the addons.

Standard library and psycopg2 only (psycopg2 is an Odoo requirement). Every
check that fails stops the command with a message saying what is missing and
how to get it; nothing is skipped.
"""

import atexit
import getpass
import glob
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
SCENARIOS_DIR = ROOT / "tests"
# How long the test browser may take to start: Odoo's own 10 s has been too
# short on a busy machine, where Odoo then skips the tour (scripts/odoo_test_server.py).
BROWSER_START_SECONDS = 90


class SetupError(Exception):
    """A prerequisite is missing; the message says which and what to do."""


def fail(message):
    print(f"\nERROR: {message}\n", file=sys.stderr, flush=True)
    sys.exit(2)


def check_odoo():
    """Odoo 19 must be importable by this Python; return its version string."""
    try:
        import odoo.release  # noqa: PLC0415
    except ImportError as exc:
        raise SetupError(
            f"Odoo 19 is not importable by {sys.executable} ({exc}). Shahr runs on Odoo 19 Community: "
            "install it (its source with its requirements.txt) so that `python3 -c 'import odoo'` works, "
            "or use the Docker set-up in README.md.") from None
    if odoo.release.version_info[0] != 19:
        raise SetupError(f"Odoo {odoo.release.version} is importable, but Shahr needs Odoo 19.")
    return odoo.release.version


def check_python_requirements(names):
    missing = []
    for module, package in names:
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise SetupError(
            f"Python packages missing: {', '.join(missing)}. "
            f"Install them with: {sys.executable} -m pip install -r requirements.txt")


def check_rtlcss():
    """Persian is right-to-left: Odoo mirrors its CSS with the rtlcss command."""
    if not shutil.which("rtlcss"):
        raise SetupError(
            "rtlcss is not installed, so Odoo would show Persian users a left-to-right screen. "
            "Install it as Odoo's documentation says: npm install -g rtlcss")


def check_pdftoppm():
    """The permit tour reads the QR code off the printed page, rasterised by poppler's pdftoppm."""
    if not shutil.which("pdftoppm"):
        raise SetupError(
            "pdftoppm is not installed, so the tests cannot read the QR code printed on a permit. "
            "Install poppler's tools (Debian/Ubuntu: apt-get install poppler-utils)")


def addon_names(directory):
    return sorted(p.parent.name for p in directory.glob("*/__manifest__.py"))


# ----------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------

def _connect_params():
    """Connection settings from the usual libpq variables, as Odoo reads them too."""
    return {
        "host": os.environ.get("PGHOST") or None,
        "port": os.environ.get("PGPORT") or None,
        "user": os.environ.get("PGUSER") or None,
        "password": os.environ.get("PGPASSWORD") or None,
    }


def _try_connect(params):
    import psycopg2  # noqa: PLC0415
    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=3, **{k: v for k, v in params.items() if v})
    except psycopg2.OperationalError as exc:
        return None, str(exc).strip()
    conn.autocommit = True
    return conn, None


def connect_postgres(start_if_needed=True):
    """Return (connection, params) to a reachable PostgreSQL, starting one if none answers.

    Tries the settings from PGHOST/PGPORT/PGUSER/PGPASSWORD (the local socket
    when unset), then 127.0.0.1. When nothing answers and ``start_if_needed``,
    starts the machine's clusters (pg_ctlcluster) or, failing that, a
    throw-away cluster with initdb in a temporary folder.
    """
    attempts = [_connect_params()]
    if not attempts[0]["host"]:
        attempts.append({**attempts[0], "host": "127.0.0.1"})
    errors = []
    for params in attempts:
        conn, error = _try_connect(params)
        if conn:
            return conn, params
        errors.append(f"{params['host'] or 'local socket'}: {error}")
    if start_if_needed:
        started = _start_postgres()
        if started:
            conn, error = _try_connect(started)
            if conn:
                return conn, started
            errors.append(f"started cluster: {error}")
    raise SetupError(
        "PostgreSQL is not reachable and could not be started here.\n  " + "\n  ".join(errors) +
        "\nStart PostgreSQL (12 or later) or point PGHOST/PGPORT/PGUSER/PGPASSWORD at one.")


def _wait_for(params, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        conn, _error = _try_connect(params)
        if conn:
            conn.close()
            return True
        time.sleep(0.5)
    return False


def _start_postgres():
    params = _connect_params()
    if shutil.which("pg_lsclusters") and shutil.which("pg_ctlcluster"):
        clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout.split("\n")
        for line in filter(None, clusters):
            version, name = line.split()[:2]
            print(f"PostgreSQL is not answering: starting cluster {version}/{name}.", flush=True)
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"], check=False)
        if clusters and _wait_for(params):
            return params
    return _start_temporary_cluster()


def _start_temporary_cluster():
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    initdb = shutil.which("initdb") or (binaries[0] if binaries else None)
    if not initdb:
        return None
    bindir = pathlib.Path(initdb).parent
    datadir = pathlib.Path(tempfile.mkdtemp(prefix="shahr-pg-"))
    run_as = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if not shutil.which("runuser"):
            return None
        os.chown(datadir, *_uid_gid("postgres"))
        run_as = ["runuser", "-u", "postgres", "--"]
    port = "55432"
    print(f"PostgreSQL is not answering: starting a temporary cluster in {datadir} on port {port}.", flush=True)
    user = getpass.getuser()
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(datadir), "-A", "trust", "-U", user],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(datadir / "server.log"),
                    "-o", f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    atexit.register(_stop_temporary_cluster, run_as, bindir, datadir)
    params = {"host": "127.0.0.1", "port": port, "user": user, "password": None}
    os.environ.update(PGHOST="127.0.0.1", PGPORT=port, PGUSER=user)
    return params if _wait_for(params) else None


def _stop_temporary_cluster(run_as, bindir, datadir):
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "fast", "stop"],
                   check=False, stdout=subprocess.DEVNULL)
    shutil.rmtree(datadir, ignore_errors=True)


def _uid_gid(user):
    import pwd  # noqa: PLC0415
    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid


def odoo_db_args(params):
    args = []
    for option, key in (("--db_host", "host"), ("--db_port", "port"), ("--db_user", "user"), ("--db_password", "password")):
        if params.get(key):
            args.append(f"{option}={params[key]}")
    return args


def open_registry(dbname):
    """The Odoo registry of ``dbname`` on the PostgreSQL this machine answers on,
    with Shahr's addons on the path; for benchmarks and scripts. Fails loudly
    (``fail``) when Odoo 19 or PostgreSQL is missing."""
    try:
        check_odoo()
        conn, params = connect_postgres(start_if_needed=False)
        conn.close()
    except SetupError as exc:
        fail(str(exc))
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config([f"--addons-path={ADDONS_DIR}", *odoo_db_args(params)])
    return Registry(dbname)


def peak_rss_mb():
    """The process's peak resident set in MB (VmHWM, or ru_maxrss); for the benchmarks."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # noqa: PLC0415 - Unix only, and only the benchmarks ask
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss():
    """Reset the peak resident set to the current one (Linux ≥ 4.0); False where it cannot."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False
