from odoo.tests import freeze_time, new_test_user, tagged

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPropertyHistory(CommissionCase):
    """The property's history as smart buttons: its permit files, its renovation tolls and the letters about it,
    each counted as the user may read them and opening the list of exactly those records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)
        cls.other_property = env["municipality.property"].create({
            "renovation_code": "88-21-40", "district_id": cls.district.id, "land_area": 150,
            "company_id": cls.company.id, "owner_share_ids": [(0, 0, {"partner_id": cls.owner.id, "share_dang": 6})]})
        cls.finance_clerk = new_test_user(env, "up_hist_clerk", groups="municipality_finance.group_finance_clerk",
                                          company_id=cls.company.id, company_ids=[cls.company.id])

    def _form_arch(self, user):
        return self.env["municipality.property"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]

    def _renovation_toll(self, prop):
        return self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY, origin=prop)

    def test_permit_files(self):
        first = self._new_permit()
        second = self._new_permit(inspector_id=self.other_inspector.id)
        self._new_permit(property_id=self.other_property.id)
        prop = self.property.with_user(self.front_desk)
        self.assertEqual(prop.permit_count, 2)
        action = prop.action_view_permits()
        self.assertEqual((action["type"], action["res_model"]), ("ir.actions.act_window", "municipality.permit"))
        self.assertEqual(action["domain"], [("property_id", "=", self.property.id)])
        self.assertEqual(action["context"]["default_property_id"], self.property.id)
        self.assertEqual(self.env["municipality.permit"].with_user(self.front_desk).search(action["domain"]),
                         first | second)
        # an inspector sees the files assigned to them: the count is the list the button opens
        prop = self.property.with_user(self.inspector)
        self.assertEqual(prop.permit_count, 1)
        self.assertEqual(self.env["municipality.permit"].with_user(self.inspector).search(
            prop.action_view_permits()["domain"]), first)
        self.assertEqual(self.other_property.with_user(self.front_desk).permit_count, 1)
        self.assertEqual(self.property.with_user(self.front_desk).with_context(lang="fa_IR")
                         .action_view_permits()["name"], "پرونده‌های پروانه")
        self.assertIn('name="action_view_permits"', self._form_arch(self.front_desk))

    def test_renovation_tolls(self):
        toll = self._renovation_toll(self.property)
        self._renovation_toll(self.other_property)
        permit = self._new_permit()
        fee = self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_permit, {"area": 100, "regional_value": 1_000_000}, date=DAY, origin=permit)
        self.assertEqual((fee.origin_model, fee.origin_id), ("municipality.permit", permit.id))
        for user in (self.cashier, self.mayor):  # an accountant and the mayor read every assessment
            prop = self.property.with_user(user)
            self.assertEqual(prop.renovation_toll_count, 1)
            action = prop.action_view_renovation_tolls()
            self.assertEqual(action["res_model"], "municipality.toll.assessment")
            self.assertEqual(action["domain"], [("origin_model", "=", "municipality.property"),
                                                ("origin_id", "=", self.property.id)])
            self.assertEqual(self.env["municipality.toll.assessment"].with_user(user).search(action["domain"]), toll)
            self.assertIn('name="action_view_renovation_tolls"', self._form_arch(user))
        self.assertEqual(self.property.with_user(self.mayor).with_context(lang="fa_IR")
                         .action_view_renovation_tolls()["name"], "عوارض نوسازی")
        # a finance clerk reads the assessments of their own department only: the count is the list they get
        prop = self.property.with_user(self.finance_clerk)
        self.assertEqual(prop.renovation_toll_count, 0)
        self.assertFalse(self.env["municipality.toll.assessment"].with_user(self.finance_clerk).search(
            prop.action_view_renovation_tolls()["domain"]))
        # the front desk does not read finance's assessments: no button, and a count of nothing rather than an error
        self.assertEqual(self.property.with_user(self.front_desk).renovation_toll_count, 0)
        self.assertNotIn('name="action_view_renovation_tolls"', self._form_arch(self.front_desk))

    def test_letters(self):
        answer = self.env["municipality.property.inquiry.answer"].with_user(self.expert).create({
            "property_id": self.property.id, "recipient_id": self.agency.id, "reference": "۱۲۳"})
        letter = self.env["office.letter"].browse(answer.action_letter()["res_id"])
        self.assertEqual((letter.res_model, letter.res_id), ("municipality.property", self.property.id))
        permit = self._new_permit()
        self.env["office.letter"].with_user(self.expert).create(
            {"subject": "نامه درباره پرونده پروانه", "letter_type": "internal", **permit._office_letter_defaults()})
        prop = self.property.with_user(self.expert)
        self.assertEqual(prop.office_letter_count, 1)
        action = prop.action_view_office_letters()
        self.assertEqual(action["res_model"], "office.letter")
        self.assertEqual(action["domain"], [("res_model", "=", "municipality.property"),
                                            ("res_id", "=", self.property.id)])
        self.assertEqual(self.env["office.letter"].with_user(self.expert).search(action["domain"]), letter)
        self.assertEqual(self.other_property.with_user(self.expert).office_letter_count, 0)
        self.assertIn('name="action_view_office_letters"', self._form_arch(self.expert))
        # the front desk is not correspondence staff: no letters button
        self.assertNotIn('name="action_view_office_letters"', self._form_arch(self.front_desk))
