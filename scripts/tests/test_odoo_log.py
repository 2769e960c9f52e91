"""The test command reads Odoo's log; these tests make sure it cannot be fooled."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import odoo_log  # noqa: E402

HEAD = "2026-11-21 05:20:45,249 23668"
DB = "shahr_test_1"
INSTALL = f"{HEAD} INFO {DB} odoo.modules.loading: Modules loaded. \n"
POST = f"{HEAD} INFO {DB} odoo.service.server: Starting post tests \n"
TEST = f"{HEAD} INFO {DB} odoo.addons.municipality_base.tests.test_ui: Starting TestUi.test_tour ... \n"


def summary(failed=0, errors=0, total=45):
    return f"{HEAD} INFO {DB} odoo.tests.result: {failed} failed, {errors} error(s) of {total} tests when loading database '{DB}' \n"


def test_a_clean_run():
    run = odoo_log.analyse(INSTALL + POST + TEST + summary(), 0)
    assert (run.passed, run.failed, run.skipped, run.problems) == (45, 0, [], [])


def test_failures_and_errors_are_counted():
    run = odoo_log.analyse(INSTALL + POST + TEST + summary(failed=2, errors=1), 1)
    assert (run.passed, run.failed) == (42, 3)


def test_a_tour_skipped_for_want_of_a_browser_fails_the_run():
    skip = (f"{HEAD} INFO {DB} odoo.addons.municipality_base.tests.test_ui: skipped TestUi.test_tour : "
            "Failed to detect chrome devtools port after 10.0s. \n")
    run = odoo_log.analyse(INSTALL + POST + TEST + skip + summary(), 0)
    assert run.skipped == ["TestUi.test_tour"]
    assert run.passed == 44
    assert run.failed == 1
    assert "chrome devtools" in run.problems[0]


def test_a_class_skipped_in_setupclass_fails_the_run():
    skip = (f"{HEAD} INFO {DB} odoo.tests.suite: skipped setUpClass "
            "(odoo.addons.municipality_base.tests.test_ui.TestUi) : websocket-client module is not installed \n")
    run = odoo_log.analyse(INSTALL + POST + skip + summary(total=3), 0)
    assert run.skipped == ["setUpClass (odoo.addons.municipality_base.tests.test_ui.TestUi)"]
    assert run.failed == 1
    assert run.passed == 3  # the skipped class's tests were never counted


def test_skips_are_found_anywhere_in_a_long_log():
    skip = f"{HEAD} INFO {DB} odoo.addons.x.tests.test_y: skipped TestY.test_z : no reason \n"
    run = odoo_log.analyse(INSTALL + POST + skip + TEST * 100 + summary(), 0)
    assert run.skipped == ["TestY.test_z"]


def test_demo_data_that_did_not_load_fails_the_run():
    demo = (f"{HEAD} WARNING {DB} odoo.modules.loading: Module municipality_base demo data failed to install, "
            "installed without demo data \n")
    run = odoo_log.analyse(INSTALL + demo + POST + TEST + summary(), 0)
    assert run.failed == 1 and "demo data" in run.problems[0]


def test_an_error_logged_while_installing_fails_the_run():
    error = f"{HEAD} ERROR {DB} odoo.modules.registry: Failed to load registry \n"
    run = odoo_log.analyse(error + INSTALL + POST + TEST + summary(), 0)
    assert run.failed == 1 and "error logged" in run.problems[0]


def test_an_error_logged_during_a_passing_test_fails_the_run():
    error = f"{HEAD} ERROR {DB} odoo.http: Exception during request handling. \n"
    run = odoo_log.analyse(INSTALL + POST + TEST + error + summary(), 0)
    assert run.failed == 1 and "odoo.http" in run.problems[0]


def test_reports_of_failed_tests_are_left_to_the_test_counts():
    fail = f"{HEAD} ERROR {DB} odoo.addons.x.tests.test_y: FAIL: TestY.test_z\n"
    error = f"{HEAD} ERROR {DB} odoo.addons.x.tests.test_y: ERROR: TestY.test_w\n"
    closing = summary(failed=1, errors=1).replace(" INFO ", " ERROR ")
    run = odoo_log.analyse(INSTALL + POST + TEST + fail + error + closing, 1)
    assert run.failed == 2
    assert run.problems == ["Odoo exited with status 1."]


def test_a_run_that_broke_off_fails():
    run = odoo_log.analyse(INSTALL, 0)
    assert run.failed == 1 and run.passed == 0
    assert "no test summary" in run.problems[0]


def test_a_non_zero_exit_fails_even_with_a_clean_summary():
    run = odoo_log.analyse(INSTALL + POST + TEST + summary(), 255)
    assert run.failed == 1


# ----------------------------------------------------------------------
# The demo install (no tests): every addon with demo data, without a word
# ----------------------------------------------------------------------

ADDONS = ["municipality_base", "office_automation"]
LOADED = f"{HEAD} INFO {DB} odoo.modules.loading: 120 modules loaded in 60.00s, 0 queries (+0 extra) \n" + INSTALL


def test_a_clean_demo_install():
    info = f"{HEAD} INFO {DB} odoo.modules.loading: Module office_automation: loading demo \n"
    assert odoo_log.analyse_demo_install(info + LOADED, 0, ADDONS) == []


def test_demo_data_that_failed_to_load_fails_the_check():
    failed = (f"{HEAD} WARNING {DB} odoo.modules.loading: Module office_automation demo data failed to install, "
              "installed without demo data\nTraceback (most recent call last):\n  ...\n")
    problems = odoo_log.analyse_demo_install(failed + LOADED, 0, ADDONS)
    assert len(problems) == 1
    assert "demo data did not load" in problems[0]


def test_a_warning_of_the_loaders_or_of_our_addons_fails_the_check():
    for logger in ("odoo.tools.convert", "odoo.addons.office_automation.models.office_letter",
                   "odoo.addons.municipality_base"):
        line = f"{HEAD} WARNING {DB} {logger}: something did not load as written \n"
        problems = odoo_log.analyse_demo_install(line + LOADED, 0, ADDONS)
        assert problems and "warning while loading the demo data" in problems[0], logger


def test_a_warning_of_another_addon_is_not_ours_to_fail_on():
    line = f"{HEAD} WARNING {DB} odoo.addons.account.models.company: core talks \n"
    other = f"{HEAD} WARNING {DB} odoo.addons.office_automation_extra.x: not ours \n"
    assert odoo_log.analyse_demo_install(line + other + LOADED, 0, ADDONS) == []


def test_any_error_fails_the_check():
    line = f"{HEAD} ERROR {DB} odoo.addons.account.models.company: broken \n"
    problems = odoo_log.analyse_demo_install(line + LOADED, 0, ADDONS)
    assert problems and problems[0].startswith("error while loading the demo data")


def test_an_install_that_broke_off_fails_the_check():
    problems = odoo_log.analyse_demo_install(f"{HEAD} INFO {DB} odoo.modules.loading: loading 1 modules... \n", 1,
                                             ADDONS)
    assert any("never finished" in p for p in problems)
    assert any("status 1" in p for p in problems)
