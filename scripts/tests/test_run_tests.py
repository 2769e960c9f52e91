"""scripts/run_tests.py: choosing the addons and the clock (no Odoo, no database)."""

import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import run_tests  # noqa: E402
import shahr_env  # noqa: E402


def test_every_addon_and_scenario_by_default(monkeypatch):
    monkeypatch.delenv("SHAHR_ADDONS", raising=False)
    addons, scenarios = run_tests.selected_modules()
    assert addons == shahr_env.addon_names(shahr_env.ADDONS_DIR) and "municipality_base" in addons
    assert scenarios == shahr_env.addon_names(shahr_env.SCENARIOS_DIR)


def test_shahr_addons_restricts_and_refuses_unknown_names(monkeypatch):
    monkeypatch.setenv("SHAHR_ADDONS", "municipality_base, shahr_scenarios")
    assert run_tests.selected_modules() == (["municipality_base"], ["shahr_scenarios"])
    monkeypatch.setenv("SHAHR_ADDONS", "municipality_base,no_such_addon")
    with pytest.raises(shahr_env.SetupError, match="no_such_addon"):
        run_tests.selected_modules()


def test_real_clock_unless_asked(monkeypatch):
    monkeypatch.delenv("SHAHR_FAKETIME", raising=False)
    assert run_tests.faketime_prefix() == []


def test_faketime_starts_the_clock_at_the_given_utc_time(monkeypatch):
    monkeypatch.setenv("FAKETIME_DONT_FAKE_MONOTONIC", "1")
    calls = []

    def fake_run(cmd, **kwargs):
        calls.append((cmd, kwargs["env"]))
        ok = "not a time" not in cmd[2]
        return subprocess.CompletedProcess(cmd, 0 if ok else 1, "2026-12-02 20:45:00 UTC\n", "" if ok else "bad")

    monkeypatch.setattr(run_tests.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(run_tests.subprocess, "run", fake_run)
    monkeypatch.setenv("SHAHR_FAKETIME", "2026-12-02 20:45:00")
    assert run_tests.faketime_prefix() == ["faketime", "-m", "2026-12-02 20:45:00 UTC"]
    assert "FAKETIME_DONT_FAKE_MONOTONIC" not in calls[-1][1]  # time.sleep breaks with it
    monkeypatch.setenv("SHAHR_FAKETIME", "2026-12-02 23:59:00 +03:30")
    assert run_tests.faketime_prefix()[-1] == "2026-12-02 23:59:00 +03:30"
    monkeypatch.setenv("SHAHR_FAKETIME", "not a time at all")
    with pytest.raises(shahr_env.SetupError, match="does not understand"):
        run_tests.faketime_prefix()


def test_faketime_asked_for_but_missing_fails_loudly(monkeypatch):
    monkeypatch.setattr(run_tests.shutil, "which", lambda name: None)
    monkeypatch.setenv("SHAHR_FAKETIME", "2026-12-02 20:45:00")
    with pytest.raises(shahr_env.SetupError, match="apt-get install faketime"):
        run_tests.faketime_prefix()
