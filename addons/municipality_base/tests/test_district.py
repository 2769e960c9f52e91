from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
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

    def test_a_branch_sees_the_districts_its_citizens_may_live_in(self):
        """The district rule and _serves_company agree: a branch's users see their city's districts."""
        city = self.env["res.company"].create({"name": "شهرداری شهر آزمون"})
        branch = self.env["res.company"].create({"name": "شعبه آزمون", "parent_id": city.id})
        other = self.env["res.company"].create({"name": "شهرداری دیگر"})
        city_district = self.District.create({"code": "C1", "name": "منطقه شهر", "company_id": city.id})
        other_district = self.District.create({"code": "O1", "name": "منطقه دیگر", "company_id": other.id})
        user = new_test_user(self.env, "branch_user", groups="municipality_base.group_municipality_user",
                             company_id=branch.id, company_ids=[branch.id])
        self.assertTrue(city_district._serves_company(branch))
        self.assertFalse(other_district._serves_company(branch))
        visible = self.District.with_user(user).with_company(branch).search([("code", "in", ("C1", "O1"))])
        self.assertEqual(visible, city_district)
        citizen = self.env["res.partner"].create(
            {"name": "شهروند شعبه", "company_id": branch.id, "district_id": city_district.id})
        self.assertEqual(citizen.with_user(user).with_company(branch).district_id.name, "منطقه شهر")

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
