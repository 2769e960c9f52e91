from datetime import date

from odoo.http import Request
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from ..controllers.portal import PAYSLIP_REPORT
from .common import DECREE_1404, MunicipalityHrCase


@tagged("post_install", "-at_install")
class TestSelfServicePortal(MunicipalityHrCase, HttpCase):
    """An employee sees their own payslips, decrees and leave on the portal (/my) and nothing of anyone else's,
    by URL, PDF or RPC; a user who is no employee sees nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.me = cls.create_employee("Portal Employee")
        cls.my_user = new_test_user(cls.env, "hr_portal_me", password="hr_portal_me", groups="base.group_user",
                                    company_id=cls.company.id, company_ids=[cls.company.id],
                                    partner_id=cls.me.work_contact_id.id)
        cls.me.user_id = cls.my_user
        cls.colleague = cls.create_employee("Portal Colleague")
        cls.colleague_user = new_test_user(cls.env, "hr_portal_colleague", groups="base.group_user",
                                           company_id=cls.company.id, company_ids=[cls.company.id],
                                           partner_id=cls.colleague.work_contact_id.id)
        cls.colleague.user_id = cls.colleague_user
        cls.my_decree = cls.create_decree(cls.me, date(2025, 3, 21), DECREE_1404)
        cls.their_decree = cls.create_decree(cls.colleague, date(2025, 3, 21), dict(DECREE_1404, BASE=150_000_000))
        run = cls.env["municipality.payroll.run"].with_user(cls.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "1", "company_id": cls.company.id})
        run.action_compute()
        run.with_user(cls.director).action_approve()
        cls.my_slip = run.payslip_ids.filtered(lambda slip: slip.employee_id == cls.me)
        cls.their_slip = run.payslip_ids - cls.my_slip
        draft = cls.env["municipality.payroll.run"].with_user(cls.payroll_officer).create(
            {"jalali_year": 1404, "jalali_month": "2", "company_id": cls.company.id})
        draft.action_compute()
        cls.my_draft_slip = draft.payslip_ids.filtered(lambda slip: slip.employee_id == cls.me)
        cls.portal_user = new_test_user(cls.env, "hr_portal_outsider", password="hr_portal_outsider",
                                        groups="base.group_portal")
        cls.internal_user = new_test_user(cls.env, "hr_portal_noemployee", password="hr_portal_noemployee",
                                          groups="base.group_user", company_id=cls.company.id,
                                          company_ids=[cls.company.id])

    def get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_employee_reads_their_own_payslips_and_decrees(self):
        self.authenticate("hr_portal_me", "hr_portal_me")
        home = self.get("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("portal_hr_category", home.text)
        page = self.get("/my/payslips")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/payslips/{self.my_slip.id}", page.text)
        self.assertNotIn(f"/my/payslips/{self.their_slip.id}", page.text)
        self.assertNotIn(f"/my/payslips/{self.my_draft_slip.id}", page.text, "a payslip not approved is not shown")
        slip = self.get(f"/my/payslips/{self.my_slip.id}")
        self.assertEqual(slip.status_code, 200)
        self.assertIn(self.me.name, slip.text)
        decrees = self.get("/my/decrees")
        self.assertIn(self.my_decree.name, decrees.text)
        self.assertNotIn(self.their_decree.name, decrees.text)
        pdf = self.get(f"/my/decrees/{self.my_decree.id}?report_type=pdf")
        self.assertEqual((pdf.status_code, pdf.headers["Content-Type"]), (200, "application/pdf"))
        self.assertIn("attachment;", pdf.headers["Content-Disposition"])

    def test_payslip_pdf_is_their_own(self):
        """The printed payslip (report municipality_hr.action_report_payslip) downloads from the portal once it is
        installed; before that the portal offers no payslip PDF."""
        self.authenticate("hr_portal_me", "hr_portal_me")
        report = self.env.ref(PAYSLIP_REPORT, raise_if_not_found=False)
        page = self.get(f"/my/payslips/{self.my_slip.id}")
        pdf = self.get(f"/my/payslips/{self.my_slip.id}?report_type=pdf&download=1")
        if report:
            self.assertIn("o_payslip_pdf", page.text)
            self.assertEqual((pdf.status_code, pdf.headers["Content-Type"]), (200, "application/pdf"))
            # under tests the report renders as HTML: it is my payslip, not my colleague's
            self.assertIn(to_persian_digits(self.me.personnel_number), pdf.text)
            self.assertNotIn(to_persian_digits(self.colleague.personnel_number), pdf.text)
        else:
            self.assertNotIn("o_payslip_pdf", page.text)
            self.assertEqual(pdf.status_code, 404)
        self.assertEqual(self.get(f"/my/payslips/{self.their_slip.id}?report_type=pdf&download=1").status_code, 404)

    def test_another_employees_documents_answer_404(self):
        self.authenticate("hr_portal_me", "hr_portal_me")
        for url in (f"/my/payslips/{self.their_slip.id}", f"/my/payslips/{self.their_slip.id}?report_type=pdf",
                    f"/my/payslips/{self.my_draft_slip.id}", f"/my/decrees/{self.their_decree.id}",
                    f"/my/decrees/{self.their_decree.id}?report_type=pdf", "/my/payslips/999999999"):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.colleague.name, response.text)
                self.assertNotIn(self.their_decree.name, response.text)

    def test_a_user_who_is_no_employee_sees_nothing(self):
        for login in ("hr_portal_outsider", "hr_portal_noemployee"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                home = self.get("/my")
                self.assertEqual(home.status_code, 200)
                self.assertNotIn("portal_hr_category", home.text)
                for url in ("/my/payslips", "/my/decrees", "/my/leave", f"/my/payslips/{self.my_slip.id}",
                            f"/my/decrees/{self.my_decree.id}?report_type=pdf"):
                    self.assertEqual(self.get(url).status_code, 404, url)
        self.authenticate(None, None)
        self.assertNotEqual(self.get("/my/payslips").status_code, 200)

    def test_rpc_reads_only_their_own(self):
        self.authenticate("hr_portal_me", "hr_portal_me")

        def call(model, method, args, kwargs=None):
            return self.make_jsonrpc_request("/web/dataset/call_kw", {
                "model": model, "method": method, "args": args, "kwargs": kwargs or {}})

        slips = call("municipality.payslip", "search_read", [[]], {"fields": ["net", "employee_id"]})
        self.assertEqual([slip["id"] for slip in slips], self.my_slip.ids)
        decrees = call("municipality.hr.decree", "search_read", [[]], {"fields": ["amount_total"]})
        self.assertEqual([decree["id"] for decree in decrees], self.my_decree.ids)
        for model, record in (("municipality.payslip", self.their_slip), ("municipality.hr.decree",
                                                                         self.their_decree)):
            with self.subTest(model=model), self.assertRaises(JsonRpcException):
                call(model, "read", [record.ids, ["employee_id"]])

    def test_leave_request_from_the_portal(self):
        Leave = self.env["hr.leave"]
        self.authenticate("hr_portal_me", "hr_portal_me")
        sick = self.env.ref("municipality_hr.leave_type_sick")
        absence = self.env.ref("municipality_hr.leave_type_absence")
        page = self.get("/my/leave")
        self.assertIn(sick.name, page.text)
        self.assertNotIn(f'value="{absence.id}"', page.text, "an absence is recorded by HR, not requested")
        response = self.url_open("/my/leave/request", data={
            "csrf_token": Request.csrf_token(self), "leave_type_id": sick.id, "date_from": "1410/02/08",
            "date_to": "۱۴۱۰/۰۲/۰۹", "description": "Flu"}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        leave = Leave.search([("employee_id", "=", self.me.id)])
        self.assertEqual((len(leave), leave.holiday_status_id, leave.state), (1, sick, "confirm"))
        self.assertEqual((leave.request_date_from, leave.request_date_to), (date(2031, 4, 28), date(2031, 4, 29)))
        self.assertEqual(leave.create_uid, self.my_user)
        # bad input: a Gregorian date, an end before the start, a type not offered (absence): refused, nothing made
        for data in ({"leave_type_id": sick.id, "date_from": "2031-04-25"},
                     {"leave_type_id": sick.id, "date_from": "1410/02/10", "date_to": "1410/02/08"},
                     {"leave_type_id": absence.id, "date_from": "1410/03/01"}):
            with self.subTest(data=data):
                response = self.url_open("/my/leave/request", data={"csrf_token": Request.csrf_token(self), **data},
                                         allow_redirects=False)
                self.assertEqual(response.status_code, 200)
                self.assertIn("alert-danger", response.text)
        self.assertEqual(Leave.search_count([("employee_id", "=", self.me.id)]), 1)
        # one employee cannot ask leave for another: the form has no employee field, and the RPC rule refuses it
        self.authenticate("hr_portal_outsider", "hr_portal_outsider")
        response = self.url_open("/my/leave/request", data={
            "csrf_token": Request.csrf_token(self), "leave_type_id": sick.id, "date_from": "1410/04/01"},
            allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Leave.search_count([("employee_id", "=", self.me.id)]), 1)

    def test_tour_employee_opens_payslip_and_requests_leave(self):
        self.start_tour("/my", "municipality_hr_self_service_tour", login="hr_portal_me")
        leave = self.env["hr.leave"].search([("employee_id", "=", self.me.id)])
        self.assertEqual((len(leave), leave.holiday_status_id.name, leave.state), (1, "Sick Leave", "confirm"))
        self.assertEqual(leave.request_date_from, date(2031, 4, 28))
