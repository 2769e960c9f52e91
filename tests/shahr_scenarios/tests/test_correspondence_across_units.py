"""Correspondence and citizen requests across units, entered once.

A citizen registered once by national ID calls 137 about a dark street in
their district: the operator records the call on the citizen's record, the
request is routed to the unit that owns street lighting in that district, the
unit answers, the answer goes back to the citizen (by SMS: no e-mail known),
and the citizen accepts it with the tracking code, as the portal and Open311
do. The same citizen is assessed a renovation toll by finance; finance writes
an outgoing letter about that assessment, signed by the finance director and
registered by the secretariat, and the assessment lists it. The citizen's
answer arrives as an incoming letter with their own number and date, linked
back (عطف) to the municipality's letter, and is referred to finance's unit
manager, who works it from the in-tray.
"""

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.jalali import from_jalali

from odoo.addons.municipality_finance.tests.common import create_municipality
from odoo.addons.office_automation.tests.common import SIGNATURE_PNG


@tagged("post_install", "-at_install")
class TestCorrespondenceAcrossUnits(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری سناریوی مکاتبات")
        company = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        Department = cls.env["hr.department"]
        cls.lighting = Department.create({"name": "واحد روشنایی معابر", "company_id": cls.company.id})
        cls.finance_unit = Department.create({"name": "امور مالی", "company_id": cls.company.id})
        cls.district = cls.env["municipality.district"].create({"name": "منطقه سناریو", "code": "SC1",
                                                                "company_id": cls.company.id})

        def user(login, groups, department=None, manages=False, signature=False):
            new = new_test_user(cls.env, login, groups=groups, **company)
            if department:
                employee = cls.env["hr.employee"].create({"name": login, "user_id": new.id,
                                                          "department_id": department.id,
                                                          "company_id": cls.company.id})
                if manages:
                    department.manager_id = employee
            if signature:
                new.office_signature = SIGNATURE_PNG
            return new

        cls.operator = user("sc_operator", "municipality_citizen_desk.group_citizen_desk_operator")
        cls.lighting_manager = user("sc_lighting_manager", "office_automation.group_office_unit_manager", cls.lighting,
                                 manages=True)
        cls.finance_clerk = user("sc_finance_clerk",
                                 "municipality_finance.group_finance_clerk,office_automation.group_office_staff",
                                 cls.finance_unit)
        cls.finance_director = user("sc_finance_director",
                                    "municipality_finance.group_finance_director,office_automation.group_office_staff",
                                    signature=True)
        cls.finance_manager = user("sc_finance_manager", "office_automation.group_office_unit_manager",
                                   cls.finance_unit, manages=True)
        cls.secretariat_clerk = user("sc_secretariat", "office_automation.group_office_secretariat_clerk")
        cls.secretariat = cls.env["office.secretariat"].create({
            "name": "دبیرخانه سناریو", "code": "SC", "number_pattern": "{jyear}/{seq}/{code}",
            "company_id": cls.company.id, "user_ids": [(4, cls.secretariat_clerk.id)]})
        category = cls.env["office.citizen.request.category"].create({
            "name": "روشنایی معابر", "code": "SC-LIGHT", "working_days": 3, "company_id": cls.company.id,
            "department_id": Department.create({"name": "خدمات شهری", "company_id": cls.company.id}).id,
            "route_ids": [(0, 0, {"district_id": cls.district.id, "department_id": cls.lighting.id})]})
        cls.category = category
        # the citizen, registered once (municipality_base)
        cls.citizen = cls.env["res.partner"].create({"name": "مریم کریمی", "national_id": "۳۸۱۲۳۴۵۶۷۶",
                                                     "mobile": "09121234567", "district_id": cls.district.id})
        year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": cls.company.id})
        revenue = cls.env["account.chart.template"].with_company(cls.company).ref("irm_revenue_renovation")
        cls.env["municipality.toll.type"].create({
            "name": "عوارض نوسازی", "code": "RENOV", "company_id": cls.company.id, "account_id": revenue.id,
            "input_ids": [(0, 0, {"key": "value", "name": "ارزش ملک"})],
            "tariff_ids": [(0, 0, {"fiscal_year_id": year.id, "formula": "value * 5 / 1000"})]})

    def test_a_complaint_and_a_letter_about_a_toll_reach_their_units(self):
        # 1. The 137 call, recorded on the citizen's record and routed by category and district.
        request = self.env["office.citizen.request"].with_user(self.operator).create({
            "request_type": "complaint", "channel": "phone", "partner_id": self.citizen.id,
            "category_id": self.category.id, "district_id": self.district.id,
            "description": "چراغ‌های خیابان بهار سه شب است خاموش است."})
        self.assertEqual(request.department_id, self.lighting, "the district's route wins over the category's unit")
        self.assertEqual(request.phone, "09121234567", "the citizen's mobile comes from their record")
        self.assertTrue(request.deadline)
        request.with_user(self.operator).action_assign()
        # The unit sees it in its own list and answers it.
        as_unit = request.with_user(self.lighting_manager)
        self.assertIn(request, self.env["office.citizen.request"].with_user(self.lighting_manager).search([]))
        as_unit.answer = "لامپ‌ها تعویض شد."
        as_unit.action_answer()
        sms = self.env["sms.sms"].sudo().search([("number", "=", "09121234567")])
        self.assertTrue(sms, "the answer goes to the citizen by SMS")
        self.assertIn(request.tracking_code_display, "\n".join(sms.mapped("body")))
        # The citizen follows the request with the tracking code alone (portal and Open311 use these).
        public = self.env["office.citizen.request"].sudo()._find_by_tracking_code(request.tracking_code.lower())
        self.assertEqual(public, request)
        status = public._public_status()
        self.assertTrue(status["can_respond"])
        self.assertNotIn("مریم", str(status), "no personal data in what the code reveals")
        public.action_citizen_accept(4, "ممنون")
        self.assertEqual((request.state, request.satisfaction), ("accepted", 4))

        # 2. Finance assesses the toll and writes to the citizen about it: one letter, linked to the assessment.
        assessment = self.env["municipality.toll.assessment"].with_user(self.finance_clerk).create_assessment(
            self.citizen, "RENOV", {"value": 2_000_000_000}, date=from_jalali(1404, 2, 10))
        letter = self.env["office.letter"].with_user(self.finance_clerk).create({
            "subject": "اعلام عوارض نوسازی", "letter_type": "outgoing", "secretariat_id": self.secretariat.id,
            "recipient_partner_ids": [(4, self.citizen.id)], "sender_department_id": self.finance_unit.id,
            "res_model": assessment._name, "res_id": assessment.id,
            "body": f"<p>عوارض نوسازی ملک شما {assessment.amount_total:,} ریال است.</p>",
            "signature_ids": [(0, 0, {"sequence": 1, "user_id": self.finance_director.id})]})
        letter.action_request_signatures()
        letter.with_user(self.finance_director).action_sign()
        letter.with_user(self.secretariat_clerk).action_register()
        self.assertEqual(letter.number, f"{letter.number_year}/1/SC")
        about = self.env["office.letter"].search([("res_model", "=", assessment._name),
                                                  ("res_id", "=", assessment.id)])
        self.assertEqual(about, letter, "the assessment lists the letters written about it")
        self.assertEqual(letter.reference, assessment)

        # 3. The citizen's reply arrives, is registered with their number and date, linked back and referred.
        reply = self.env["office.letter"].with_user(self.secretariat_clerk).create({
            "subject": "اعتراض به عوارض نوسازی", "letter_type": "incoming", "secretariat_id": self.secretariat.id,
            "sender_partner_id": self.citizen.id, "sender_number": "۱۲", "sender_date": from_jalali(1404, 2, 25),
            "link_ids": [(0, 0, {"linked_letter_id": letter.id, "link_type": "reference"})]})
        reply.action_register()
        self.assertEqual(reply.number_sequence, 2, "one register for the secretariat's letters of the year")
        self.env["office.referral"].with_user(self.secretariat_clerk)._refer(
            reply, departments=self.finance_unit, note="جهت بررسی و پاسخ", requested_action="reply")
        intray = self.env["office.referral"].with_user(self.finance_manager).search([("to_user_id", "=",
                                                                                      self.finance_manager.id)])
        self.assertEqual(intray.letter_id, reply)
        self.assertEqual(reply.state, "received")
        intray.with_user(self.finance_manager).action_start()
        intray.with_user(self.finance_manager).action_done("پاسخ تهیه شد")
        self.assertEqual(intray.state, "done")
        self.assertEqual(letter.linked_from_ids.letter_id, reply, "the municipality's letter shows the reply")
