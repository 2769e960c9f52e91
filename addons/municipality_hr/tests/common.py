"""Set-up shared by the personnel and payroll tests."""

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.municipality_finance.tests.common import create_municipality

from odoo.addons.municipality_base.tools.identifiers import national_id_from_serial


#: A 1404 decree: base salary, seniority, housing and grocery allowances (monthly rials).
DECREE_1404 = {"BASE": 103_909_680, "SENIORITY": 2_820_000, "HOUSING": 9_000_000, "GROCERY": 22_000_000}


def national_id(serial):
    """A valid national ID built from ``serial``, different from the demo's (the prefix 71 is the tests')."""
    return national_id_from_serial(71, serial)


class MunicipalityHrCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "Test Municipality of Payroll")
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.sso = cls.env.ref("municipality_hr.insurer_social_security")
        cls.workshop = cls.env["municipality.hr.workshop"].create({
            "name": "Central Workshop", "code": "9876543210", "insurer_id": cls.sso.id, "company_id": cls.company.id})
        cls.department = cls.env["hr.department"].create({"name": "Urban Services", "company_id": cls.company.id})
        cls.hr_officer = new_test_user(
            cls.env, "hr_test_officer", groups="municipality_hr.group_hr_officer",
            company_id=cls.company.id, company_ids=[cls.company.id])
        cls.payroll_officer = new_test_user(
            cls.env, "hr_test_payroll", groups="municipality_hr.group_payroll_officer",
            company_id=cls.company.id, company_ids=[cls.company.id])
        cls.director = new_test_user(
            cls.env, "hr_test_director", groups="municipality_finance.group_finance_director",
            company_id=cls.company.id, company_ids=[cls.company.id])
        cls._serial = 0

    @classmethod
    def create_employee(cls, name, **values):
        cls._serial += 1
        partner = cls.env["res.partner"].create({"name": name, "national_id": national_id(cls._serial),
                                                 "company_id": cls.company.id})
        vals = {
            "name": name, "company_id": cls.company.id, "work_contact_id": partner.id,
            "personnel_number": f"T{cls._serial:05d}", "department_id": cls.department.id,
            "insurer_id": cls.sso.id, "workshop_id": cls.workshop.id, "date_version": "2025-03-21",
        }
        vals.update(values)
        return cls.env["hr.employee"].create(vals)

    @classmethod
    def pay_item(cls, code):
        return cls.env.ref(f"municipality_hr.pay_item_{code.lower()}")

    @classmethod
    def create_decree(cls, employee, execution_date, amounts, approve=True, **values):
        """A decree of ``employee`` from ``execution_date`` with ``amounts`` {item code: monthly amount}."""
        vals = {
            "employee_id": employee.id, "company_id": cls.company.id, "execution_date": execution_date,
            "issue_date": values.pop("issue_date", execution_date), "decree_type": values.pop("decree_type", "hiring"),
            "department_id": employee.department_id.id,
            "line_ids": [(0, 0, {"pay_item_id": cls.pay_item(code).id, "amount": amount})
                         for code, amount in amounts.items()],
        }
        vals.update(values)
        decree = cls.env["municipality.hr.decree"].create(vals)
        if approve:
            decree.with_user(cls.hr_officer).action_approve()
        return decree
