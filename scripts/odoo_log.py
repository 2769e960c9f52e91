"""Reading an Odoo test run's log: what ran, what failed, what was skipped.

Pure Python, so that it is tested on its own (scripts/tests): the test
command's honesty rests on it.
"""

import dataclasses
import re

SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
# "... odoo.addons.x.tests.test_y: skipped TestY.test_z : reason", and for a
# whole class "skipped setUpClass (odoo.addons.x.tests.test_y.TestY) : reason".
SKIP = re.compile(r"^\S+ \S+ \d+ \w+ \S+ [\w.]+: skipped (.+?) : (.*)$", re.MULTILINE)
DEMO_FAILURE = re.compile(r"^.*Module \S+ demo data failed to install.*$", re.MULTILINE)
LEVEL = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) \S+ ([\w.]+): (.*)$")
# How Odoo's runner reports a failed test, and its closing count: already in the counts.
TEST_REPORT = re.compile(r"^(FAIL|ERROR): |^\d+ failed, \d+ error\(s\) of \d+ tests")


@dataclasses.dataclass
class OdooRun:
    total: int = 0
    failures: int = 0
    errors: int = 0
    skipped: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)
    error_lines: list = dataclasses.field(default_factory=list)

    @property
    def failed(self):
        """Failed tests; a broken run with no failed test still counts one."""
        return self.failures + self.errors + (1 if self.problems and not self.failures + self.errors else 0)

    @property
    def passed(self):
        # A class skipped in setUpClass never counted its tests in the total.
        skipped_tests = [test for test in self.skipped if not test.startswith("setUpClass")]
        return max(self.total - self.failures - self.errors - len(skipped_tests), 0)


def analyse(text, returncode):
    """Read the log ``text`` of ``odoo --test-enable --stop-after-init`` that exited with ``returncode``.

    Every skipped test is a problem: a skipped test is not a passing one, and
    Odoo skips browser tours when Chrome or websocket-client is missing or
    Chrome does not start. So is every error Odoo logs besides its reports
    of failed tests (an error logged by a request during a tour does not fail
    the tour), demo data that did not load (Odoo only warns), a missing
    summary and a non-zero exit status.
    """
    run = OdooRun()
    summary = SUMMARY.findall(text)
    if summary:
        run.failures, run.errors, run.total = (int(n) for n in summary[-1])
    else:
        run.problems.append("Odoo printed no test summary: the install or the test run broke off (see the log).")
    for test, reason in SKIP.findall(text):
        run.skipped.append(test)
        run.problems.append(f"test skipped, which must not happen: {test}: {reason}")
    for line in DEMO_FAILURE.findall(text):
        run.problems.append(f"demo data did not load (Odoo only warns): {line.strip()}")
    for line in text.splitlines():
        match = LEVEL.match(line)
        if match:
            run.error_lines.append(line)
            if not TEST_REPORT.match(match.group(3)):
                run.problems.append(f"error logged: {line.strip()}")
    if returncode != 0:
        run.problems.append(f"Odoo exited with status {returncode}.")
    return run


# Loggers whose warnings during an install mean data (demo data here) did not
# load as written: the loader, the XML/CSV converter, and Shahr's own addons.
DATA_LOGGERS = ("odoo.modules.loading", "odoo.tools.convert", "odoo.modules.registry", "odoo.models")
WARNING = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) \S+ ([\w.]+): (.*)$")
MODULES_LOADED = re.compile(r"odoo\.modules\.loading: (\d+ modules loaded in|Modules loaded\.)")


def analyse_demo_install(text, returncode, addons):
    """Problems of the log ``text`` of ``odoo -i ADDONS --with-demo --stop-after-init`` (no tests).

    The demo data must load without a word: any error or critical line, any
    warning of the data loaders or of one of Shahr's ``addons``, Odoo's own
    "demo data failed to install" (only a warning), an install that never
    finished loading its modules, or a non-zero exit status. Returns a list of
    sentences, empty when the demo data loaded cleanly.
    """
    own = tuple(f"odoo.addons.{name}." for name in addons)
    problems = []
    for line in DEMO_FAILURE.findall(text):
        problems.append(f"demo data did not load (Odoo only warns): {line.strip()}")
    for line in text.splitlines():
        match = WARNING.match(line)
        if not match or DEMO_FAILURE.match(line):
            continue
        level, logger = match.group(1), match.group(2)
        if level != "WARNING" or logger.startswith(DATA_LOGGERS) or (logger + ".").startswith(own):
            problems.append(f"{level.lower()} while loading the demo data: {line.strip()}")
    if not MODULES_LOADED.search(text):
        problems.append("Odoo never finished loading the modules: the demo install broke off (see the log).")
    if returncode != 0:
        problems.append(f"Odoo exited with status {returncode} while installing the demo data.")
    return problems
