from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import create_toll_type


@tagged("post_install", "-at_install")
class TestRenovationTollBatch(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون نوسازی")
        env = cls.env
        cls.year = env["municipality.fiscal.year"].create({"jalali_year": 1405, "company_id": cls.company.id})
        cls.renov = create_toll_type(env, cls.company, "RENOV", "عوارض نوسازی", [("value", "ارزش ملک")],
                                     account="irm_revenue_renovation")
        env["municipality.toll.tariff"].create({
            "toll_type_id": cls.renov.id, "fiscal_year_id": cls.year.id, "formula": "value * 5 / 1000",
            "discount_percent": 10})
        District = env["municipality.district"]
        cls.north = District.create({"code": "5", "name": "شمال", "company_id": cls.company.id})
        cls.south = District.create({"code": "6", "name": "جنوب", "company_id": cls.company.id})
        Value = env["municipality.regional.value"]
        for district in (cls.north, cls.south):
            Value.create({"fiscal_year_id": cls.year.id, "district_id": district.id, "block": "10",
                          "land_value": 1_000_000, "building_value": 600_000, "company_id": cls.company.id})
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
