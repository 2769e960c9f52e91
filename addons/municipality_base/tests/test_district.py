from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDistrict(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.District = cls.env["municipality.district"]
        cls.manager = cls.env["hr.employee"].create({"name": "مدیر منطقه"})
        cls.district = cls.District.create({"code": "Z9", "name": "منطقه آزمون", "manager_id": cls.manager.id})

    def test_display_name_and_search_by_code(self):
        self.assertEqual(self.district.display_name, "Z9 - منطقه آزمون")
        self.assertEqual(self.District.name_search("Z9"), [(self.district.id, "Z9 - منطقه آزمون")])
        self.assertIn(self.district, self.District.search([("display_name", "ilike", "آزمون")]))

    def test_code_is_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.District.create({"code": "Z9", "name": "تکراری"})
            self.env.flush_all()
        other_company = self.env["res.company"].create({"name": "شهرداری دیگر"})
        twin = self.District.create({"code": "Z9", "name": "همنام", "company_id": other_company.id})
        self.assertEqual(twin.company_id, other_company)

    def test_citizens_of_a_district(self):
        citizens = self.env["res.partner"].create([
            {"name": "الف", "district_id": self.district.id},
            {"name": "ب", "district_id": self.district.id},
        ])
        self.assertEqual(self.district.partner_count, 2)
        action = self.district.action_view_partners()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), citizens)
        self.assertEqual(action["context"]["default_district_id"], self.district.id)

    def test_a_district_with_citizens_cannot_be_deleted(self):
        self.env["res.partner"].create({"name": "ساکن", "district_id": self.district.id})
        with self.assertRaisesRegex(UserError, "still has 1 citizens"):
            self.district.unlink()
        self.assertTrue(self.district.exists())

    def test_demo_city(self):
        if not self.env.ref("municipality_base.demo_district_1", raise_if_not_found=False):
            self.skipTest("the demo data is not installed")
        districts = self.District.search([("code", "in", ["1", "2", "3", "4"])])
        self.assertEqual(len(districts), 4)
        self.assertTrue(all(d.partner_count for d in districts))
