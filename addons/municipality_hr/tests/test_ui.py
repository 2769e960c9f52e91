from datetime import date
from unittest.mock import patch
from urllib.parse import unquote

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import DECREE_1404, MunicipalityHrCase, national_id


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


@tagged("post_install", "-at_install")
class TestPayrollOutputsUi(MunicipalityHrCase, HttpCase):
    """A payroll officer takes a posted run's outputs from its buttons and prints a payslip, in the browser:
    every button is there, and its file is made and downloaded (the browser asks for it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop.write({"employer_name": "شهرداری آزمون", "address": "میدان شهرداری"})
        cls.worker = cls.create_employee("مریم تورخروجی", insurance_number="1234567890", sex="female",
                                         birthday=date(1990, 3, 21))
        cls.create_decree(cls.worker, date(2025, 3, 21), DECREE_1404)
        for code, pay_type in {"BASE": "1", "SENIORITY": "2", "HOUSING": "3", "GROCERY": "4"}.items():
            cls.pay_item(code).tax_pay_type_code = pay_type
        cls.posted_run = cls.env["municipality.payroll.run"].with_user(cls.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "2", "company_id": cls.company.id})
        cls.posted_run.action_compute()
        cls.posted_run.with_user(cls.director).action_approve()
        cls.posted_run.action_post()
        cls.officer = new_test_user(
            cls.env, "hr_out_tour", password="hr_out_tour", groups="municipality_hr.group_payroll_officer",
            tz="Asia/Tehran", company_id=cls.company.id, company_ids=[cls.company.id])

    def test_tour_payroll_officer_downloads_the_outputs(self):
        self.assertEqual(self.posted_run.state, "posted")
        requested = []
        handle = ChromeBrowser._handle_request_paused

        def record(browser, **params):
            requested.append((params["request"]["method"], params["request"]["url"],
                              params["request"].get("postData") or ""))
            return handle(browser, **params)

        with patch.object(ChromeBrowser, "_handle_request_paused", record):
            self.start_tour(f"/odoo/municipality.payroll.run/{self.posted_run.id}", "municipality_hr_payroll_outputs_tour",
                            login="hr_out_tour")
        files = self.env["ir.attachment"].search([("res_model", "=", self.posted_run._name), ("res_id", "=", self.posted_run.id),
                                                  ("create_uid", "=", self.officer.id)])
        made = {name.rsplit(".", 1)[-1] for name in files.mapped("name") if not name.endswith(".DBF")}
        self.assertEqual(made, {"zip", "pdf", "xlsx", "csv"})
        self.assertEqual(len(files.filtered(lambda f: f.name.endswith(".xlsx"))), 2, "tax list and summary")
        self.assertEqual(len(files.filtered(lambda f: f.name.endswith(".DBF"))), 2, "DSKKAR00 and DSKWOR00")
        # the tour downloaded each file the buttons opened (fetch from the page)
        downloads = {url.split("/web/content/")[1].split("?")[0]
                     for method, url, _data in requested if "/web/content/" in url and "download=true" in url}
        for attachment in files.filtered(lambda f: not f.name.endswith(".DBF")):
            self.assertIn(str(attachment.id), downloads, f"{attachment.name} was not downloaded")
        slip = self.posted_run.payslip_ids
        reports = [data for method, url, data in requested if url.endswith("/report/download")]
        self.assertTrue(any(f"/report/pdf/municipality_hr.report_payslip/{slip.id}" in unquote(data)
                            for data in reports), "the payslip PDF was not asked for")
        # the files the buttons gave are the officer's to download
        self.authenticate("hr_out_tour", "hr_out_tour")
        for attachment in files.filtered(lambda f: not f.name.endswith(".DBF")):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertEqual(response.status_code, 200, attachment.name)
            self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
            self.assertTrue(response.content)
