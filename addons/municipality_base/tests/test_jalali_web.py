"""The web client's Jalali calendar (``static/src``), tested in Chromium."""

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.misc import file_open

from odoo.addons.web.tests.test_js import unit_test_error_checker

from ..tools.jalali_js_fixture import fixture_text


def _hoot_job_id(name):
    """The id hoot gives a suite (``web/tests/test_js.py``'s hash)."""
    h = 0
    for char in name:
        h = ((h << 5) - h + ord(char)) & 0xFFFFFFFF
    return f"{h:08x}"


@tagged("post_install", "-at_install")
class TestJalaliFixture(TransactionCase):
    def test_fixture_is_jdatetime(self):
        """The table the JS test compares with is jdatetime's, not a stale copy."""
        with file_open("municipality_base/static/tests/unit/jalali_fixture.js") as f:
            committed = f.read()
        self.assertEqual(
            committed, fixture_text(),
            "static/tests/unit/jalali_fixture.js is stale: regenerate it with tools/jalali_js_fixture.py",
        )


@tagged("post_install", "-at_install")
class TestJalaliHoot(HttpCase):
    def test_jalali_unit_tests(self):
        """Runs the hoot suite @municipality_base (conversion of every day of
        1300–1500, parsing, formatting, the luxon patch, the group-by intervals)."""
        job = _hoot_job_id("@municipality_base")
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset=desktop&timeout=60000&id={job}",
            "", "", login="admin", timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=unit_test_error_checker,
        )
