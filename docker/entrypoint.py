#!/usr/bin/env python3
"""Entrypoint of Shahr's Odoo containers (docker/compose.yaml, docker/compose.prod.yaml).

    serve [ODOO ARGS]   production: prefork workers sized for the machine, no
                        demo data, no module update; refuses an uninitialised database
    init                create the database's tables: install the addons (SHAHR_MODULES,
                        default every addon in the image) without demo data, Persian loaded
    update [MODULES]    update the given addons (default: all) and stop; run it after
                        deploying new code, then restart the server
    backup              pg_dump of the database and a tar of its filestore into
                        SHAHR_BACKUP_DIR (default /backups)
    shell               Odoo's Python shell on the database
    demo [ARGS]         the one-command demo: scripts/serve.py (creates the database
                        with demo data the first time)

Every command starts from config/odoo.conf (SHAHR_ODOO_CONF, default
/etc/odoo/odoo.conf) and writes the configuration Odoo reads (mode 0600) with:

- the master password, from the Docker secret file SHAHR_ADMIN_PASSWD_FILE
  (default /run/secrets/odoo_admin_passwd) or SHAHR_ADMIN_PASSWD. Nothing
  starts when it is missing, shorter than 16 characters or a well-known
  default ("admin", "change-me-before-production", ...). Only ``demo`` makes a
  random one when none is given (kept in the data volume, printed once);
- the database password, from PGPASSWORD_FILE (a secret) or PGPASSWORD.

Workers: SHAHR_WORKERS, or 2 x CPUs + 1 (Odoo's rule) capped by memory at one
worker per 325 MB (80 % light requests at 150 MB, 20 % heavy at 1 GB), from the
container's CPU and memory limits when it has them. Cron threads:
SHAHR_CRON_THREADS, or 1 (2 from 8 workers).

Standard library only (psycopg2, an Odoo requirement, for the database check),
so that scripts/tests/test_entrypoint.py tests it without Odoo or Docker.
"""

import configparser
import datetime
import os
import pathlib
import secrets
import shlex
import subprocess
import sys

MIN_PASSWORD_LENGTH = 16
KNOWN_DEFAULTS = {
    "admin", "odoo", "password", "changeme", "change-me", "change_me", "change-me-before-production",
    "secret", "master", "postgres", "shahr", "123456", "12345678", "1234567890",
}
MB = 1024 * 1024
MEMORY_PER_WORKER = 325 * MB
DEFAULT_CONF = "/etc/odoo/odoo.conf"
DEFAULT_ADDONS = "/mnt/shahr/addons"
DEFAULT_SECRET = "/run/secrets/odoo_admin_passwd"
DEMO_PASSWORD_FILE = "/var/lib/odoo/.shahr-demo-master-password"


class EntrypointError(Exception):
    """A setting is missing or unsafe; the message says what to do."""


# ----------------------------------------------------------------------
# Secrets
# ----------------------------------------------------------------------

def read_secret(environ, name, default_file=None):  # noqa: D103
    """The value of ``name`` from the file ``<name>_FILE`` names (a Docker
    secret), else from the variable ``name``; ``None`` when neither is set."""
    path = environ.get(f"{name}_FILE") or default_file
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    if environ.get(f"{name}_FILE"):
        raise EntrypointError(f"{name}_FILE names {path}, which does not exist.")
    value = environ.get(name)
    return value.strip() if value is not None else None


def check_master_password(password):
    """Refuse a missing, short or well-known master password (the database manager's key)."""
    if not password:
        raise EntrypointError(
            "No master password: put a long random one in the secret file docker/secrets/odoo_admin_passwd "
            "(for example: openssl rand -base64 32 > docker/secrets/odoo_admin_passwd) or set SHAHR_ADMIN_PASSWD.")
    if password.lower() in KNOWN_DEFAULTS or "change" in password.lower():
        raise EntrypointError("The master password is a well-known default; choose a long random one.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise EntrypointError(
            f"The master password has {len(password)} characters; it needs at least {MIN_PASSWORD_LENGTH}.")
    return password


