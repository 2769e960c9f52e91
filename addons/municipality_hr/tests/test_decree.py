from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MunicipalityHrCase

BASE_1404 = {"BASE": 103_909_680, "SENIORITY": 2_820_000, "HOUSING": 9_000_000, "GROCERY": 22_000_000}


@tagged("post_install", "-at_install")
class TestDecree(MunicipalityHrCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.create_employee("Decree Holder")

    def test_number_per_jalali_year(self):
        first = self.create_decree(self.employee, date(2025, 7, 23), BASE_1404, approve=False,
                                   issue_date=date(2025, 7, 23))  # 1404/05/01
        self.assertEqual(first.name, "1404/حکم/00001")
        second = self.create_decree(self.employee, date(2026, 3, 21), BASE_1404, approve=False,
                                    issue_date=date(2026, 3, 21))  # 1405/01/01
        self.assertEqual(second.name, "1405/حکم/00001")
        self.assertEqual(first.amount_total, 137_729_680)
        self.assertEqual(first.amount_total_words,
                         self.env.company.currency_id.amount_to_text_fa(137_729_680))
        self.assertIn("ریال", first.amount_total_words)

    def test_approval_creates_the_version_at_the_execution_date(self):
        decree = self.create_decree(self.employee, date(2025, 8, 7), BASE_1404, approve=False,
                                    municipality_employment_type="contract", grade="5", allowance_children=2,
                                    marital="married")
        decree.with_user(self.hr_officer).action_approve()
        self.assertEqual(decree.state, "approved")
        version = decree.version_id
        self.assertEqual(version.date_version, date(2025, 8, 7))
        self.assertEqual(version.employee_id, self.employee)
        self.assertEqual((version.decree_id, version.municipality_employment_type, version.grade,
                          version.allowance_children, version.marital), (decree, "contract", "5", 2, "married"))
        self.assertEqual(self.employee._get_version(date(2025, 9, 1)), version)
        self.assertEqual(version.sudo().wage, decree.amount_total)

    def test_same_execution_date_supersedes_and_corrective_links(self):
        older = self.create_decree(self.employee, date(2025, 3, 21), BASE_1404)
        newer = self.create_decree(self.employee, date(2025, 3, 21), dict(BASE_1404, BASE=110_000_000),
                                   decree_type="promotion")
        self.assertEqual((older.state, older.superseded_by_id), ("superseded", newer))
        self.assertEqual(newer.version_id, older.version_id, "one version per execution date")
        self.assertEqual(newer.version_id.decree_id, newer)
        action = newer.action_new_corrective()
        corrective = self.env["municipality.hr.decree"].browse(action["res_id"])
        self.assertEqual((corrective.decree_type, corrective.corrected_decree_id), ("corrective", newer))
        corrective.line_ids.filtered(lambda l: l.pay_item_id.code == "BASE").amount = 111_000_000
        corrective.execution_date = date(2025, 4, 21)
        corrective.with_user(self.hr_officer).action_approve()
        self.assertEqual((newer.state, newer.superseded_by_id), ("superseded", corrective))

    def test_many_decrees_approved_at_once(self):
        """Approving many decrees at once (the yearly increase) gives what approving them one by one gives: an
        employee's decrees in the order of their execution dates, the later of one date superseding the
        earlier, one version per execution date with the decree's terms, a note on each decree."""
        first, second, third = (self.create_employee(f"Batch {index}") for index in range(3))
        first_hiring = self.create_decree(first, date(2025, 3, 21), BASE_1404, approve=False)
        first_promotion = self.create_decree(first, date(2025, 6, 22), dict(BASE_1404, BASE=120_000_000),
                                             approve=False, decree_type="promotion", grade="7")
        second_hiring = self.create_decree(second, date(2025, 3, 21), BASE_1404, approve=False)
        second_same_day = self.create_decree(second, date(2025, 3, 21), dict(BASE_1404, BASE=110_000_000),
                                             approve=False, decree_type="promotion")
        third_hiring = self.create_decree(third, date(2025, 4, 21), BASE_1404, approve=False, marital="married",
                                          allowance_children=1)
        batch = first_promotion | third_hiring | second_same_day | first_hiring | second_hiring
        batch.with_user(self.hr_officer).action_approve()
        self.assertEqual(batch.mapped("state"), ["approved", "approved", "approved", "approved", "superseded"])
        self.assertEqual(second_hiring.superseded_by_id, second_same_day)
        self.assertEqual(second_hiring.version_id, second_same_day.version_id, "one version per execution date")
        for decree in first_hiring | first_promotion | second_same_day | third_hiring:
            version = decree.version_id.sudo()
            self.assertEqual((version.employee_id, version.date_version, version.decree_id, version.wage),
                             (decree.employee_id, decree.execution_date, decree, decree.amount_total))
            self.assertEqual(decree.approved_by_id, self.hr_officer)
            self.assertFalse(decree.arrears_pending)
            self.assertEqual(len(decree.message_ids.filtered(lambda message: "Approved" in (message.body or ""))),
                             1, "one note of the approval")
        self.assertNotEqual(first_hiring.version_id, first_promotion.version_id)
        self.assertEqual(first._get_version(date(2025, 5, 1)), first_hiring.version_id)
        self.assertEqual(first._get_version(date(2025, 7, 1)), first_promotion.version_id)
        self.assertEqual(first_promotion.version_id.sudo().grade, "7")
        self.assertEqual((third_hiring.version_id.sudo().marital, third_hiring.version_id.sudo().allowance_children),
                         ("married", 1))
        with self.assertRaises(UserError):
            batch.with_user(self.hr_officer).action_approve()  # approved already: refused, nothing changes
        self.assertEqual(second_hiring.state, "superseded")

    def test_selected_decrees_approved_from_the_list(self):
        """The decree list's action «Approve Decrees» approves the selected drafts at once, is offered to HR
        officers only, and a payroll officer calling it anyway is refused with nothing approved."""
        action = self.env.ref("municipality_hr.action_server_municipality_hr_decree_approve")
        self.assertEqual((action.binding_model_id.model, action.binding_view_types),
                         ("municipality.hr.decree", "list"))
        self.assertEqual(action.group_ids, self.env.ref("municipality_hr.group_hr_officer"))
        first, second = (self.create_employee(f"List {index}") for index in range(2))
        selected = (self.create_decree(first, date(2025, 3, 21), BASE_1404, approve=False)
                    | self.create_decree(second, date(2025, 3, 21), BASE_1404, approve=False))
        bindings = self.env["ir.actions.actions"].with_user(self.payroll_officer).get_bindings("municipality.hr.decree")
        self.assertNotIn(action.id, [binding["id"] for binding in bindings.get("action", [])])
        with self.assertRaises(AccessError):
            action.with_user(self.payroll_officer).with_context(
                active_model="municipality.hr.decree", active_ids=selected.ids).run()
        self.assertEqual(selected.mapped("state"), ["draft", "draft"])
        bindings = self.env["ir.actions.actions"].with_user(self.hr_officer).get_bindings("municipality.hr.decree")
        self.assertIn(action.id, [binding["id"] for binding in bindings.get("action", [])])
        action.with_user(self.hr_officer).with_context(
            active_model="municipality.hr.decree", active_ids=selected.ids).run()
        self.assertEqual(selected.mapped("state"), ["approved", "approved"])
        self.assertTrue(all(selected.mapped("version_id")))

    def test_approved_decree_locked_and_bad_input_refused(self):
        decree = self.create_decree(self.employee, date(2025, 3, 21), BASE_1404)
        with self.assertRaisesRegex(UserError, "draft"):
            decree.with_user(self.hr_officer).write({"grade": "9"})
        with self.assertRaisesRegex(UserError, "corrective"):
            decree.with_user(self.hr_officer).unlink()
        with self.assertRaises(UserError):
            decree.with_user(self.hr_officer).write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "draft"):
            decree.with_user(self.hr_officer).action_approve()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create_decree(self.employee, date(2025, 5, 1), {"BASE": -5}, approve=False)
        empty = self.create_decree(self.employee, date(2025, 6, 1), {}, approve=False)
        with self.assertRaisesRegex(UserError, "no pay items"):
            empty.with_user(self.hr_officer).action_approve()
        self.assertEqual(empty.state, "draft")
        self.assertFalse(empty.version_id)
        with self.assertRaisesRegex(UserError, "HR officers"):
            empty.with_user(self.payroll_officer).action_approve()
        # a draft may be deleted
        empty.line_ids = [(0, 0, {"pay_item_id": self.pay_item("BASE").id, "amount": 1})]
        empty.with_user(self.hr_officer).unlink()

    def test_employee_reads_only_their_own_decrees(self):
        user = new_test_user(self.env, "hr_test_employee", groups="base.group_user", company_id=self.company.id,
                             company_ids=[self.company.id], partner_id=self.employee.work_contact_id.id)
        self.employee.user_id = user
        other = self.create_employee("Someone Else")
        own = self.create_decree(self.employee, date(2025, 3, 21), BASE_1404)
        self.create_decree(other, date(2025, 3, 21), BASE_1404)
        Decree = self.env["municipality.hr.decree"].with_user(user)
        self.assertEqual(Decree.search([]), own)
        self.assertEqual(Decree.search_count([("employee_id", "=", other.id)]), 0)
        groups = Decree.formatted_read_group([], [], ["amount_total:sum"])
        self.assertEqual(groups[0]["amount_total:sum"], own.amount_total)
        self.assertEqual(self.env["municipality.hr.decree.line"].with_user(user).search([]).decree_id, own)
        with self.assertRaises(AccessError):
            Decree.browse(self.env["municipality.hr.decree"].search([("employee_id", "=", other.id)]).id).read(["amount_total"])
        with self.assertRaises(AccessError):
            own.with_user(user).write({"description": "mine"})

    def test_printed_decree(self):
        decree = self.create_decree(self.employee, date(2025, 3, 21), BASE_1404)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "municipality_hr.report_hr_decree", decree.ids)[0].decode()
        # the number reads left to right: a left-to-right mark beside each slash
        self.assertIn("۱۴۰۴\u200e/\u200eحکم\u200e/\u200e۰۰۰۰۱", html)
        self.assertIn("فروردین", html)
        self.assertIn("هفتصد", html)  # the total in words
        self.assertIn("۱۳۷,۷۲۹,۶۸۰", html)

    def test_yearly_increase_group_decree(self):
        worker = self.create_employee("Minimum Wage Worker")
        self.create_decree(worker, date(2025, 3, 21), {"BASE": 103_909_680, "SENIORITY": 2_820_000,
                                                       "HOUSING": 9_000_000, "GROCERY": 22_000_000})
        manager = self.create_employee("Manager Above Minimum")
        self.create_decree(manager, date(2025, 3, 21), {"BASE": 300_000_000, "CHILD": 20_781_936},
                           allowance_children=2, marital="married")
        wizard = self.env["municipality.hr.decree.increase"].with_user(self.hr_officer).create(
            {"jalali_year": 1405, "company_id": self.company.id, "employee_ids": [(6, 0, (worker | manager).ids)]})
        wizard.action_preview()
        preview = {line.employee_id: (line.current_total, line.new_total) for line in wizard.line_ids}
        # 1405 (unverified): minimum monthly 166,255,500, seniority 166,667 a day, housing 30,000,000,
        # grocery 22,000,000, child 16,625,550; no yearly percent entered for 1405, so higher wages keep theirs
        self.assertEqual(preview[worker], (137_729_680, 166_255_500 + 5_000_010 + 30_000_000 + 22_000_000))
        self.assertEqual(preview[manager], (320_781_936, 300_000_000 + 2 * 16_625_550))
        action = wizard.action_issue()
        decrees = self.env["municipality.hr.decree"].search(action["domain"])
        self.assertEqual(len(decrees), 2)
        self.assertEqual(set(decrees.mapped("state")), {"draft"})
        self.assertEqual(set(decrees.mapped("execution_date")), {date(2026, 3, 21)})
        self.assertEqual(set(decrees.mapped("decree_type")), {"annual_increase"})
        with self.assertRaises(AccessError):
            self.env["municipality.hr.decree.increase"].with_user(self.payroll_officer).create(
                {"jalali_year": 1405, "company_id": self.company.id}).action_preview()
