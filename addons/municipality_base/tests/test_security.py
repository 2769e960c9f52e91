from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMunicipalitySecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, "clerk", groups="municipality_base.group_municipality_user")
        cls.registrar = new_test_user(cls.env, "registrar", groups="municipality_base.group_municipality_registry")
        cls.admin_user = new_test_user(cls.env, "muni_admin", groups="municipality_base.group_municipality_manager")
        cls.env["municipality.district"].create({"code": "S1", "name": "منطقهٔ آزمون"})

    def test_groups_sit_under_the_municipality_category(self):
        category = self.env.ref("municipality_base.module_category_municipality")
        for xmlid in ("municipality_base.group_municipality_user", "municipality_base.group_municipality_registry",
                      "municipality_base.group_municipality_manager"):
            self.assertEqual(self.env.ref(xmlid).privilege_id.category_id, category)

    def test_staff_read_districts_and_citizens_but_do_not_register_them(self):
        District = self.env["municipality.district"].with_user(self.clerk)
        self.assertTrue(District.search([]))
        with self.assertRaises(AccessError):
            District.create({"code": "X1", "name": "غیرمجاز"})
        self.assertFalse(self.clerk.has_group("base.group_partner_manager"))
        citizen = self.env["res.partner"].create({"name": "شهروند", "national_id": "1371522200"})
        self.assertEqual(citizen.with_user(self.clerk).national_id, "1371522200")
        Partner = self.env["res.partner"].with_user(self.clerk)
        with self.assertRaises(AccessError):
            Partner.create({"name": "شهروند دیگر", "national_id": "2607114462"})
        with self.assertRaises(AccessError):
            citizen.with_user(self.clerk).write({"name": "نام تازه"})
        with self.assertRaises(AccessError):
            citizen.with_user(self.clerk).unlink()

    def test_the_registry_registers_and_corrects_citizens_but_does_not_delete_or_merge(self):
        self.assertFalse(self.registrar.has_group("base.group_partner_manager"))
        Partner = self.env["res.partner"].with_user(self.registrar)
        citizen = Partner.create({"name": "شهروند", "national_id": "1371522200"})
        twin = Partner.create({"name": "شهروند تکراری"})
        citizen.write({"name": "شهروند اصلاح‌شده", "mobile": "۰۹۱۲۱۲۳۴۵۶۷"})
        self.assertEqual(citizen.mobile, "09121234567")
        with self.assertRaises(AccessError):
            citizen.unlink()
        with self.assertRaises(AccessError):
            self.env["base.partner.merge.automatic.wizard"].with_user(self.registrar).with_context(
                active_model="res.partner", active_ids=(citizen | twin).ids).create({})
        self.assertTrue(citizen.exists() and twin.exists())

    def test_administrators_delete_and_merge_citizens(self):
        citizen, twin = self.env["res.partner"].create([{"name": "شهروند"}, {"name": "شهروند تکراری"}])
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.admin_user).with_context(
            active_model="res.partner", active_ids=(citizen | twin).ids).create({"dst_partner_id": citizen.id})
        wizard.action_merge()
        self.assertFalse(twin.exists())
        citizen.with_user(self.admin_user).unlink()
        self.assertFalse(citizen.exists())

    def test_administrators_manage_districts(self):
        district = self.env["municipality.district"].with_user(self.admin_user).create({"code": "X2", "name": "جدید"})
        district.name = "تغییر"
        district.unlink()
        self.assertFalse(district.exists())

    def test_districts_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "شهرداری همسایه"})
        self.env["municipality.district"].create({"code": "N1", "name": "همسایه", "company_id": other.id})
        self.assertFalse(self.env["municipality.district"].with_user(self.clerk).search([("code", "=", "N1")]))


@tagged("post_install", "-at_install")
class TestAppsMenu(TransactionCase):

    def test_only_the_administrator_sees_the_apps(self):
        """Odoo's Apps (the app store; base_install_request opens it to every user) are the administrator's,
        not a clerk's (issue 15 item 17)."""
        apps = self.env.ref("base.menu_management")
        clerk = new_test_user(self.env, "apps_clerk", groups="municipality_base.group_municipality_registry")
        self.assertNotIn(apps.id, self.env["ir.ui.menu"].with_user(clerk)._visible_menu_ids())
        self.assertIn(apps.id, self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin"))._visible_menu_ids())
