"""docker/entrypoint.py: the container's refusals and the commands it runs (no Docker, no Odoo)."""

import configparser
import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("shahr_entrypoint", ROOT / "docker" / "entrypoint.py")
entrypoint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(entrypoint)

GOOD = "Vx3-q9Lr_7TzK2mWbN8s"
GB = 1024 ** 3


@pytest.mark.parametrize("password", [
    None, "", "   ", "admin", "ADMIN", "change-me-before-production", "odoo", "changeme-now-please-1234",
    "short-but-fine1",  # 15 characters
])
def test_refuses_missing_default_or_short_master_password(password):
    environ = {} if password is None else {"SHAHR_ADMIN_PASSWD": password}
    with pytest.raises(entrypoint.EntrypointError):
        entrypoint.master_password(environ, demo_file="/nonexistent/x")


def test_repository_config_has_no_master_password_and_safe_defaults():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "config" / "odoo.conf")
    options = parser["options"]
    assert "admin_passwd" not in options
    assert options["list_db"] == "False"
    assert options["proxy_mode"] == "True"
    assert options["http_interface"] == "127.0.0.1"


def test_secret_file_wins_over_environment(tmp_path):
    secret = tmp_path / "odoo_admin_passwd"
    secret.write_text(GOOD + "\n")
    environ = {"SHAHR_ADMIN_PASSWD_FILE": str(secret), "SHAHR_ADMIN_PASSWD": "admin"}
    assert entrypoint.master_password(environ) == GOOD


def test_missing_secret_file_is_an_error(tmp_path):
    with pytest.raises(entrypoint.EntrypointError, match="does not exist"):
        entrypoint.master_password({"SHAHR_ADMIN_PASSWD_FILE": str(tmp_path / "nope")})


def test_demo_makes_a_random_password_once_and_keeps_it(tmp_path, capsys):
    kept = tmp_path / "volume" / ".pw"
    first = entrypoint.master_password({}, demo=True, demo_file=kept)
    assert len(first) >= entrypoint.MIN_PASSWORD_LENGTH
    assert kept.stat().st_mode & 0o777 == 0o600
    assert entrypoint.master_password({}, demo=True, demo_file=kept) == first
    with pytest.raises(entrypoint.EntrypointError):  # production never makes one up
        entrypoint.master_password({}, demo=False, demo_file=kept)


def test_demo_still_refuses_a_given_default(tmp_path):
    with pytest.raises(entrypoint.EntrypointError):
        entrypoint.master_password({"SHAHR_ADMIN_PASSWD": "admin"}, demo=True, demo_file=tmp_path / "pw")


def test_runtime_config_adds_secrets_and_keeps_the_manager_off():
    base = (ROOT / "config" / "odoo.conf").read_text()
    text = entrypoint.runtime_config(base.replace("list_db = False", "list_db = True"), GOOD, "dbpw")
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    assert parser["options"]["admin_passwd"] == GOOD
    assert parser["options"]["db_password"] == "dbpw"
    assert parser["options"]["list_db"] == "False"
    assert parser["options"]["proxy_mode"] == "True"


def test_write_runtime_config_is_private(tmp_path):
    conf = tmp_path / "run.conf"
    environ = {"SHAHR_ODOO_CONF": str(ROOT / "config" / "odoo.conf"), "SHAHR_RUNTIME_CONF": str(conf),
               "PGPASSWORD": "x"}
    path, db_password = entrypoint.write_runtime_config(environ, GOOD)
    assert path == conf and db_password == "x"
    assert conf.stat().st_mode & 0o777 == 0o600
    assert GOOD in conf.read_text()


@pytest.mark.parametrize(("cpus", "memory", "expected"), [
    (1, 8 * GB, 3),      # 2 x CPUs + 1
    (4, 16 * GB, 9),
    (8, 2 * GB, 6),      # memory caps: 2 GB / 325 MB
    (2, 512 * 1024 ** 2, 2),  # never fewer than 2
    (2, None, 5),        # memory unknown
])
def test_workers_from_cpus_and_memory(cpus, memory, expected):
    assert entrypoint.worker_count(cpus, memory, {}) == expected


def test_workers_from_environment():
    assert entrypoint.worker_count(16, 64 * GB, {"SHAHR_WORKERS": "4"}) == 4
    with pytest.raises(entrypoint.EntrypointError):
        entrypoint.worker_count(2, GB, {"SHAHR_WORKERS": "0"})


def test_cpu_count_reads_the_cgroup_quota(tmp_path):
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text("150000 100000\n")
    assert entrypoint.cpu_count(cpu_max) <= 2
    cpu_max.write_text("max 100000\n")
    assert entrypoint.cpu_count(cpu_max) >= 1


def test_memory_reads_the_cgroup_limit(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree: 1 kB\n")
    limit = tmp_path / "memory.max"
    limit.write_text(f"{2 * GB}\n")
    assert entrypoint.memory_bytes(limit, meminfo) == 2 * GB
    limit.write_text("max\n")
    assert entrypoint.memory_bytes(limit, meminfo) == 16000000 * 1024


def test_serve_is_prefork_without_update_or_demo(tmp_path):
    cmd = entrypoint.serve_command("/tmp/c.conf", {"SHAHR_DB": "city"}, 2, 8 * GB)
    assert "--workers=5" in cmd and "--max-cron-threads=1" in cmd
    assert "-d" in cmd and "city" in cmd and "--db-filter=^city$" in cmd
    assert "--no-database-list" in cmd
    assert not {"-u", "-i", "--with-demo", "--update", "--init"} & set(cmd)


def test_init_installs_without_demo_and_update_is_explicit(tmp_path):
    for name in ("municipality_base", "office_automation"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__manifest__.py").write_text("{}")
    environ = {"SHAHR_ADDONS_DIR": str(tmp_path)}
    init = entrypoint.init_command("/c", environ)
    assert init[init.index("-i") + 1] == "municipality_base,office_automation"
    assert "--with-demo" not in init and "--stop-after-init" in init
    update = entrypoint.update_command("/c", environ)
    assert update[update.index("-u") + 1] == "all" and "--stop-after-init" in update
    assert entrypoint.update_command("/c", environ, ["office_automation"])[5:7] == ["-u", "office_automation"]


def test_backup_dumps_the_database_and_its_filestore():
    steps, dump, files = entrypoint.backup_commands({"SHAHR_DB": "city", "SHAHR_BACKUP_DIR": "/b"}, "20261203T0500Z")
    assert steps[0][0] == "pg_dump" and steps[0][-1] == "city" and f"--file={dump}" in steps[0]
    assert steps[1][:2] == ["tar", "-czf"] and steps[1][-2:] == ["/var/lib/odoo/filestore", "city"]
    assert str(dump) == "/b/city-20261203T0500Z.dump" and str(files).endswith("-filestore.tar.gz")


def test_the_container_refuses_to_start_without_a_password(tmp_path, monkeypatch):
    """main() with the repository's config and no secret: refused before anything runs."""
    monkeypatch.setattr(entrypoint, "DEFAULT_SECRET", str(tmp_path / "none"))
    monkeypatch.setattr(entrypoint.os, "execvpe", lambda *a: pytest.fail("started Odoo"))
    environ = {"SHAHR_ODOO_CONF": str(ROOT / "config" / "odoo.conf"), "SHAHR_RUNTIME_CONF": str(tmp_path / "c")}
    for command in (["serve"], ["init"], ["update"], ["backup"], []):
        with pytest.raises(entrypoint.EntrypointError, match="No master password"):
            entrypoint.main(command, environ)
