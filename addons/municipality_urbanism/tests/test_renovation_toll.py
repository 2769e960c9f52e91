from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import create_toll_type


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")  # 1405/02/20, in Tehran too
class TestRenovationTollBatch(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون نوسازی")
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")  # the refusals are read in Persian
        env["ir.module.module"]._load_module_terms(["municipality_finance", "municipality_urbanism"], ["fa_IR"],
                                                   overwrite=True)
        cls.year = env["municipality.fiscal.year"].create({"jalali_year": 1405, "company_id": cls.company.id})
        cls.renov = create_toll_type(env, cls.company, "RENOV", "عوارض نوسازی", [("value", "ارزش ملک")],
                                     account="irm_revenue_renovation")
        env["municipality.toll.tariff"].create({
            "toll_type_id": cls.renov.id, "fiscal_year_id": cls.year.id, "formula": "value * 5 / 1000",
            "discount_percent": 10})
        # last year, with its own regional values and a tariff with a late penalty of 2 % per month started
        cls.last_year = env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": cls.company.id})
        cls.last_tariff = env["municipality.toll.tariff"].create({
            "toll_type_id": cls.renov.id, "fiscal_year_id": cls.last_year.id, "formula": "value * 5 / 1000",
            "discount_percent": 10, "penalty_percent": 2, "penalty_mode": "monthly", "penalty_max_percent": 30})
        District = env["municipality.district"]
        cls.north = District.create({"code": "5", "name": "شمال", "company_id": cls.company.id})
        cls.south = District.create({"code": "6", "name": "جنوب", "company_id": cls.company.id})
        Value = env["municipality.regional.value"]
        for district in (cls.north, cls.south):
            Value.create({"fiscal_year_id": cls.year.id, "district_id": district.id, "block": "10",
                          "land_value": 1_000_000, "building_value": 600_000, "company_id": cls.company.id})
            Value.create({"fiscal_year_id": cls.last_year.id, "district_id": district.id, "block": "10",
                          "land_value": 800_000, "building_value": 500_000, "company_id": cls.company.id})
        owner = env["res.partner"].create({"name": "مالک نوسازی", "national_id": "0790419904"})
        Property = env["municipality.property"]
        shares = [(0, 0, {"partner_id": owner.id, "share_dang": 6})]
        cls.north_props = Property.create([{
            "renovation_code": f"5-10-{n}", "district_id": cls.north.id, "land_area": 200, "building_area": 300,
            "company_id": cls.company.id, "owner_share_ids": shares} for n in range(1, 8)])
        cls.south_props = Property.create([{
            "renovation_code": f"6-10-{n}", "district_id": cls.south.id, "land_area": 200, "building_area": 300,
            "company_id": cls.company.id, "owner_share_ids": shares} for n in range(1, 3)])
        cls.no_owner = Property.create({"renovation_code": "6-10-99", "district_id": cls.south.id,
                                        "land_area": 100, "company_id": cls.company.id})

    def _assessments(self, properties=None):
        domain = [("origin_model", "=", "municipality.property"), ("toll_type_id", "=", self.renov.id)]
        if properties is not None:
            domain.append(("origin_id", "in", properties.ids))
        return self.env["municipality.toll.assessment"].search(domain)

    def test_amount_is_the_year_value_times_the_rate_less_the_on_time_discount(self):
        run = self.env["municipality.property"].run_renovation_toll(self.year, self.north)
        self.assertEqual((run.state, run.assessed_count, run.skipped_count), ("done", 7, 0))
        assessment = self._assessments(self.north_props[0])
        # 200 m² × 1,000,000 + 300 m² × 600,000 = 380,000,000 rials; 5‰ = 1,900,000; 10 % on time
        self.assertEqual((assessment.amount_computed, assessment.discount_amount, assessment.amount_total),
                         (1_900_000, 190_000, 1_710_000))
        self.assertEqual(assessment.state, "confirmed")
        self.assertTrue(assessment.payment_id)
        self.assertEqual(assessment.invoice_id.state, "posted")
        arrears = self.north_props[:1]._renovation_arrears()
        self.assertEqual(arrears[self.north_props[0]], 1_710_000)
        assessment._pay_in_full()
        self.assertEqual(self.north_props[:1]._renovation_arrears()[self.north_props[0]], 0)

    def test_run_twice_assesses_each_property_once(self):
        Property = self.env["municipality.property"]
        first = Property.run_renovation_toll(self.year)
        self.assertEqual((first.assessed_count, first.skipped_count), (9, 1))
        self.assertIn("6-10-99", first.skipped_log)
        second = Property.run_renovation_toll(self.year)
        self.assertEqual((second.assessed_count, second.property_count), (0, 1))
        assessments = self._assessments()
        self.assertEqual(len(assessments), 9)
        self.assertEqual(sorted(assessments.mapped("origin_id")), sorted((self.north_props | self.south_props).ids))

    def test_interrupted_run_resumes_without_doubles(self):
        run = self.env["municipality.renovation.toll.run"].create({
            "fiscal_year_id": self.year.id, "toll_type_id": self.renov.id, "company_id": self.company.id,
            "batch_size": 3})
        self.assertFalse(run._execute(stop_after=1))
        self.assertEqual((run.state, run.assessed_count), ("running", 3))
        self.assertAlmostEqual(run.progress, 30.0)
        # an interruption in the middle of the next batch leaves nothing of it
        with self.assertRaises(ZeroDivisionError), self.cr.savepoint():
            run._assess_batch(self.env["municipality.property"].browse(run._todo()[:3]))
            raise ZeroDivisionError  # the crash
        self.assertEqual(len(self._assessments()), 3)
        self.assertTrue(run._execute())
        self.assertEqual((run.state, run.assessed_count, run.skipped_count), ("done", 9, 1))
        self.assertEqual(len(self._assessments()), 9)

    def test_a_run_is_named_by_its_toll_year_and_district(self):
        run = self.env["municipality.renovation.toll.run"].create({
            "fiscal_year_id": self.year.id, "toll_type_id": self.renov.id, "company_id": self.company.id,
            "district_id": self.south.id})
        self.assertEqual(run.display_name,
                         f"{self.renov.name} {self.year.display_name} — {self.south.display_name}")
        self.assertNotIn("municipality.renovation.toll.run", run.display_name)

    def test_the_database_refuses_a_second_assessment_of_a_year(self):
        self.env["municipality.property"].run_renovation_toll(self.year, self.south)
        prop = self.south_props[0]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["municipality.toll.assessment"].create_assessment(
                prop.owner_ids, self.renov, {"value": 1000}, date=self.year.date_from, origin=prop)
        self.assertEqual(len(self._assessments(prop)), 1)

    def test_a_year_without_tariff_is_refused_before_anything(self):
        year = self.env["municipality.fiscal.year"].create({"jalali_year": 1406, "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "tariff"):
            self.env["municipality.property"].run_renovation_toll(year)
        self.assertFalse(self._assessments())

    def test_a_toll_with_an_input_the_batch_lacks_is_refused_before_anything(self):
        self.renov.input_ids = [(0, 0, {"key": "floor_count", "name": "تعداد طبقات"})]
        with self.assertRaisesRegex(UserError, "floor_count"):
            self.env["municipality.property"].run_renovation_toll(self.year, self.north)
        self.assertFalse(self._assessments())

    # ------------------------------------------------------------------
    # A past year's toll, billed today
    # ------------------------------------------------------------------
    def test_last_years_toll_billed_today_gets_the_late_penalty_of_its_tariff(self):
        Property = self.env["municipality.property"]
        run = Property.run_renovation_toll(self.last_year, self.north)
        self.assertEqual((run.state, run.assessed_count, run.skipped_count), ("done", 7, 0))
        assessments = self._assessments(self.north_props)
        self.assertEqual(len(assessments), 7)
        # dated the day it is billed, in today's fiscal year; for last year, due on its last day (1404/12/29)
        today = date(2026, 5, 10)
        self.assertEqual({(a.date, a.fiscal_year_id, a.toll_year_id, a.due_date, a.tariff_id) for a in assessments},
                         {(today, self.year, self.last_year, self.last_year.date_to, self.last_tariff)})
        # 1404's values: 200 m² × 800,000 + 300 m² × 500,000 = 310,000,000 rials; 5‰ = 1,550,000; billed
        # 1405/02/20, two months started since 1404/12/29: 2 × 2 % = 62,000 of penalty, no on-time discount
        self.assertEqual({(a.months_late, a.amount_computed, a.discount_amount, a.penalty_amount, a.amount_total)
                          for a in assessments}, {(2, 1_550_000, 0, 62_000, 1_612_000)})
        invoice = assessments[0].invoice_id
        self.assertEqual((invoice.state, invoice.invoice_date, invoice.amount_total), ("posted", today, 1_612_000))
        # this year's batch, run the same day, is on time: the discount of its tariff, no penalty
        Property.run_renovation_toll(self.year, self.north)
        current = self._assessments(self.north_props) - assessments
        self.assertEqual(len(current), 7)
        self.assertEqual({(a.date, a.toll_year_id, a.due_date, a.months_late, a.amount_computed, a.discount_amount,
                           a.penalty_amount, a.amount_total) for a in current},
                         {(today, self.year, self.year.date_to, 0, 1_900_000, 190_000, 0, 1_710_000)})

    def test_a_past_years_batch_resumed_or_run_again_assesses_each_property_once(self):
        run = self.env["municipality.renovation.toll.run"].create({
            "fiscal_year_id": self.last_year.id, "toll_type_id": self.renov.id, "company_id": self.company.id,
            "batch_size": 3})
        self.assertFalse(run._execute(stop_after=1))
        self.assertEqual(len(self._assessments()), 3)
        self.assertTrue(run._execute())
        self.assertEqual((run.state, run.assessed_count, run.skipped_count), ("done", 9, 1))
        again = self.env["municipality.property"].run_renovation_toll(self.last_year)
        self.assertEqual((again.assessed_count, again.property_count), (0, 1))
        assessments = self._assessments()
        self.assertEqual(len(assessments), 9)
        self.assertEqual((assessments.toll_year_id, assessments.fiscal_year_id), (self.last_year, self.year))
        # the database refuses a second toll of last year too, though billed in this year
        prop = self.south_props[0]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["municipality.toll.assessment"].create_assessment(
                prop.owner_ids, self.renov, {"value": 1000}, origin=prop, toll_year=self.last_year)
        self.assertEqual(len(self._assessments(prop)), 1)

    def test_arrears_show_a_past_years_toll_under_its_own_year(self):
        Property = self.env["municipality.property"]
        prop = self.north_props[0]
        Property.run_renovation_toll(self.last_year, self.north)
        Property.run_renovation_toll(self.year, self.north)
        self.assertEqual(prop._renovation_balances()[prop], {1404: (1_612_000, 0), 1405: (1_710_000, 0)})
        self.assertEqual(prop._renovation_arrears(1404)[prop], 1_612_000)
        self.assertEqual(prop._renovation_arrears()[prop], 1_612_000 + 1_710_000)
        lines = prop.with_context(lang="fa_IR")._unpaid_lines()
        self.assertEqual(len(lines), 2)
        self.assertIn("۱۴۰۴", lines[0])
        self.assertIn("۱۴۰۵", lines[1])
        self._assessments(prop).filtered(lambda a: a.toll_year_id == self.last_year)._pay_in_full()
        self.assertEqual(prop._renovation_balances()[prop][1404], (1_612_000, 1_612_000))
        self.assertEqual(prop._renovation_arrears(1404)[prop], 0)
        self.assertEqual(prop._renovation_arrears()[prop], 1_710_000)

    def test_a_past_year_billed_without_a_fiscal_year_for_today_is_refused_before_anything(self):
        Property = self.env["municipality.property"].with_context(lang="fa_IR")
        with freeze_time("2027-05-10 08:00:00"):  # 1406/02/20: the municipality has no fiscal year 1406
            with self.assertRaisesRegex(UserError, "عوارض نوسازی.*ابتدا سال مالی ۱۴۰۶ را ایجاد کنید"):
                Property.run_renovation_toll(self.last_year)
            # nor when a batch left running is resumed: finance refuses the day without a fiscal year
            run = self.env["municipality.renovation.toll.run"].create({
                "fiscal_year_id": self.last_year.id, "toll_type_id": self.renov.id, "company_id": self.company.id})
            with self.assertRaisesRegex(UserError, "سال مالی تعریف نشده"), self.cr.savepoint():
                run.with_context(lang="fa_IR")._execute()
        self.assertFalse(self._assessments())

    def test_a_past_year_without_tariff_is_refused_before_anything(self):
        older = self.env["municipality.fiscal.year"].create({"jalali_year": 1403, "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "تعرفه ندارد"):
            self.env["municipality.property"].with_context(lang="fa_IR").run_renovation_toll(older)
        self.assertFalse(self._assessments())
        self.assertFalse(self.env["account.move"].search([("company_id", "=", self.company.id),
                                                          ("move_type", "=", "out_invoice")]))
