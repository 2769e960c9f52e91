"""scripts/odoo_test_server.py and the browser check: Odoo's tours get time to start their browser."""

import os
import subprocess
import sys

import pytest

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, SCRIPTS)
import run_tests  # noqa: E402
import shahr_env  # noqa: E402


def test_the_test_command_runs_odoo_through_the_patient_launcher():
    cmd = run_tests.odoo_command({"host": None, "port": None, "user": None, "password": None},
                                 "/tmp/x.log", "db", "/tmp/data", ["municipality_base"])
    assert cmd[:3] == [sys.executable, os.path.join(str(shahr_env.ROOT), "scripts", "odoo_test_server.py"), "server"]


def test_the_launcher_gives_the_browser_longer_than_odoos_ten_seconds():
    launcher = os.path.join(SCRIPTS, "odoo_test_server.py")
    probe = (f"import runpy; runpy.run_path({launcher!r}, run_name='probe'); "
             "import odoo.tests.common as c; print(c.CHECK_BROWSER_ITERATIONS * c.CHECK_BROWSER_SLEEP)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=SCRIPTS, capture_output=True, text=True, check=True)
    assert float(out.stdout.split()[-1]) == pytest.approx(shahr_env.BROWSER_START_SECONDS)
    assert shahr_env.BROWSER_START_SECONDS >= 60


def test_the_launcher_is_odoos_own_command_line():
    out = subprocess.run([sys.executable, os.path.join(SCRIPTS, "odoo_test_server.py"), "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("Odoo Server 19.")


def test_a_browser_that_starts_is_timed():
    # The browser Odoo's tours use (pytest keeps Odoo out of its own process).
    browser = subprocess.run([sys.executable, "-c", "from odoo.tests.common import _find_executable as f; print(f())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert 0 < run_tests.check_browser_starts(browser) < shahr_env.BROWSER_START_SECONDS


def test_a_browser_that_cannot_start_stops_the_run(tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'error while loading shared libraries: libnss3.so' >&2\nexit 127\n")
    broken.chmod(0o755)
    with pytest.raises(shahr_env.SetupError, match="libnss3"):
        run_tests.check_browser_starts(str(broken))


def test_a_browser_that_hangs_stops_the_run(tmp_path):
    hanging = tmp_path / "chromium"
    hanging.write_text("#!/bin/sh\nexec sleep 30\n")
    hanging.chmod(0o755)
    with pytest.raises(shahr_env.SetupError, match="did not start headless within 1 s"):
        run_tests.check_browser_starts(str(hanging), timeout=1)
