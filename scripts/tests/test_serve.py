"""scripts/serve.py: what the demo command installs or updates at each start."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import serve  # noqa: E402

ADDONS = ["municipality_base", "office_automation"]


def test_new_database_gets_the_suite_with_demo_data():
    args, _said = serve.plan(ADDONS, None)
    assert args[:3] == ["-i", "municipality_base,office_automation", "--with-demo"]


def test_new_database_gets_persian_before_the_addons():
    """Persian from the start (Odoo loads it right after base): every addon installed after, Odoo's hr and
    hr_holidays too, gets its Persian terms at install; activated later, they would stay English."""
    for demo in (True, False):
        args, _said = serve.plan(ADDONS, None, demo=demo)
        assert "--load-language=fa_IR" in args


def test_new_database_without_demo_when_asked():
    args, _said = serve.plan(ADDONS, None, demo=False)
    assert "--with-demo" not in args and args[0] == "-i"


def test_existing_database_is_served_as_it_is():
    args, said = serve.plan(ADDONS, {"municipality_base": "installed", "office_automation": "installed"})
    assert args == []
    assert "as it is" in said


def test_existing_database_installs_a_new_addon_only():
    args, _said = serve.plan(ADDONS, {"municipality_base": "installed", "office_automation": "uninstalled"})
    assert args == ["-i", "office_automation"]


def test_update_only_when_asked_and_never_demo_on_existing_database():
    args, _said = serve.plan(ADDONS, {"municipality_base": "installed", "office_automation": "installed"},
                             update=True)
    assert args == ["-u", "municipality_base,office_automation"]
    assert "--with-demo" not in args


def test_the_announcement_says_where_and_that_the_first_page_takes_a_minute():
    said = serve.announcement("19.0", "shahr", "serving it as it is", "127.0.0.1", "8069")
    assert "http://127.0.0.1:8069" in said
    assert "first page" in said and "about a minute" in said
    assert "several minutes" not in said
    assert "several minutes" in serve.announcement("19.0", "shahr", "creating it", "127.0.0.1", "8069",
                                                   new_database=True)
