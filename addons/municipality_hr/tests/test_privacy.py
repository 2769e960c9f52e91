from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import DECREE_1404, MunicipalityHrCase

DECREE = DECREE_1404


@tagged("post_install", "-at_install")
class TestPayrollPrivacy(MunicipalityHrCase):
    """Salaries are read by payroll officers (and the finance director who approves), and by each employee for
    themselves: through search, read, read_group, reports and attachments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.me = cls.create_employee("Private Employee")
        cls.my_user = new_test_user(cls.env, "hr_priv_me", groups="base.group_user", company_id=cls.company.id,
                                    company_ids=[cls.company.id], partner_id=cls.me.work_contact_id.id)
        cls.me.user_id = cls.my_user
        cls.colleague = cls.create_employee("Colleague")
        cls.my_decree = cls.create_decree(cls.me, date(2025, 3, 21), DECREE)
        cls.their_decree = cls.create_decree(cls.colleague, date(2025, 3, 21), dict(DECREE, BASE=150_000_000))
        cls.payroll = cls.env["municipality.payroll.run"].with_user(cls.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "1", "company_id": cls.company.id})
        cls.payroll.action_compute()
        cls.my_slip = cls.payroll.payslip_ids.filtered(lambda slip: slip.employee_id == cls.me)
        cls.their_slip = cls.payroll.payslip_ids - cls.my_slip
        cls.other_company, _env = create_municipality(cls.env, "Other Municipality of Payroll")
        cls.other_payroll = new_test_user(
            cls.env, "hr_priv_other_payroll", groups="municipality_hr.group_payroll_officer",
            company_id=cls.other_company.id, company_ids=[cls.other_company.id])

    def test_employee_reads_only_their_own_payslips(self):
        Payslip = self.env["municipality.payslip"].with_user(self.my_user)
        self.assertFalse(Payslip.search([]), "a run not yet approved shows no payslip to employees")
        self.payroll.with_user(self.director).action_approve()
        self.assertEqual(Payslip.search([]), self.my_slip)
        self.assertEqual(Payslip.search_read([], ["net"]), [{"id": self.my_slip.id, "net": self.my_slip.net}])
        groups = Payslip.formatted_read_group([], [], ["net:sum", "gross:sum"])
        self.assertEqual((groups[0]["net:sum"], groups[0]["gross:sum"]), (self.my_slip.net, self.my_slip.gross))
        with self.assertRaises(AccessError):
            Payslip.browse(self.their_slip.id).read(["net"])
        lines = self.env["municipality.payslip.line"].with_user(self.my_user).search([])
        self.assertEqual(lines.payslip_id, self.my_slip)
        with self.assertRaises(AccessError):
            self.env["municipality.payroll.run"].with_user(self.my_user).search([])
        with self.assertRaises(AccessError):
            self.my_slip.with_user(self.my_user).write({"overtime_hours": 100})
        # decrees and the printed decree, by id too
        Decree = self.env["municipality.hr.decree"].with_user(self.my_user)
        self.assertEqual(Decree.search([]), self.my_decree)
        Report = self.env["ir.actions.report"].with_user(self.my_user)
        self.assertTrue(Report._render_qweb_html("municipality_hr.report_hr_decree", self.my_decree.ids)[0])
        with self.assertRaises(AccessError):
            Report._render_qweb_html("municipality_hr.report_hr_decree", self.their_decree.ids)

    def test_hr_officer_without_payroll_rights_sees_no_amounts(self):
        self.payroll.with_user(self.director).action_approve()
        officer = self.hr_officer
        self.assertFalse(self.env["municipality.payslip"].with_user(officer).search([]))
        self.assertFalse(self.env["municipality.payslip.line"].with_user(officer).search([]))
        self.assertEqual(self.env["municipality.payslip"].with_user(officer).formatted_read_group(
            [], [], ["net:sum"])[0]["net:sum"], 0)
        with self.assertRaises(AccessError):
            self.their_slip.with_user(officer).read(["net"])
        with self.assertRaises(AccessError):
            self.env["municipality.payroll.run"].with_user(officer).search([])
        with self.assertRaises(AccessError):
            self.payroll.with_user(officer).read(["gross"])

    def test_other_municipality_payroll_officer_reads_nothing(self):
        env = self.env(user=self.other_payroll, context={"allowed_company_ids": [self.other_company.id]})
        self.assertFalse(env["municipality.payroll.run"].search([]))
        self.assertFalse(env["municipality.payslip"].search([]))
        self.assertFalse(env["municipality.hr.decree"].search([]))
        self.assertFalse(env["municipality.payslip"].formatted_read_group([], ["employee_id"], ["net:sum"]))
        with self.assertRaises(AccessError):
            self.payroll.with_env(env).read(["net"])
        with self.assertRaises(AccessError):
            self.my_slip.with_env(env).read(["net"])
        with self.assertRaises(AccessError):
            self.my_decree.with_env(env).read(["amount_total"])
        # nor by naming the other municipality in the context
        with self.assertRaises(AccessError):
            self.env(user=self.other_payroll, context={"allowed_company_ids": [self.company.id]})[
                "municipality.payslip"].search([])

    def test_bank_file_attachment_is_the_runs(self):
        self.payroll.with_user(self.director).action_approve()
        Bank = self.env["res.partner.bank"].sudo()
        for employee, sheba in ((self.me, "IR820540102680020817909002"), (self.colleague, "IR062960000000100324200001")):
            employee.bank_account_ids = Bank.create({"partner_id": employee.work_contact_id.id, "acc_number": sheba,
                                                     "allow_out_payment": True})
        self.payroll.sudo().write({"state": "posted"})  # the file is built from the payslips; posting is tested elsewhere
        action = self.payroll.with_user(self.payroll_officer).action_bank_transfer_file()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        for user in (self.my_user, self.hr_officer, self.other_payroll):
            env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
            with self.assertRaises(AccessError):
                env["ir.attachment"].browse(attachment_id).read(["raw"])
        self.assertTrue(self.env["ir.attachment"].with_user(self.payroll_officer).browse(attachment_id).raw)
