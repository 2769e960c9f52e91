from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import national_id


@tagged("post_install", "-at_install")
class TestHrUi(HttpCase):

    def test_hr_officer_issues_a_decree_and_the_month_is_computed_and_approved(self):
        """Builds its own municipality: an employee on the personnel file, an HR officer, a payroll officer and
        the finance director. The decree takes effect today (in Iran), so the month's run pays it."""
        company, env = create_municipality(self.env, "شهرداری آزمون حقوق")
        sso = env.ref("municipality_hr.insurer_social_security")
        citizen = env["res.partner"].create({"name": "رضا تورکارمند", "national_id": national_id(95001),
                                             "company_id": company.id})
        employee = env["hr.employee"].create({
            "name": "رضا تورکارمند", "company_id": company.id, "work_contact_id": citizen.id,
            "personnel_number": "TOUR-1", "insurer_id": sso.id})
        for login, group in (("tour_hr_officer", "municipality_hr.group_hr_officer"),
                             ("tour_payroll", "municipality_hr.group_payroll_officer"),
                             ("tour_director", "municipality_finance.group_finance_director")):
            new_test_user(env, login, password=login, groups=group, tz="Asia/Tehran",
                          company_id=company.id, company_ids=[company.id])

        self.start_tour("/odoo/action-municipality_hr.municipality_hr_decree_action", "municipality_hr_decree_tour",
                        login="tour_hr_officer")
        decree = env["municipality.hr.decree"].search([("employee_id", "=", employee.id)])
        self.assertEqual((len(decree), decree.state, decree.amount_total), (1, "approved", 120_000_000))
        self.assertEqual(decree.version_id.date_version, decree.execution_date)
        self.assertEqual(decree.create_uid.login, "tour_hr_officer")

        self.start_tour("/odoo/action-municipality_hr.municipality_payroll_run_action",
                        "municipality_hr_payroll_compute_tour", login="tour_payroll")
        run = env["municipality.payroll.run"].search([("company_id", "=", company.id)])
        self.assertEqual((len(run), run.state), (1, "computed"))
        self.assertEqual(run.payslip_ids.employee_id, employee)
        self.assertTrue(run.payslip_ids.gross > 0)

        self.start_tour("/odoo/action-municipality_hr.municipality_payroll_run_action",
                        "municipality_hr_payroll_approve_tour", login="tour_director")
        self.assertEqual((run.state, run.approved_by_id.login), ("approved", "tour_director"))
