from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMunicipalitySecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, "clerk", groups="municipality_base.group_municipality_user")
        cls.admin_user = new_test_user(cls.env, "muni_admin", groups="municipality_base.group_municipality_manager")

    def test_groups_sit_under_the_municipality_category(self):
        category = self.env.ref("municipality_base.module_category_municipality")
        for xmlid in ("municipality_base.group_municipality_user", "municipality_base.group_municipality_manager"):
            self.assertEqual(self.env.ref(xmlid).privilege_id.category_id, category)

    def test_staff_read_districts_and_register_citizens(self):
        District = self.env["municipality.district"].with_user(self.clerk)
        self.assertTrue(District.search([]))
        with self.assertRaises(AccessError):
            District.create({"code": "X1", "name": "غیرمجاز"})
        citizen = self.env["res.partner"].with_user(self.clerk).create({
            "name": "شهروند", "national_id": "1371522200"})
        self.assertEqual(citizen.national_id, "1371522200")

    def test_administrators_manage_districts(self):
        district = self.env["municipality.district"].with_user(self.admin_user).create({"code": "X2", "name": "جدید"})
        district.name = "تغییر"
        district.unlink()
        self.assertFalse(district.exists())

    def test_districts_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "شهرداری همسایه"})
        self.env["municipality.district"].create({"code": "N1", "name": "همسایه", "company_id": other.id})
        self.assertFalse(self.env["municipality.district"].with_user(self.clerk).search([("code", "=", "N1")]))
