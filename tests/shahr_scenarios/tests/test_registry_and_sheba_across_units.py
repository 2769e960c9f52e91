from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.municipality_finance.tests.common import create_municipality


@tagged("post_install", "-at_install")
class TestRegistryAndShebaAcrossUnits(TransactionCase):
    """Who registers a person and who changes where the municipality pays, across the units (issue 10, item 1):
    a 137 operator registers and corrects the citizens who call, and cannot touch a vendor's Sheba; a plain
    municipal user does neither; only the administrator deletes a citizen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون ثبت")
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.operator = new_test_user(
            cls.env, "reg_operator", groups="municipality_citizen_desk.group_citizen_desk_operator", **users)
        cls.staff = new_test_user(cls.env, "reg_staff", groups="municipality_base.group_municipality_user", **users)
        cls.vendor = cls.env["res.partner"].create({"name": "شرکت آسفالت شهر", "is_company": True})
        cls.sheba = cls.env["res.partner.bank"].create({
            "partner_id": cls.vendor.id, "acc_number": "IR820540102680020817909002"})

    def test_operator_registers_citizens_but_not_bank_accounts(self):
        citizen = self.env["res.partner"].with_user(self.operator).create({"name": "زهرا کریمی"})
        citizen.with_user(self.operator).write({"mobile": "09121234567"})
        with self.assertRaises(AccessError):
            citizen.with_user(self.operator).unlink()
        with self.assertRaises(AccessError):
            self.sheba.with_user(self.operator).write({"acc_number": "IR062960000000100324200001"})
        with self.assertRaises(AccessError):
            self.env["res.partner.bank"].with_user(self.operator).create(
                {"partner_id": self.vendor.id, "acc_number": "IR062960000000100324200001"})
        self.assertEqual(self.sheba.acc_number, "IR820540102680020817909002")

    def test_plain_staff_neither_register_nor_correct(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.staff).create({"name": "شهروند بی‌اجازه"})
        with self.assertRaises(AccessError):
            self.vendor.with_user(self.staff).write({"name": "نام دیگر"})
