import base64
import json

from odoo import http
from odoo.tests import HttpCase, freeze_time, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import add_months, to_jalali
from .permit_common import PDF, PermitSetup

RAW_PDF = base64.b64decode(PDF)


@tagged("post_install", "-at_install")
class TestPermitPortal(PermitSetup, HttpCase):
    """A citizen applies for a permit on the portal and follows their own files; nobody sees another's. Real
    HTTP requests, in Persian (the citizens' language)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        year = to_jalali(env["res.company"]._today_in_iran()).year
        if year != 1405:  # the server runs on the real clock
            cls._add_year(year)
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)
        portal = env.ref("base.group_portal")
        users = {"company_id": cls.company.id, "company_ids": [(6, 0, [cls.company.id])],
                 "group_ids": [(6, 0, [portal.id])], "lang": "fa_IR"}
        cls.owner.lang = "fa_IR"
        cls.citizen = env["res.users"].create({"login": "up_citizen", "password": "up_citizen",
                                               "partner_id": cls.owner.id, **users})
        cls.stranger_user = env["res.users"].create({"login": "up_stranger", "password": "up_stranger",
                                                     "partner_id": cls.stranger.id, **users})
        cls.stranger.lang = "fa_IR"
        cls.Permit = env["municipality.permit"]
        cls.Attachment = env["ir.attachment"].sudo()

    def _step_one(self, **values):
        data = {"csrf_token": http.Request.csrf_token(self), "role": "owner", "property_id": str(self.property.id),
                "permit_type_id": str(self.permit_type.id), "parking_spaces": "1",
                "floor_0": "0", "use_0": "residential", "area_0": "120", "units_0": "1",
                "floor_1": "1", "use_1": "residential", "area_1": "120", "units_1": "1"}
        data.update(values)
        return data

    def _submit(self, files=None, **values):
        files = files if files is not None else {
            f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
            f"document_{self.doc_id.id}": ("ids.pdf", RAW_PDF, "application/pdf")}
        return self.url_open("/my/permits/submit", data=self._step_one(**values), files=files)

    def _documents_attached(self):
        return self.Attachment.search_count([("res_model", "=", "municipality.permit.document"),
                                             ("res_field", "=", "file")])

    def _permits_of_property(self):
        return self.Permit.sudo().search_count([("property_id", "=", self.property.id)])

    # ------------------------------------------------------------------
    def test_owner_applies_with_documents_after_the_estimate(self):
        self.authenticate("up_citizen", "up_citizen")
        form = self.url_open("/my/permits/new")
        self.assertEqual(form.status_code, 200)
        self.assertIn("88-21-7", form.text)
        estimate = self.url_open("/my/permits/new", data=self._step_one())
        self.assertEqual(estimate.status_code, 200)
        # 240 m² × 1,000,000 × 0.2; within the zone's density, so no excess-density toll
        self.assertIn(to_persian_digits("48,000,000"), estimate.text)
        self.assertIn(f'name="document_{self.doc_deed.id}"', estimate.text)
        self.assertEqual(self._permits_of_property(), 0, "the estimate saves nothing")
        response = self._submit()
        self.assertEqual(response.status_code, 200)
        permit = self.Permit.sudo().search([("property_id", "=", self.property.id)])
        self.assertEqual(len(permit), 1)
        self.assertTrue(response.url.endswith(f"/my/permits/{permit.id}?created=1"))
        self.assertEqual((permit.applicant_id, permit.applicant_role, permit.state, permit.stage_id),
                         (self.owner, "owner", "application", self.permit_type._first_stage()))
        self.assertEqual(permit.floor_ids.mapped("area"), [120, 120])
        self.assertEqual(permit.document_ids.document_type_id, self.doc_deed | self.doc_id)
        self.assertEqual(self._documents_attached(), 2)
        self.assertIn(permit.name, response.text)
        self.assertIn("پرونده", response.text)
        # the fee estimate stays on the file's page until the fees are assessed
        self.assertIn(to_persian_digits("48,000,000"), response.text)
        # the SMS of the application, in Persian, to the applicant's mobile
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.owner.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(permit.name, sms.body)
        self.assertIn("شهرداری", sms.body)
        self.assertIn(f"/my/permits/{permit.id}", sms.body)
        # the front desk can now move it on: the documents of the first stage are there
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "visit")

    def test_non_owner_is_refused_in_persian(self):
        self.authenticate("up_stranger", "up_stranger")
        self.assertNotIn("88-21-7", self.url_open("/my/permits/new").text)
        for role, extra in (("owner", {}),
                            ("attorney", {"renovation_code": "88-21-7", "owner_national_id": "0499370899"}),
                            ("attorney", {"renovation_code": "88-21-8", "owner_national_id": "0084575948"})):
            with self.subTest(role=role, **extra):
                for url in ("/my/permits/new", "/my/permits/submit"):
                    response = self.url_open(url, data=self._step_one(role=role, **extra))
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("شما مالک این ملک نیستید", response.text)
        self.assertEqual(self._permits_of_property(), 0)

    def test_attorney_applies_with_the_power_of_attorney(self):
        self.authenticate("up_stranger", "up_stranger")
        attorney = {"role": "attorney", "renovation_code": "۸۸/۲۱/۷", "owner_national_id": "۰۰۸۴۵۷۵۹۴۸",
                    "property_id": ""}
        power = self.env.ref("municipality_urbanism.document_type_power_of_attorney")
        page = self.url_open("/my/permits/new", data=self._step_one(**attorney))
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'name="document_{power.id}"', page.text)
        # without the power of attorney: refused, nothing saved
        response = self._submit(**attorney)
        self.assertEqual(response.status_code, 400)
        self.assertIn(power.with_context(lang="fa_IR").name, response.text)
        self.assertEqual((self._permits_of_property(), self._documents_attached()), (0, 0))
        response = self._submit(files={
            f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
            f"document_{self.doc_id.id}": ("ids.pdf", RAW_PDF, "application/pdf"),
            f"document_{power.id}": ("vekalat.pdf", RAW_PDF, "application/pdf")}, **attorney)
        self.assertEqual(response.status_code, 200)
        permit = self.Permit.sudo().search([("property_id", "=", self.property.id)])
        self.assertEqual((permit.applicant_id, permit.applicant_role), (self.stranger, "attorney"))
        permit.with_user(self.front_desk).action_next_stage()  # the attorney's application is complete
        # both the attorney and the owner follow the file
        self.assertEqual(self.url_open(f"/my/permits/{permit.id}").status_code, 200)
        self.authenticate("up_citizen", "up_citizen")
        self.assertEqual(self.url_open(f"/my/permits/{permit.id}").status_code, 200)

    def test_wrong_or_oversized_upload_leaves_nothing(self):
        self.authenticate("up_citizen", "up_citizen")
        self.doc_id.max_size_mb = 0.01  # 10 KB
        cases = {
            "wrong type": ({f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
                            f"document_{self.doc_id.id}": ("ids.exe", b"MZ\x90\x00", "application/octet-stream")},
                           "پذیرفته"),
            "renamed file": ({f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
                              f"document_{self.doc_id.id}": ("ids.pdf", b"<html>not a pdf</html>", "application/pdf")},
                             "PDF"),
            "oversized": ({f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
                           f"document_{self.doc_id.id}": ("ids.pdf", RAW_PDF + b"0" * 20_000, "application/pdf")},
                          "بزرگ‌تر"),
            "missing": ({f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf")}, "پیوست"),
        }
        for case, (files, message) in cases.items():
            with self.subTest(case=case):
                response = self._submit(files=files)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertEqual((self._permits_of_property(), self._documents_attached()), (0, 0))
        self.assertFalse(self.env["sms.sms"].sudo().search([("partner_id", "=", self.owner.id)]))

    def test_bad_request_figures_refused(self):
        self.authenticate("up_citizen", "up_citizen")
        for values in ({"area_0": "-5"}, {"area_0": "abc"}, {"area_0": "", "units_0": "", "area_1": "",
                                                             "units_1": ""},
                       {"use_0": "casino"}, {"permit_type_id": "999999"}, {"parking_spaces": "-1"}):
            with self.subTest(values=values):
                response = self.url_open("/my/permits/new", data=self._step_one(**values))
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_permit_error", response.text)
        self.assertEqual(self._permits_of_property(), 0)

    def _floor_rows(self, rows):
        """``rows``: the indices of the form's rows (as the add/remove buttons leave them, with gaps)."""
        data = {}
        for number, row in enumerate(rows):
            data.update({f"floor_{row}": str(number), f"use_{row}": "residential", f"area_{row}": "20",
                         f"units_{row}": "1"})
        return data

    def test_more_floors_than_the_form_first_shows(self):
        """The citizen adds floor lines in the browser: every row posted counts, in the order of the rows,
        whatever its index (rows removed leave gaps), up to the most an application may have."""
        self.authenticate("up_citizen", "up_citizen")
        form = self.url_open("/my/permits/new")
        self.assertIn("o_permit_floor_add", form.text)
        self.assertIn('data-max-rows="60"', form.text)
        rows = [0, 1, *range(3, 14), 40, 9999]  # 15 rows, two removed and two added far apart
        data = self._step_one(**self._floor_rows(rows))
        estimate = self.url_open("/my/permits/new", data=data)
        self.assertEqual(estimate.status_code, 200)
        self.assertEqual(self._permits_of_property(), 0)
        # the confirmation page carries every row to the submission
        self.assertIn('name="area_14"', estimate.text)
        files = {f"document_{self.doc_deed.id}": ("deed.pdf", RAW_PDF, "application/pdf"),
                 f"document_{self.doc_id.id}": ("ids.pdf", RAW_PDF, "application/pdf")}
        response = self.url_open("/my/permits/submit", data=data, files=files)
        self.assertEqual(response.status_code, 200)
        permit = self.Permit.sudo().search([("property_id", "=", self.property.id)])
        self.assertEqual(permit.floor_ids.sorted("floor").mapped("floor"), list(range(15)))
        self.assertEqual(permit.total_area, 300)

    def test_too_many_floors_refused_in_persian(self):
        self.authenticate("up_citizen", "up_citizen")
        data = self._step_one(**self._floor_rows(range(61)))
        for url in ("/my/permits/new", "/my/permits/submit"):
            with self.subTest(url=url):
                response = self.url_open(url, data=data)
                self.assertEqual(response.status_code, 400)
                self.assertIn("حداکثر ۶۰ سطر طبقه", response.text)
        # sixty is allowed
        response = self.url_open("/my/permits/new", data=self._step_one(**self._floor_rows(range(60))))
        self.assertEqual(response.status_code, 200)
        # a bad figure in a row added in the browser is refused like any other
        response = self.url_open("/my/permits/new", data=self._step_one(area_25="-3", units_25="1", use_25="residential"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_permit_error", response.text)
        self.assertEqual(self._permits_of_property(), 0)

    def _issued_with_certificate(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
        permit.sudo().write({"state": "issued", "permit_number": "1405/99977"})
        certificate = self.env["municipality.building.certificate"].create({
            "kind": "completion", "property_id": self.property.id, "permit_id": permit.id})
        certificate.sudo().write({"state": "issued", "number": "C/1405/99977"})
        return permit, certificate

    def test_another_citizens_file_is_404_everywhere(self):
        permit, certificate = self._issued_with_certificate()
        document = permit.document_ids[:1]
        attachment = self.Attachment.search([("res_model", "=", "municipality.permit.document"),
                                             ("res_id", "=", document.id), ("res_field", "=", "file")])
        self.assertTrue(attachment)
        urls = [f"/my/permits/{permit.id}", f"/my/permits/{permit.id}/permit.pdf",
                f"/my/permits/{permit.id}/certificate/{certificate.id}.pdf",
                f"/my/permits/{permit.id}/document/{document.id}",
                f"/web/content/municipality.permit.document/{document.id}/file",
                f"/web/content/{attachment.id}"]
        self.authenticate("up_citizen", "up_citizen")
        for url in urls[:4]:
            with self.subTest(owner=url):
                self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(self.url_open(f"/my/permits/{permit.id}/document/{document.id}").content, RAW_PDF)
        self.authenticate("up_stranger", "up_stranger")
        for url in urls:
            with self.subTest(stranger=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(permit.name, response.text)
                self.assertNotIn(self.owner.name, response.text)
        listing = self.url_open("/my/permits")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn(permit.name, listing.text)
        # a file number that does not exist is the same 404; the owner's document under another file too
        self.assertEqual(self.url_open("/my/permits/987654321").status_code, 404)
        # nor through JSON-RPC: the record rule hides it
        response = self.url_open("/web/dataset/call_kw/municipality.permit/search_read", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "params": {
                "model": "municipality.permit", "method": "search_read", "args": [[]],
                "kwargs": {"fields": ["name"]}}}), headers={"Content-Type": "application/json"})
        self.assertNotIn(permit.name, response.text)
        stranger_env = self.env(user=self.stranger_user)
        self.assertFalse(stranger_env["municipality.permit"].search([]))
        self.assertEqual(self.env(user=self.citizen)["municipality.permit"].search([]), permit)

    def test_file_page_shows_stages_fees_and_the_pay_link(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._to_stage(self._new_permit(), "payment")
        self.authenticate("up_citizen", "up_citizen")
        page = self.url_open(f"/my/permits/{permit.id}")
        self.assertEqual(page.status_code, 200)
        fa = permit.with_context(lang="fa_IR")
        for stage in fa.permit_type_id.stage_ids:
            self.assertIn(stage.name, page.text)
        self.assertIn(fa.stage_id.group_id.name, page.text)  # who holds the file: the unit
        self.assertNotIn(self.inspector.name, page.text)  # not the staff's names
        self.assertIn("۱۴۰۵/۰۲/۲۰", page.text)  # the day it entered its stages, in Jalali
        assessment = permit.sudo().assessment_ids[:1]
        self.assertIn(to_persian_digits(f"{int(assessment.amount_total):,}"), page.text)
        self.assertIn(assessment.payment_id, page.text)
        self.assertIn(assessment.invoice_id.get_portal_url().split("?")[0], page.text)
        self.assertIn("o_permit_pay", page.text)
        # the portal's home counts the files
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["permit_count"]})
        self.assertEqual(counters["permit_count"], 1)

    def test_file_page_estimate_counts_excess_density_without_touching_the_file(self):
        permit = self._new_permit(floors=[(0, 120), (1, 120), (2, 120), (3, 120)])  # 480 m² on 360 allowed
        self.authenticate("up_citizen", "up_citizen")
        page = self.url_open(f"/my/permits/{permit.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_permit_estimate", page.text)
        self.assertIn(self.toll_density.name, page.text)
        permit.invalidate_recordset()
        self.assertFalse(permit.zoning_excess_area)
        self.assertFalse(any(permit.floor_ids.mapped("excess_area")))

    def test_sms_at_each_stage_from_the_persian_templates(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
            SMS = self.env["sms.sms"].sudo()
            received = SMS.search([("partner_id", "=", self.owner.id)])
            self.assertEqual(len(received), 1)
            self.assertIn("ثبت شد", received.body)
            permit.with_user(self.front_desk).action_next_stage()
        stage_sms = SMS.search([("partner_id", "=", self.owner.id)], order="id desc", limit=1)
        self.assertNotEqual(stage_sms, received)
        self.assertEqual(stage_sms.state, "outgoing")  # queued for the SMS cron
        self.assertIn(permit.with_context(lang="fa_IR").stage_id.name, stage_sms.body)
        self.assertIn(permit.name, stage_sms.body)
        self.assertIn("مرحله", stage_sms.body)
        template = self.env.ref("municipality_urbanism.sms_template_permit_stage")
        self.assertIn("مرحله", template.with_context(lang="fa_IR").body)
        # an opted-out number gets none; the file says so
        self.env["phone.blacklist"].sudo().add("09123334455")
        count = SMS.search_count([("partner_id", "=", self.owner.id)])
        self._visit(permit)
        permit.with_user(self.inspector).action_next_stage()
        self.assertEqual(SMS.search_count([("partner_id", "=", self.owner.id)]), count)

    def test_an_applicant_registered_from_an_english_screen_gets_persian_sms(self):
        """The clerk's screen is in English and the database was created in English: the citizen they register
        still speaks the municipality's language, and their SMS are Persian."""
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        self.company.partner_id.lang = "fa_IR"
        applicant = self.env["res.partner"].with_user(self.front_desk).with_context(lang="en_US").create({
            "name": "رضا تازه‌وارد", "national_id": "0081234562", "mobile": "09125556677"})
        self.assertEqual(applicant.lang, "fa_IR")
        prop = self.env["municipality.property"].create({
            "renovation_code": "88-21-40", "district_id": self.district.id, "land_area": 200,
            "zoning_id": self.zoning.id, "company_id": self.company.id,
            "owner_share_ids": [(0, 0, {"partner_id": applicant.id, "share_dang": 6})]})
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit(applicant=applicant, property_id=prop.id)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", applicant.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("ثبت شد", sms.body)
        self.assertIn(permit.name, sms.body)

    def test_fees_sms_prints_the_amount_grouped(self):
        """The fees SMS prints rials as the portal page does: grouped by thousands, in Persian digits for a
        Persian applicant (Latin digits in English), never the bare ``%d`` of the amount."""
        permit = self._new_permit()
        self._to_stage(permit, "fees")
        SMS = self.env["sms.sms"].sudo()
        before = SMS.search([("partner_id", "=", self.owner.id)])
        permit.with_user(self.expert).action_assess_fees()
        sms = SMS.search([("partner_id", "=", self.owner.id)]) - before
        self.assertEqual(len(sms), 1)
        amount = int(permit.amount_assessed)
        self.assertGreater(amount, 1_000_000)
        self.assertIn(f" {to_persian_digits(f'{amount:,}')} ریال", sms.body)
        self.assertNotIn(str(amount), sms.body)
        self.assertNotIn(to_persian_digits(str(amount)), sms.body)
        template = self.env.ref("municipality_urbanism.sms_template_permit_fees")
        english = template.with_context(lang="en_US")._render_field("body", permit.ids)[permit.id]
        self.assertIn(f" {amount:,} rials", english)

    def test_owner_applies_in_the_browser(self):
        self.start_tour("/my/permits", "urbanism_permit_portal_apply_tour", login="up_citizen")
        permit = self.Permit.sudo().search([("property_id", "=", self.property.id)])
        self.assertEqual(len(permit), 1)
        self.assertEqual(permit.stage_id, self.permit_type._first_stage())
        self.assertEqual(sorted(permit.document_ids.mapped("file_name")), ["deed.pdf", "ids.pdf"])
        # two floors typed in the first lines, a third added with "Add a floor" (the empty line removed)
        self.assertEqual([(f.floor, f.area) for f in permit.floor_ids.sorted("floor")], [(0, 150), (1, 150), (2, 60)])
        self.assertEqual(permit.total_area, 360)

    # ------------------------------------------------------------------
    # Extension and renewal asked for on the portal
    # ------------------------------------------------------------------
    def _issued_permit(self):
        """An issued permit of the owner, its start deadline in six months (the server runs on the real clock)."""
        permit = self._new_permit()
        today = self.env["res.company"]._today_in_iran()
        self.permit_type.write({"max_extensions": 1, "extension_months": 12})
        permit.sudo().write({"state": "issued", "permit_number": "1405/99978", "issue_date": today,
                             "start_deadline": add_months(today, 6), "completion_deadline": add_months(today, 30)})
        return permit

    def _ask(self, permit, **values):
        data = {"csrf_token": http.Request.csrf_token(self), "kind": "extension", "reason": "تأخیر در تأمین مصالح"}
        data.update(values)
        return self.url_open(f"/my/permits/{permit.id}/extension", data=data)

    def _extension_requests(self, permit):
        return self.env["municipality.permit.extension.request"].sudo().search([("permit_id", "=", permit.id)])

    def test_citizen_asks_for_an_extension_on_the_portal(self):
        permit = self._issued_permit()
        start = permit.start_deadline
        self.authenticate("up_citizen", "up_citizen")
        page = self.url_open(f"/my/permits/{permit.id}")
        self.assertIn("o_permit_extension_form", page.text)
        # refused in Persian, nothing saved: no reason, a renewal while an extension is left, no CSRF token
        response = self._ask(permit, reason="   ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_permit_error", response.text)
        self.assertIn("دلیل درخواست تمدید یا تجدید را بنویسید", response.text)
        response = self._ask(permit, kind="renewal")
        self.assertEqual(response.status_code, 400)
        self.assertIn("هنوز تمدیدپذیر است", response.text)
        self.assertIn("تأخیر در تأمین مصالح", response.text, "the reason typed stays in the form")
        response = self.url_open(f"/my/permits/{permit.id}/extension",
                                 data={"kind": "extension", "reason": "بدون توکن"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._extension_requests(permit))
        # asked for: waiting for the head's decision, no front desk needed
        response = self._ask(permit)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/my/permits/{permit.id}?extension_requested=1"))
        request = self._extension_requests(permit)
        self.assertEqual(len(request), 1)
        self.assertEqual((request.state, request.kind, request.reason, request.requested_by_id),
                         ("requested", "extension", "تأخیر در تأمین مصالح", self.citizen))
        self.assertEqual(request.activity_ids.user_id, self.head | self.deputy, "in the deciders' in-trays")
        self.assertIn("o_permit_extension_requested", response.text)
        self.assertIn("در انتظار تصمیم", response.text)
        self.assertNotIn("o_permit_extension_form", response.text, "one request waits at a time")
        self.assertEqual(permit.start_deadline, start, "a request alone moves nothing")
        # a second one posted anyway is refused, in Persian
        response = self._ask(permit, reason="دوباره")
        self.assertEqual(response.status_code, 400)
        self.assertIn("درخواستی در انتظار تصمیم دارد", response.text)
        self.assertEqual(self._extension_requests(permit), request)
        # the head decides it as any other
        request.with_user(self.head).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertGreater(permit.start_deadline, start)
        page = self.url_open(f"/my/permits/{permit.id}")
        self.assertIn("o_permit_extension_approved", page.text)

    def test_citizen_asks_for_an_extension_in_the_browser(self):
        permit = self._issued_permit()
        self.start_tour(f"/my/permits/{permit.id}", "urbanism_permit_portal_extension_tour", login="up_citizen")
        request = self._extension_requests(permit)
        self.assertEqual((request.state, request.kind, request.requested_by_id),
                         ("requested", "extension", self.citizen))
        self.assertEqual(request.reason, "تأخیر در تأمین مصالح به‌دلیل کمبود سیمان")
        self.assertEqual(request.activity_ids.user_id, self.head | self.deputy)

    def test_another_citizens_permit_cannot_be_extended(self):
        permit = self._issued_permit()
        self.authenticate("up_stranger", "up_stranger")
        response = self._ask(permit)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(permit.name, response.text)
        self.assertEqual(self._ask(self.Permit.browse(987654321)).status_code, 404)
        self.assertFalse(self._extension_requests(permit))
        # nor a file that is not issued, even one's own
        self.authenticate("up_citizen", "up_citizen")
        draft = self._new_permit()
        response = self._ask(draft)
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("o_permit_extension_form", response.text)
        self.assertIn("o_permit_error", response.text)
        self.assertFalse(self._extension_requests(draft))
