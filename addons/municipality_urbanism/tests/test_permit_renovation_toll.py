from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .commission_common import CommissionCase
from .permit_common import DAY


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitRenovationToll(CommissionCase):
    """The property's clearance of its renovation toll is required for a permit (DOMAIN §5, issue 11): the file
    does not leave its application stage while a renovation toll of the property, of any year, is assessed and
    unpaid; a year not assessed yet does not hold it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)

    def _renovation_toll(self, prop, toll_year=None):
        """The renovation toll of ``prop`` for this year, or for ``toll_year`` (an earlier year billed today)."""
        extra = {"toll_year": toll_year, "due_date": date(2026, 3, 20)} if toll_year else {}
        return self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 200, "land_value": 1_000_000}, date=DAY, origin=prop,
            **extra)

    def _year_1404(self):
        year = self._add_year(1404)
        self.env["municipality.toll.tariff"].create({
            "toll_type_id": self.toll_renovation.id, "fiscal_year_id": year.id,
            "formula": "land_area * land_value * 0.004"})
        return year

    def test_unpaid_renovation_toll_holds_the_application_until_paid(self):
        toll = self._renovation_toll(self.property)
        self.assertEqual(toll.fiscal_year_id, self.year_1405)
        permit = self._new_permit()
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).action_next_stage()
        message = str(caught.exception)
        self.assertIn("is unpaid for 1405", message.replace("۱۴۰۵", "1405"))
        self.assertIn(to_persian_digits(toll.name), message)
        self.assertIn(f"{to_persian_digits('1,000,000')} rials unpaid", message)
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

    def test_an_earlier_year_s_unpaid_toll_holds_the_file(self):
        """Issue 11: a property with an unpaid 1404 toll passed while this year's was not assessed yet."""
        year_1404 = self._year_1404()
        arrear = self._renovation_toll(self.property, toll_year=year_1404)
        self.assertEqual((arrear.toll_year_id, arrear.is_paid), (year_1404, False))
        permit = self._new_permit()
        self.assertEqual(permit._unpaid_renovation_toll(), arrear)
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).action_next_stage()
        message = str(caught.exception)
        self.assertIn(permit.name, message)
        self.assertIn("is unpaid for ۱۴۰۴", message)
        self.assertIn(to_persian_digits(arrear.name), message)
        self.assertIn(f"{to_persian_digits(f'{round(arrear.invoice_id.amount_residual):,}')} rials unpaid", message)
        self.assertEqual((permit.state, permit.stage_id.action), ("application", "application"))
        # this year's toll unpaid as well: both years are named, the earlier first
        this_year = self._renovation_toll(self.property)
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).action_next_stage()
        message = str(caught.exception)
        self.assertIn("is unpaid for ۱۴۰۴, ۱۴۰۵", message)
        self.assertLess(message.index(to_persian_digits(arrear.name)), message.index(to_persian_digits(this_year.name)))
        # in Persian for a Persian user: each year's line as the clearance words it
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).with_context(lang="fa_IR").action_next_stage()
        self.assertIn("عوارض نوسازی سال ۱۴۰۴", str(caught.exception))
        self.assertIn("عوارض نوسازی سال ۱۴۰۵", str(caught.exception))
        # this year's paid, the arrear still not: still held
        this_year._pay_in_full(date=DAY)
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.front_desk).action_next_stage()
        self.assertNotIn(to_persian_digits(this_year.name), str(caught.exception))
        self.assertEqual(permit.stage_id.action, "application")
        arrear._pay_in_full(date=DAY)
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual((permit.state, permit.stage_id.action), ("in_progress", "visit"))

    def test_a_paid_earlier_year_and_a_year_not_assessed_do_not_hold_the_file(self):
        """A paid earlier year and this year not assessed yet: nothing holds the file."""
        arrear = self._renovation_toll(self.property, toll_year=self._year_1404())
        arrear._pay_in_full(date=DAY)
        permit = self._new_permit()
        self.assertFalse(permit._unpaid_renovation_toll())
        permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual(permit.stage_id.action, "visit")
