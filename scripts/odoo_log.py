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
