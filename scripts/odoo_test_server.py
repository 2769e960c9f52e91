"""Odoo's command line, with more time for the test browser to start.

The test command runs Odoo through this file instead of ``python -m odoo``.
Odoo gives headless Chromium 10 seconds to open its debugging port and
otherwise *skips* the tour (``Failed to detect chrome devtools port``). On a
busy machine (CI's, right after a session) Chromium has needed more than
that, and a skipped tour fails the run. Here it gets
``shahr_env.BROWSER_START_SECONDS``.
Nothing else changes: the arguments go to Odoo's own ``main``.
"""

import odoo.tests.common as odoo_test_common
from odoo.cli.command import main
from shahr_env import BROWSER_START_SECONDS

odoo_test_common.CHECK_BROWSER_ITERATIONS = round(BROWSER_START_SECONDS / odoo_test_common.CHECK_BROWSER_SLEEP)
odoo_test_common.BROWSER_WAIT = BROWSER_START_SECONDS  # only in Odoo's message

if __name__ == "__main__":
    main()
