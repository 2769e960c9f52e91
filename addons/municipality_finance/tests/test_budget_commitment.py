from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_budget import BudgetCase


@tagged("post_install", "-at_install")
class TestBudgetCommitment(BudgetCase):

    def test_bad_commitments_are_refused(self):
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._commitment(self.goods, -10, approve=False)
        with self.assertRaisesRegex(ValidationError, "revenue"), self.cr.savepoint():
            self._commitment(self.revenue_line, 10, approve=False, department_id=self.dep_admin.id)
        with self.assertRaisesRegex(ValidationError, "no department"), self.cr.savepoint():
            self._commitment(self.revenue_line, 10, approve=False)
        year = self.env["municipality.fiscal.year"].create({"jalali_year": 1406, "company_id": self.company.id})
        draft_budget = self.env["municipality.budget"].create({
            "name": "پیش‌نویس", "fiscal_year_id": year.id, "company_id": self.company.id,
            "line_ids": [(0, 0, {"code": "1", "name": "هزینه", "amount_approved": 100})]})
        with self.assertRaisesRegex(ValidationError, "not approved"), self.cr.savepoint():
            self._commitment(draft_budget.line_ids, 10, approve=False, department_id=self.dep_admin.id)
        with self.assertRaisesRegex(ValidationError, "department"), self.cr.savepoint():
            self._commitment(self.goods, 10, approve=False, department_id=self.dep_admin.id)
        too_much = self._commitment(self.goods, 1_000_001, approve=False)
        with self.assertRaisesRegex(UserError, "available"), self.cr.savepoint():
            too_much.with_user(self.director).action_approve()
        self.assertEqual(too_much.state, "draft")
        self.assertEqual(self._amounts(self.goods)[2], 0)
        # A line that only warns lets it through with a note.
        warned = self._commitment(self.maintenance, 600_000)
        self.assertEqual(warned.state, "approved")
        self.assertIn("600,000", warned.message_ids[:1].body.replace("٬", ","))
        self.assertEqual(self._amounts(self.maintenance)[4], -100_000)
        with self.assertRaises(UserError), self.cr.savepoint():
            warned.amount = 10

    def test_over_available_bill_is_refused_on_block_and_noted_on_warn(self):
        self._commitment(self.goods, 700_000)
        with self.assertRaisesRegex(UserError, "300,000.*available|available.*300"), self.cr.savepoint():
            self._bill(self.account["802001"], 300_001, line=self.goods)
        self.assertEqual(self._amounts(self.goods)[3], 0, "nothing was posted")
        bill = self._bill(self.account["802001"], 300_000, line=self.goods)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(self._amounts(self.goods)[4], 0)
        # Beyond a commitment, the excess needs the free balance too.
        commitment = self._commitment(self.salaries_admin, 1_500_000)
        with self.assertRaisesRegex(UserError, "available"), self.cr.savepoint():
            self._bill(self.account["801001"], 2_000_001, commitment=commitment)
        self._bill(self.account["801001"], 2_000_000, commitment=commitment)
        self.assertEqual(self._amounts(self.salaries_admin), (2_000_000, 2_000_000, 0, 2_000_000, 0))
        # Warn: posted, with the excess in the chatter.
        warned = self._bill(self.account["803001"], 650_000, line=self.maintenance)
        self.assertEqual(warned.state, "posted")
        self.assertTrue(any("150,000" in message.body for message in warned.message_ids))
        self.assertEqual(self._amounts(self.maintenance)[4], -150_000)

    def test_budget_line_is_found_or_asked_for(self):
        # 802001 is on one line: found.
        bill = self._bill(self.account["802001"], 1_000)
        self.assertEqual(bill.invoice_line_ids.budget_line_id, self.goods)
        # 801001 is on two department lines: the user must choose.
        with self.assertRaisesRegex(UserError, "801001.*several lines"), self.cr.savepoint():
            self._bill(self.account["801001"], 1_000)
        bill = self._bill(self.account["801001"], 1_000, line=self.salaries_admin)
        self.assertEqual(bill.invoice_line_ids.budget_line_id, self.salaries_admin)
        commitment = self._commitment(self.salaries_services, 5_000)
        bill = self._bill(self.account["801001"], 1_000, commitment=commitment)
        self.assertEqual(bill.invoice_line_ids.budget_line_id, self.salaries_services)
        with self.assertRaisesRegex(UserError, "does not cover"), self.cr.savepoint():
            self._bill(self.account["801001"], 1_000, line=self.goods)
        with self.assertRaisesRegex(UserError, "does not cover"), self.cr.savepoint():
            self._bill(self.account["803001"], 1_000, commitment=commitment)
        with self.assertRaisesRegex(UserError, "names budget line"), self.cr.savepoint():
            self._bill(self.account["801001"], 1_000, commitment=commitment, line=self.salaries_admin)

    def test_reset_to_draft_gives_the_commitment_back(self):
        commitment = self._commitment(self.goods, 100_000)
        bill = self._bill(self.account["802001"], 100_000, commitment=commitment)
        commitment.invalidate_recordset()
        self.assertEqual(commitment.state, "done")
        bill.button_draft()
        commitment.invalidate_recordset()
        self.assertEqual((commitment.state, commitment.amount_remaining), ("approved", 100_000))
        commitment.action_cancel()
        self.assertEqual(commitment.state, "cancelled")
        self.assertEqual(self._amounts(self.goods)[2], 0)

    def test_a_closed_commitment_is_never_reserved_again(self):
        commitment = self._commitment(self.goods, 600_000)
        bill = self._bill(self.account["802001"], 200_000, commitment=commitment)
        commitment.action_cancel()  # partly consumed: closed, 400,000 back to the line
        commitment.invalidate_recordset()
        self.assertEqual((commitment.state, commitment.amount_remaining), ("closed", 0))
        self.assertEqual(self._amounts(self.goods)[2:], (0, 200_000, 800_000))
        other = self._commitment(self.goods, 800_000)  # the released amount is committed elsewhere
        self.assertEqual(self._amounts(self.goods)[4], 0)
        # Resetting its bill to draft does not reopen it, nor does posting the bill again take it.
        bill.button_draft()
        commitment.invalidate_recordset()
        self.assertEqual(commitment.state, "closed")
        self.assertEqual(self._amounts(self.goods)[2:], (800_000, 0, 200_000))
        with self.assertRaisesRegex(UserError, "cannot be used"), self.cr.savepoint():
            bill.action_post()
        with self.assertRaisesRegex(UserError, "cannot be used"), self.cr.savepoint():
            self._bill(self.account["802001"], 1_000, commitment=commitment)
        commitment.invalidate_recordset()
        self.assertEqual(commitment.state, "closed")
        self.assertGreaterEqual(self._amounts(self.goods)[4], 0)
        self.assertEqual(other.state, "approved")

    def test_a_bill_consumes_only_an_approved_commitment(self):
        requested = self._commitment(self.goods, 100_000, approve=False)
        with self.assertRaisesRegex(UserError, "cannot be used"), self.cr.savepoint():
            self._bill(self.account["802001"], 50_000, commitment=requested)
        consumed = self._commitment(self.goods, 100_000)
        self._bill(self.account["802001"], 100_000, commitment=consumed)
        consumed.invalidate_recordset()
        self.assertEqual(consumed.state, "done")
        with self.assertRaisesRegex(UserError, "cannot be used"), self.cr.savepoint():
            self._bill(self.account["802001"], 1_000, commitment=consumed)
        self.assertEqual(self._amounts(self.goods)[2:], (0, 100_000, 900_000))

    def test_clerk_sees_and_requests_the_commitments_of_their_department(self):
        clerk = new_test_user(self.env, "bud_clerk", groups="municipality_finance.group_finance_clerk",
                              company_id=self.company.id, company_ids=[self.company.id])
        self.env["hr.employee"].create({"name": "کارمند خدمات", "user_id": clerk.id, "company_id": self.company.id,
                                        "department_id": self.dep_services.id})
        parks_line = self.env["municipality.budget.line"].create({
            "budget_id": self.budget.id, "code": "22030", "name": "فضای سبز", "department_id": self.dep_parks.id})
        own = self._commitment(self.goods, 1_000)
        child = self._commitment(parks_line, 1, approve=False)
        other = self._commitment(self.capital, 1_000)
        Commitment = self.env["municipality.budget.commitment"].with_user(clerk)
        visible = Commitment.search([("company_id", "=", self.company.id)])
        self.assertIn(own, visible)
        self.assertIn(child, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError), self.cr.savepoint():
            other.with_user(clerk).read(["amount"])
        requested = Commitment.create({"budget_line_id": self.goods.id, "amount": 5, "purpose": "لوازم",
                                       "company_id": self.company.id})
        self.assertEqual(requested.department_id, self.dep_services)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Commitment.create({"budget_line_id": self.capital.id, "amount": 5, "purpose": "طرح",
                               "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "director"), self.cr.savepoint():
            requested.action_approve()
        accountant = new_test_user(self.env, "bud_acc", groups="municipality_finance.group_finance_accountant",
                                   company_id=self.company.id, company_ids=[self.company.id])
        self.assertIn(other, self.env["municipality.budget.commitment"].with_user(accountant).search([]))

    def test_a_requested_commitment_waits_in_the_directors_activities(self):
        """A requested commitment is an activity of the finance director until approved (issue 15 item 15)."""
        commitment = self._commitment(self.goods, 100_000, approve=False)
        activity = commitment.sudo().activity_ids
        self.assertEqual(activity.user_id, self.director)
        self.assertIn(commitment.name, activity.summary)
        commitment.with_user(self.director).action_approve()
        self.assertFalse(activity.exists(), "approved: it waits for nobody")

    def test_the_mayor_reads_the_commitments_of_every_department(self):
        """The Mayor reads the commitments of every department, on the Commitments menu (issue 15 item 14)."""
        mayor = new_test_user(self.env, "bud_mayor", groups="municipality_base.group_municipality_mayor",
                              company_id=self.company.id, company_ids=[self.company.id])
        commitments = self._commitment(self.goods, 100_000) | self._commitment(self.capital, 200_000)
        self.assertEqual(commitments.budget_line_id.department_id, self.dep_services | self.dep_admin)
        self.assertEqual(self.env["municipality.budget.commitment"].with_user(mayor).search(
            [("id", "in", commitments.ids)]), commitments.with_user(mayor))
        menu = self.env.ref("municipality_finance.menu_municipality_budget_commitment")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(mayor)._visible_menu_ids())


@tagged("post_install", "-at_install")
class TestCommitmentRace(TransactionCase):
    """Two users approve commitments for the last available amount at the same
    moment: only one may succeed. Runs on committed data in two real
    transactions, and removes it afterwards."""

    def test_two_transactions_cannot_both_commit_the_last_amount(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        setup_cr = db.cursor()
        created = {}
        try:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            # A year of its own (1499), so that the committed rows never meet demo or other tests' data.
            company = env.ref("base.main_company")
            year = env["municipality.fiscal.year"].create({"jalali_year": 1499, "company_id": company.id})
            department = env["hr.department"].create({"name": "race", "company_id": company.id})
            created = {"year": year.id, "department": department.id}
            budget = env["municipality.budget"].create({
                "name": "race", "fiscal_year_id": year.id, "company_id": year.company_id.id,
                "resolution_number": "1", "resolution_date": "2120-03-01",
                "line_ids": [(0, 0, {"code": "R1", "name": "race", "amount_approved": 1_000})]})
            budget.action_approve()
            commitments = env["municipality.budget.commitment"].create([{
                "name": f"RACE-{n}", "budget_line_id": budget.line_ids.id, "amount": 800, "purpose": "race",
                "date": year.date_from + timedelta(days=40), "company_id": year.company_id.id, "department_id": department.id}
                for n in (1, 2, 3)])
            created.update(budget=budget.id, commitments=commitments.ids)
            setup_cr.commit()

            # 1. The first transaction holds the line: the second fails at once instead of double-spending.
            first_cr, second_cr = db.cursor(), db.cursor()
            try:
                second_cr.execute("SELECT 1")  # the second transaction's snapshot is taken now
                first = api.Environment(first_cr, SUPERUSER_ID, {})["municipality.budget.commitment"].browse(commitments[0].id)
                first.action_approve()
                second = api.Environment(second_cr, SUPERUSER_ID, {})["municipality.budget.commitment"].browse(commitments[1].id)
                with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.LockNotAvailable):
                    second.action_approve()
                second_cr.rollback()
                # 2. Once the first has committed, a transaction that started before sees an outdated
                #    balance: its lock fails with a serialization error rather than approving.
                second_cr.execute("SELECT 1")
                first_cr.commit()
                with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.SerializationFailure):
                    second.action_approve()
                second_cr.rollback()
                # 3. Retried (as Odoo retries a request), it sees the new balance and is refused.
                with self.assertRaisesRegex(UserError, "available"):
                    second.action_approve()
                second_cr.rollback()
            finally:
                first_cr.rollback()
                first_cr.close()
                second_cr.close()
            setup_cr.rollback()
            states = dict(zip(commitments.ids, env["municipality.budget.commitment"].browse(commitments.ids).mapped("state")))
            self.assertEqual([states[c] for c in commitments.ids], ["approved", "draft", "draft"])
        finally:
            setup_cr.rollback()
            if created:
                self._remove_committed_rows(setup_cr, created)
            setup_cr.close()

    @staticmethod
    def _remove_committed_rows(cr, created):
        """Delete what the test committed: commitments, budget (and lines), department, year (and periods)."""
        records = [("municipality.budget.commitment", "municipality_budget_commitment", created.get("commitments", [])),
                   ("municipality.budget", "municipality_budget", [created["budget"]] if "budget" in created else []),
                   ("hr.department", "hr_department", [created["department"]]),
                   ("municipality.fiscal.year", "municipality_fiscal_year", [created["year"]])]
        for model, table, ids in records:
            if not ids:
                continue
            cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id IN %s", [model, tuple(ids)])
            cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id IN %s", [model, tuple(ids)])
            cr.execute(f"DELETE FROM {table} WHERE id IN %s", [tuple(ids)])  # noqa: S608 - fixed table names
        cr.commit()