def master_password(environ, demo=False, demo_file=DEMO_PASSWORD_FILE):
    password = read_secret(environ, "SHAHR_ADMIN_PASSWD", DEFAULT_SECRET)
    if not password and demo:
        path = pathlib.Path(demo_file)
        if path.exists():
            password = path.read_text(encoding="utf-8").strip()
        else:
            password = secrets.token_urlsafe(24)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(password + "\n", encoding="utf-8")
            path.chmod(0o600)
            print(f"Demo: made a random master password, kept in {path} of the data volume: {password}", flush=True)
    return check_master_password(password)


# ----------------------------------------------------------------------
# Machine size
# ----------------------------------------------------------------------

def cpu_count(cgroup_cpu_max="/sys/fs/cgroup/cpu.max"):
    """CPUs this container may use: its cgroup quota when set, else the CPUs it is allowed to run on."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = pathlib.Path(cgroup_cpu_max).read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, int(int(quota) / int(period) + 0.5)))
    except (OSError, ValueError):
        pass
    return cpus


def memory_bytes(cgroup_memory_max="/sys/fs/cgroup/memory.max", meminfo="/proc/meminfo"):
    """Memory this container may use: its cgroup limit when set, else the machine's."""
    total = None
    try:
        for line in pathlib.Path(meminfo).read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = pathlib.Path(cgroup_memory_max).read_text().strip()
        if limit != "max":
            total = min(total, int(limit)) if total else int(limit)
    except (OSError, ValueError):
        pass
    return total


