from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MunicipalityHrCase, national_id


@tagged("post_install", "-at_install")
class TestEmployee(MunicipalityHrCase):

    def test_citizen_and_employee_are_one_partner(self):
        citizen = self.env["res.partner"].create({"name": "Citizen Employee", "national_id": national_id(90001),
                                                  "company_id": self.company.id})
        employee = self.env["hr.employee"].create({
            "name": "Citizen Employee", "company_id": self.company.id, "work_contact_id": citizen.id,
            "personnel_number": "P-90001", "municipality_employment_type": "worker", "allowance_children": 2,
            "insurer_id": self.sso.id, "workshop_id": self.workshop.id})
        self.assertEqual(employee.work_contact_id, citizen)
        self.assertEqual(employee.national_id, citizen.national_id)
        self.assertEqual(self.env["res.partner"].search_count([("national_id", "=", citizen.national_id)]), 1)
        self.assertEqual(employee.version_id.municipality_employment_type, "worker")
        self.assertEqual(employee.version_id.allowance_children, 2)

    def test_personnel_number_needs_a_citizen_record(self):
        contact = self.env["res.partner"].create({"name": "No National ID", "company_id": self.company.id})
        with self.assertRaisesRegex(ValidationError, "national ID"), self.env.cr.savepoint():
            self.env["hr.employee"].create({"name": "No National ID", "company_id": self.company.id,
                                            "work_contact_id": contact.id, "personnel_number": "P-90002"})
        self.assertFalse(self.env["hr.employee"].search([("personnel_number", "=", "P-90002")]))

    def test_personnel_number_unique_and_counts_positive(self):
        self.create_employee("First", personnel_number="P-1")
        with self.assertRaises(Exception), self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.create_employee("Second", personnel_number="P-1")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create_employee("Third", allowance_children=-1)

    def test_only_accountants_change_the_sheba(self):
        employee = self.create_employee("Sheba Holder")
        with self.assertRaises(AccessError):
            self.env["res.partner.bank"].with_user(self.hr_officer).create({
                "partner_id": employee.work_contact_id.id, "acc_number": "IR820540102680020817909002"})
