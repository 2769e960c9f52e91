from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from odoo.addons.municipality_base.tools.jalali import to_jalali

from .commission_common import CommissionCase
from .permit_common import DAY


class PapersSetup(CommissionCase):

    def _renovation_toll(self, prop=None, day=DAY):
        return self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=day,
            origin=prop or self.property)

    def _clearances(self):
        return self.env["municipality.property.clearance"].sudo().search([("property_id", "=", self.property.id)])


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestClearance(PapersSetup):
    """The clearance (مفاصاحساب): refused, naming each unpaid assessment of any kind, while anything of the
    property is unpaid; issued with a QR code once everything is paid."""

    def test_refused_while_anything_is_unpaid_then_issued(self):
        issued = self._issued_permit()  # its fees are paid
        # a file that passed its application before this year's renovation toll was assessed (an unpaid one holds
        # the application), now at its payment stage: fees assessed, not paid
        pending = self._new_permit()
        self._to_stage(pending, "payment")
        toll = self._renovation_toll()
        case, _violation = self._final_fine_case()
        fine = case.final_ruling_ids.assessment_id
        self.assertTrue(fine)
        fees = pending.sudo().assessment_ids
        unpaid = self.property._unpaid_assessments()
        self.assertEqual(unpaid, toll | fine | fees)
        self.assertFalse(unpaid & issued.sudo().assessment_ids)
        with self.assertRaises(UserError) as caught:
            self.property.with_user(self.front_desk).action_issue_clearance()
        message = str(caught.exception)
        self.assertIn("no clearance", message)
        for assessment in unpaid:
            self.assertIn(assessment.toll_type_id.name, message)
        self.assertIn("۱۴۰۵", message)
        self.assertFalse(self._clearances(), "nothing is written when the clearance is refused")
        # paid one by one: still refused until the last one
        (toll | fine).sudo()._pay_in_full(date=DAY)
        with self.assertRaises(UserError) as caught:
            self.property.with_user(self.front_desk).action_issue_clearance()
        self.assertIn(fees[0].toll_type_id.name, str(caught.exception))
        self.assertNotIn(self.toll_renovation.name, str(caught.exception))
        fees.sudo()._pay_in_full(date=DAY)
        self.assertFalse(self.property._unpaid_assessments())
        action = self.property.with_user(self.front_desk).action_issue_clearance()
        clearance = self._clearances()
        self.assertEqual(len(clearance), 1)
        self.assertEqual(action["report_name"], "municipality_urbanism.report_property_clearance")
        self.assertEqual(clearance.name, "M/1405/00001")
        self.assertEqual(clearance.issue_date.isoformat(), "2026-05-10")
        self.assertEqual(clearance.owner_names, self.owner.name)
        self.assertEqual(clearance.amount_paid, sum((toll | fine | fees | issued.sudo().assessment_ids)
                                                    .mapped("amount_total")))
        Clearance = self.env["municipality.property.clearance"]
        token = clearance.verification_token
        self.assertGreaterEqual(len(token), 32)
        self.assertEqual(Clearance._find_by_verification_token(token), clearance)
        self.assertNotIn(self.owner.name, str(clearance._public_facts()))
        clearance.with_user(self.head).action_cancel()
        self.assertFalse(Clearance._find_by_verification_token(token), "a cancelled clearance no longer verifies")

    def test_only_front_desk_and_revenue_issue_it(self):
        with self.assertRaises(UserError):
            self.property.with_user(self.inspector).action_issue_clearance()
        self.assertFalse(self._clearances())
        with self.assertRaises(Exception):
            self.env["municipality.property.clearance"].with_user(self.front_desk).create({
                "name": "M/1405/99999", "property_id": self.property.id, "issue_date": DAY,
                "issued_by_id": self.front_desk.id})

    def test_another_propertys_debt_does_not_count(self):
        other = self.env["municipality.property"].create({
            "renovation_code": "88-21-8", "district_id": self.district.id, "land_area": 100,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        self._renovation_toll(other)
        self.assertFalse(self.property._unpaid_assessments())
        self.property.with_user(self.front_desk).action_issue_clearance()
        self.assertEqual(len(self._clearances()), 1)
        with self.assertRaises(UserError):
            other.with_user(self.front_desk).action_issue_clearance()

    def test_plan_brief_figures(self):
        permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
        rows = {row[0]: row[1:] for row in permit._plan_brief_rows()}
        self.assertEqual(rows["Maximum density (%)"][:2], ("۱۸۰", "۲۲۰"))
        self.assertFalse(rows["Maximum density (%)"][2])
        self.assertEqual(rows["Floor area (m²)"][:2], ("۳۶۰", "۴۴۰"))
        self.assertEqual(rows["Floors"], ("۴", "۴", True))
        self.assertEqual(rows["Occupancy (%)"], ("۶۰", "۵۵", True))
        self.assertIsNone(rows["Front setback (m)"][2])
        self.property.zoning_id = False
        with self.assertRaises(UserError):
            permit.with_user(self.front_desk).action_print_plan_brief()


@tagged("post_install", "-at_install")
class TestPrintedPapers(PapersSetup, PrintedReportCase):
    """The plan brief, the clearance and the answer to a notary's or a bank's inquiry, printed by wkhtmltopdf;
    their text read back from what it prints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = to_jalali(cls.env["res.company"]._today_in_iran()).year
        if year != 1405:
            cls._add_year(year)

    def test_plan_brief_prints_the_zoning_and_the_request(self):
        permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
        action = permit.with_user(self.front_desk).action_print_plan_brief()
        self.assertEqual(action["report_name"], "municipality_urbanism.report_permit_plan_brief")
        text = self.report_text("municipality_urbanism.report_permit_plan_brief", permit)
        for expected in ("Plan Brief", "مسکونی تراکم متوسط", "۱۸۰", "۳۶۰", "۴۴۰",
                         "۲۲۰", "زهرا مالکی", "Allowed by the Zoning", "Requested"):
            self.assertIn(expected, text)
        self.assert_prints("municipality_urbanism.report_permit_plan_brief", permit, pages=1)

    def test_clearance_prints_with_its_qr_code_and_verifies(self):
        self.property.with_user(self.front_desk).action_issue_clearance()
        clearance = self._clearances()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "municipality_urbanism.report_property_clearance", clearance.ids)[0].decode()
        self.assertIn("data:image/png;base64,", html)
        text = self.report_text("municipality_urbanism.report_property_clearance", clearance)
        self.assertIn("۱۴۰۵", text)
        self.assertIn("nothing billed for this property is unpaid", text)
        self.assertIn(self.owner.name.split()[0], text)
        self.assert_prints("municipality_urbanism.report_property_clearance", clearance, pages=1)
        response = self.url_open(f"/urbanism/verify/{clearance.verification_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(clearance._public_facts()["number"], response.text)
        self.assertNotIn(self.owner.name, response.text)
        self.assertEqual(len(clearance.check_ids), 1)
        self.assertEqual(self.url_open(f"/urbanism/verify/{'x' * 32}").status_code, 404)

    def test_inquiry_answer_printed_and_as_a_letter(self):
        permit = self._issued_permit()
        toll = self._renovation_toll()
        toll._pay_in_full(date=DAY)
        violation = self._violation()
        bank = self.env["res.partner"].create({"name": "بانک ملی شعبه مرکزی", "is_company": True})
        wizard = self.env["municipality.property.inquiry.answer"].with_user(self.front_desk).create({
            "property_id": self.property.id, "recipient_id": bank.id, "reference": "۱۲۳/۴۵"})
        action = wizard.action_print()
        self.assertEqual(action["data"]["reference"], "۱۲۳/۴۵")
        text = self.report_text("municipality_urbanism.report_property_inquiry_answer", self.property)
        for expected in ("Answer to a Property Inquiry", "عوارض نوسازی", "عوارض پروانه", "Nothing is unpaid"):
            self.assertIn(expected, text)
        from odoo.addons.municipality_base.tools.digits import to_persian_digits
        for expected in (permit.permit_number, violation.name, toll.name):
            self.assertIn(to_persian_digits(expected), text)
        self.assert_prints("municipality_urbanism.report_property_inquiry_answer", self.property, pages=1)
        with self.assertRaises(UserError):  # the front desk is not correspondence staff
            wizard.action_letter()
        wizard = self.env["municipality.property.inquiry.answer"].with_user(self.expert).create({
            "property_id": self.property.id, "recipient_id": bank.id, "reference": "۱۲۳/۴۵"})
        result = wizard.action_letter()
        letter = self.env["office.letter"].browse(result["res_id"])
        self.assertEqual((letter.res_model, letter.res_id), ("municipality.property", self.property.id))
        self.assertEqual(letter.letter_type, "outgoing")
        self.assertEqual(letter.recipient_partner_ids, bank)
        self.assertIn(to_persian_digits(permit.permit_number), letter.body)
        self.assertIn("۱۲۳/۴۵", letter.body)
        # no recipient: refused, no letter
        letters = self.env["office.letter"].sudo().search_count([])
        wizard.recipient_id = False
        with self.assertRaises(UserError):
            wizard.action_letter()
        self.assertEqual(self.env["office.letter"].sudo().search_count([]), letters)