def worker_count(cpus, memory, environ):
    """Prefork workers: SHAHR_WORKERS, else 2 x CPUs + 1 capped by memory (at least 2)."""
    if environ.get("SHAHR_WORKERS"):
        workers = int(environ["SHAHR_WORKERS"])
        if workers < 1:
            raise EntrypointError("SHAHR_WORKERS must be at least 1 (prefork; 0 would serve with threads).")
        return workers
    workers = 2 * cpus + 1
    if memory:
        workers = min(workers, memory // MEMORY_PER_WORKER)
    return max(workers, 2)


def cron_thread_count(workers, environ):
    if environ.get("SHAHR_CRON_THREADS"):
        return int(environ["SHAHR_CRON_THREADS"])
    return 2 if workers >= 8 else 1


# ----------------------------------------------------------------------
# Odoo's configuration and command lines
# ----------------------------------------------------------------------

def runtime_config(base_text, admin_passwd, db_password=None):
    """config/odoo.conf with the secrets added, as text for Odoo's -c."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(base_text)
    if not parser.has_section("options"):
        parser.add_section("options")
    options = parser["options"]
    options["admin_passwd"] = admin_passwd
    if db_password:
        options["db_password"] = db_password
    options["list_db"] = "False"
    lines = ["; Written at start by docker/entrypoint.py from config/odoo.conf and the secrets. Do not copy."]
    lines += ["[options]"] + [f"{key} = {value}" for key, value in options.items()]
    return "\n".join(lines) + "\n"


def write_runtime_config(environ, admin_passwd):
    base = pathlib.Path(environ.get("SHAHR_ODOO_CONF", DEFAULT_CONF)).read_text(encoding="utf-8")
    db_password = read_secret(environ, "PGPASSWORD")
    path = pathlib.Path(environ.get("SHAHR_RUNTIME_CONF", "/tmp/shahr-odoo.conf"))
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(runtime_config(base, admin_passwd, db_password), encoding="utf-8")
    return path, db_password


def addon_names(addons_dir):
    return sorted(p.parent.name for p in pathlib.Path(addons_dir).glob("*/__manifest__.py"))


def database_name(environ):
    return environ.get("SHAHR_DB", "shahr")


def modules(environ):
    return environ.get("SHAHR_MODULES") or ",".join(addon_names(environ.get("SHAHR_ADDONS_DIR", DEFAULT_ADDONS)))


def serve_command(conf, environ, cpus, memory, extra=()):
    workers = worker_count(cpus, memory, environ)
    db = database_name(environ)
    return [
        "odoo", f"--config={conf}", "--http-interface=0.0.0.0", "-d", db, f"--db-filter=^{db}$",
        f"--workers={workers}", f"--max-cron-threads={cron_thread_count(workers, environ)}",
        "--no-database-list", *extra,
    ]


def init_command(conf, environ):
    db = database_name(environ)
    return ["odoo", f"--config={conf}", "-d", db, f"--db-filter=^{db}$", "-i", modules(environ),
            "--load-language=fa_IR", "--stop-after-init", "--no-http", "--workers=0"]


def update_command(conf, environ, names=()):
    db = database_name(environ)
    return ["odoo", f"--config={conf}", "-d", db, f"--db-filter=^{db}$", "-u", ",".join(names) or "all",
            "--stop-after-init", "--no-http", "--workers=0"]


def shell_command(conf, environ):
    return ["odoo", "shell", f"--config={conf}", "-d", database_name(environ), "--no-http"]


def backup_commands(environ, stamp, data_dir="/var/lib/odoo"):
    """pg_dump (custom format) and a tar of the filestore, named by database and time."""
    db = database_name(environ)
    target = pathlib.Path(environ.get("SHAHR_BACKUP_DIR", "/backups"))
    dump = target / f"{db}-{stamp}.dump"
    files = target / f"{db}-{stamp}-filestore.tar.gz"
    return [
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", db],
        ["tar", "-czf", str(files), "-C", f"{data_dir}/filestore", db],
    ], dump, files


def database_state(environ, db_password):
    """'missing', 'empty' (no Odoo tables) or 'ready'."""
    import psycopg2  # noqa: PLC0415 - an Odoo requirement, present in the image

    params = {k: environ.get(v) for k, v in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"))}
    params = {k: v for k, v in params.items() if v}
    if db_password:
        params["password"] = db_password
    try:
        conn = psycopg2.connect(dbname=database_name(environ), connect_timeout=10, **params)
    except psycopg2.OperationalError as exc:
        if "does not exist" in str(exc):
            return "missing"
        raise EntrypointError(f"PostgreSQL is not reachable: {exc}".strip()) from None
    with conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        ready = cr.fetchone()[0]
    conn.close()
    return "ready" if ready else "empty"


def main(argv, environ):
    command, args = (argv[0], argv[1:]) if argv and not argv[0].startswith("-") else ("serve", argv)
    if command not in {"serve", "init", "update", "backup", "shell", "demo"}:
        os.execvp(command, [command, *args])  # anything else, as it is (bash, odoo --version, ...)
    conf, db_password = write_runtime_config(environ, master_password(environ, demo=command == "demo"))
    env = dict(environ)
    if db_password:
        env["PGPASSWORD"] = db_password
    if command == "demo":
        serve = pathlib.Path(environ.get("SHAHR_ROOT", "/mnt/shahr")) / "scripts" / "serve.py"
        cmd = [sys.executable, str(serve), f"--config={conf}", "--http-interface=0.0.0.0", *args]
    elif command == "serve":
        state = database_state(environ, db_password)
        if state != "ready":
            raise EntrypointError(
                f"Database {database_name(environ)!r} is {state}: create it once with the init command "
                "(README.md, Production); the server never installs or updates addons at start.")
        cmd = serve_command(conf, environ, cpu_count(), memory_bytes(), args)
    elif command == "init":
        cmd = init_command(conf, environ)
    elif command == "update":
        cmd = update_command(conf, environ, args)
    elif command == "shell":
        cmd = shell_command(conf, environ)
    else:  # backup
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        steps, dump, files = backup_commands(environ, stamp)
        dump.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(dump.parent, os.W_OK):
            raise EntrypointError(f"{dump.parent} is not writable by user id {os.getuid()}: "
                                  f"chown {os.getuid()} the folder mounted there (docker/backups).")
        for step in steps:
            print("+", shlex.join(step), flush=True)
            if subprocess.run(step, env=env, check=False).returncode != 0:
                raise EntrypointError(f"the backup failed at: {shlex.join(step)}")
        print(f"Backup written: {dump} and {files} (restore: pg_restore --no-owner -d <new db> {dump.name}; "
              f"untar the filestore into /var/lib/odoo/filestore/<new db>).", flush=True)
        return
    print("+", shlex.join(cmd), flush=True)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    try:
        main(sys.argv[1:], os.environ)
    except EntrypointError as exc:
        print(f"\nshahr entrypoint: refusing to start: {exc}\n", file=sys.stderr, flush=True)
        sys.exit(2)
