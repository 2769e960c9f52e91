"""The stage log of a permit file: one stay per stage entered, closed on the day the file moves on, a second
stay when the file is sent back, the last closed when the permit is issued; read by the unit as each role
may read the file; written by nobody but the file; written for the files of an older database by the upgrade."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from ..upgrade_stage_log import backfill_stage_logs
from .permit_common import PermitCase


@tagged("post_install", "-at_install")
class TestPermitStageLog(PermitCase):

    def _stays(self, permit):
        return [(stay.stage_id.action, stay.date_start, stay.date_end)
                for stay in permit.sudo().stage_log_ids.sorted(lambda s: (s.date_start, s.id))]

    def test_each_stage_is_logged_with_the_day_tehran_entered_and_left_it(self):
        # 00:30 on 1405/02/20 in Tehran is still the 19th in UTC
        with freeze_time("2026-05-09 21:00:00"):
            permit = self._new_permit()
            permit.with_user(self.front_desk).action_next_stage()
        with freeze_time("2026-05-12 07:00:00"):  # Tuesday 1405/02/22
            self._visit(permit)
            permit.with_user(self.inspector).action_next_stage()
        self.assertEqual(self._stays(permit), [
            ("application", date(2026, 5, 10), date(2026, 5, 10)),
            ("visit", date(2026, 5, 10), date(2026, 5, 12)),
            ("zoning", date(2026, 5, 12), False)])
        zoning = permit.sudo().stage_log_ids[-1]
        self.assertEqual((zoning.deadline, zoning.group_id), (permit.stage_deadline, permit.stage_id.group_id))
        visit = permit.sudo().stage_log_ids.filtered(lambda s: s.stage_id.action == "visit")
        self.assertEqual((visit.days_spent, visit.late, visit.user_id), (2, False, self.front_desk))
        # the citizen's page reads the same days, for each stage, although one transaction moved it twice
        history = {line["stage"].action: line for line in permit._portal_stage_history()}
        self.assertEqual([(history[a]["status"], history[a]["entered"], history[a]["left"])
                          for a in ("application", "visit", "zoning", "inquiries")],
                         [("done", date(2026, 5, 10), date(2026, 5, 10)), ("done", date(2026, 5, 10), date(2026, 5, 12)),
                          ("current", date(2026, 5, 12), False), ("pending", False, False)])

    @freeze_time("2026-05-10 08:00:00")
    def test_a_file_sent_back_stays_twice_and_the_issue_closes_the_last_stay(self):
        permit = self._new_permit()
        self._to_stage(permit, "payment")
        payments = permit.sudo().assessment_ids._pay_in_full(date=date(2026, 5, 10))
        self.assertEqual(permit.stage_id.action, "signatures")
        with freeze_time("2026-05-16 08:00:00"):  # the payment undone on Saturday: back to the payment stage
            payments.move_id.line_ids.remove_move_reconcile()
            self.assertEqual(permit.stage_id.action, "payment")
            payments = permit.sudo().assessment_ids._pay_in_full(date=date(2026, 5, 16))
        with freeze_time("2026-06-20 08:00:00"):  # signed and issued a month later, past the stages' SLAs
            self._to_stage(permit, "issue")
            permit.with_user(self.head).action_issue()
        stays = self._stays(permit)
        self.assertEqual([stay for stay in stays if stay[0] in ("payment", "signatures", "issue")], [
            ("payment", date(2026, 5, 10), date(2026, 5, 10)),
            ("signatures", date(2026, 5, 10), date(2026, 5, 16)),
            ("payment", date(2026, 5, 16), date(2026, 5, 16)),
            ("signatures", date(2026, 5, 16), date(2026, 6, 20)),
            ("issue", date(2026, 6, 20), date(2026, 6, 20))])
        self.assertTrue(all(end for _action, _start, end in stays), "an issued file is in no stage")
        late = permit.sudo().stage_log_ids.filtered("late")
        self.assertEqual(late.stage_id.mapped("action"), ["signatures"])
        # the citizen sees the last stay of each stage
        history = {line["stage"].action: line for line in permit._portal_stage_history()}
        self.assertEqual((history["payment"]["entered"], history["payment"]["left"]),
                         (date(2026, 5, 16), date(2026, 5, 16)))

    @freeze_time("2026-05-10 08:00:00")
    def test_the_unit_reads_the_log_as_it_reads_the_file_and_nobody_writes_it(self):
        mine = self._new_permit()
        other = self._new_permit(inspector_id=self.other_inspector.id)
        Log = self.env["municipality.permit.stage.log"]
        self.assertEqual(Log.with_user(self.inspector).search([("permit_id", "in", (mine | other).ids)]).permit_id,
                         mine)
        groups = Log.with_user(self.inspector)._read_group([("permit_id", "in", (mine | other).ids)],
                                                           ["permit_id"], ["__count"])
        self.assertEqual(groups, [(mine, 1)])
        with self.assertRaises(AccessError):
            other.sudo().stage_log_ids.with_user(self.inspector).read(["date_start"])
        for user in (self.front_desk, self.expert, self.head, self.mayor):
            self.assertEqual(len(Log.with_user(user).search([("permit_id", "in", (mine | other).ids)])), 2)
        self.assertFalse(Log.with_user(self.clerk).has_access("read"))
        stay = mine.sudo().stage_log_ids
        for user in (self.expert, self.head):
            with self.assertRaises(AccessError):
                stay.with_user(user).write({"date_start": date(2026, 1, 1)})
            with self.assertRaises(AccessError):
                Log.with_user(user).create({"permit_id": mine.id, "stage_id": mine.stage_id.id,
                                            "date_start": date(2026, 1, 1)})
            with self.assertRaises(AccessError):
                stay.with_user(user).unlink()
        self.assertEqual(stay.date_start, date(2026, 5, 10))

    def test_the_upgrade_writes_the_log_of_older_files_once(self):
        with freeze_time("2026-05-09 21:00:00"):  # opened on 1405/02/20 in Tehran
            permit = self._new_permit()
            self.env.cr.precommit.run()  # the chatter tracks a request's changes when it commits
        # the transaction's clock is not frozen: the file's creation as it was stored that night
        self.env.cr.execute("UPDATE municipality_permit SET create_date = '2026-05-09 21:00:00' WHERE id = %s",
                            [permit.id])
        permit.invalidate_recordset(["create_date"])
        with freeze_time("2026-05-12 07:00:00"):
            permit.with_user(self.front_desk).action_next_stage()
            self.env.cr.precommit.run()
        with freeze_time("2026-05-13 07:00:00"):
            self._visit(permit)
            permit.with_user(self.inspector).action_next_stage()
            self.env.cr.precommit.run()
        expected = self._stays(permit)
        permit.sudo().stage_log_ids.unlink()  # as a database before the log
        self.assertEqual(backfill_stage_logs(self.env), 1)
        self.assertEqual(self._stays(permit), expected)
        self.assertEqual(permit.sudo().stage_log_ids[-1].deadline, permit.stage_deadline)
        self.assertEqual(backfill_stage_logs(self.env), 0)
        self.assertEqual(self._stays(permit), expected)
