from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitRenovationToll(CommissionCase):
    """This year's renovation-toll receipt is required for a permit (DOMAIN §5): the file does not leave its
    application stage while the property's renovation toll of the current fiscal year is assessed and unpaid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)

    def _renovation_toll(self, prop):
        return self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY, origin=prop)

    def test_unpaid_renovation_toll_holds_the_application_until_paid(self):
        toll = self._renovation_toll(self.property)
        self.assertEqual(toll.fiscal_year_id, self.year_1405)
        permit = self._new_permit()
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).action_next_stage()
        message = str(caught.exception)
        self.assertIn("renovation toll of 1405", message.replace("۱۴۰۵", "1405"))
        self.assertIn(to_persian_digits(toll.name), message)
        self.assertEqual((permit.state, permit.stage_id.action), ("application", "application"))
        # the reason in Persian for a Persian user
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).with_context(lang="fa_IR").action_next_stage()
        self.assertIn("عوارض نوسازی سال ۱۴۰۵", str(caught.exception))
        self.assertIn(permit.name, str(caught.exception))
        # paid: the file moves on to the site visit
        toll._pay_in_full(date=DAY)
        self.assertTrue(toll.is_paid)
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual((permit.state, permit.stage_id.action), ("in_progress", "visit"))

    def test_partly_paid_toll_holds_the_file_and_a_cancelled_one_does_not(self):
        toll = self._renovation_toll(self.property)
        invoice = toll.invoice_id
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create({
            "payment_date": DAY, "amount": invoice.amount_residual / 2})._create_payments()
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(toll.is_paid)
        permit = self._new_permit()
        with self.assertRaisesRegex(UserError, "renovation toll"):
            permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "application")
        # a cancelled assessment is no bill: the year then counts as not assessed
        other = self.env["municipality.property"].create({
            "renovation_code": "88-21-31", "district_id": self.district.id, "land_area": 150,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        cancelled = self._renovation_toll(other)
        cancelled.action_cancel()
        self.assertEqual(cancelled.state, "cancelled")
        permit = self._new_permit(property_id=other.id)
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "visit")

    def test_no_assessment_this_year_does_not_hold_the_file(self):
        # another property's unpaid toll is not this file's business
        other = self.env["municipality.property"].create({
            "renovation_code": "88-21-30", "district_id": self.district.id, "land_area": 150,
            "company_id": self.company.id, "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        self.assertFalse(self._renovation_toll(other).is_paid)
        permit = self._new_permit()
        self.assertFalse(permit._unpaid_renovation_toll())
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "visit")
