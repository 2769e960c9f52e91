"""A finance clerk sees the toll assessments and received cheques of their own department (and its
sub-departments) and those they created; accountants see every department's (review M-6)."""
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_tolls import TollsCase


@tagged("post_install", "-at_install")
class TestClerkDepartmentScope(TollsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.revenue = Department.create({"name": "درآمد", "company_id": cls.company.id})
        cls.district_revenue = Department.create(
            {"name": "درآمد منطقه ۲", "parent_id": cls.revenue.id, "company_id": cls.company.id})
        cls.urbanism = Department.create({"name": "شهرسازی", "company_id": cls.company.id})
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        clerk_group = "municipality_finance.group_finance_clerk"
        cls.revenue_clerk = new_test_user(cls.env, "scope_revenue_clerk", groups=clerk_group, **users)
        cls.district_clerk = new_test_user(cls.env, "scope_district_clerk", groups=clerk_group, **users)
        cls.urbanism_clerk = new_test_user(cls.env, "scope_urbanism_clerk", groups=clerk_group, **users)
        cls.accountant = new_test_user(
            cls.env, "scope_accountant", groups="municipality_finance.group_finance_accountant", **users)
        for user, department in ((cls.revenue_clerk, cls.revenue), (cls.district_clerk, cls.district_revenue),
                                 (cls.urbanism_clerk, cls.urbanism)):
            cls.env["hr.employee"].create({"name": user.name, "user_id": user.id, "department_id": department.id,
                                           "company_id": cls.company.id})
        Assessment = cls.env["municipality.toll.assessment"]
        cls.by_district = Assessment.with_user(cls.district_clerk).create_assessment(
            cls.citizen, cls.renovation.with_user(cls.district_clerk), {"value": 1_000_000}, date=cls.day_1405)
        cls.by_urbanism = Assessment.with_user(cls.urbanism_clerk).create_assessment(
            cls.citizen, cls.renovation.with_user(cls.urbanism_clerk), {"value": 2_000_000}, date=cls.day_1405)
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        Cheque = cls.env["municipality.cheque"]
        cls.cheque_district = Cheque.with_user(cls.district_clerk).create(cls._cheque_vals("1111222233334444"))
        cls.cheque_urbanism = Cheque.with_user(cls.urbanism_clerk).create(cls._cheque_vals("5555666677778888"))

    @classmethod
    def _cheque_vals(cls, sayad):
        return {"direction": "received", "sayad_number": sayad, "partner_id": cls.citizen.id, "amount": 1_000,
                "date": cls.day_1405, "due_date": cls.day_1405, "journal_id": cls.journal.id,
                "company_id": cls.company.id}

    def test_the_department_is_the_creators(self):
        self.assertEqual(self.by_district.department_id, self.district_revenue)
        self.assertEqual(self.by_urbanism.department_id, self.urbanism)
        self.assertEqual(self.cheque_district.department_id, self.district_revenue)

    def _visible(self, user, model, records):
        Model = self.env[model].with_user(user)
        found = Model.search([("id", "in", records.ids)])
        counted = sum(count for _department, count in Model._read_group(
            [("id", "in", records.ids)], ["department_id"], ["__count"]))
        self.assertEqual(len(found), counted, "read_group counts what search finds")
        return found

    def test_each_role_sees_its_departments(self):
        both_assessments = self.by_district | self.by_urbanism
        both_cheques = self.cheque_district | self.cheque_urbanism
        expected = {
            # the revenue clerk sees its sub-department's, not urbanism's
            self.revenue_clerk: (self.by_district, self.cheque_district),
            self.district_clerk: (self.by_district, self.cheque_district),
            self.urbanism_clerk: (self.by_urbanism, self.cheque_urbanism),
            self.accountant: (both_assessments, both_cheques),
        }
        for user, (assessments, cheques) in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user, "municipality.toll.assessment", both_assessments), assessments)
                self.assertEqual(self._visible(user, "municipality.cheque", both_cheques), cheques)
        with self.assertRaises(AccessError):
            self.by_urbanism.with_user(self.revenue_clerk).read(["national_id"])
        with self.assertRaises(AccessError):
            self.cheque_urbanism.with_user(self.district_clerk).read(["amount"])
        self.assertEqual(self.by_urbanism.with_user(self.accountant).national_id, "2718450932")

    def test_a_clerk_without_a_department_sees_what_they_created(self):
        loner = new_test_user(self.env, "scope_loner", groups="municipality_finance.group_finance_clerk",
                              company_id=self.company.id, company_ids=[self.company.id])
        mine = self.env["municipality.toll.assessment"].with_user(loner).create_assessment(
            self.citizen, self.renovation.with_user(loner), {"value": 3_000_000}, date=self.day_1405)
        self.assertFalse(mine.department_id)
        self.assertEqual(
            self.env["municipality.toll.assessment"].with_user(loner).search([("partner_id", "=", self.citizen.id)]),
            mine)

    def test_the_mayor_reads_every_department(self):
        """The Mayor (municipality_base's group) reads the assessments and cheques of every department and
        changes none (issue 15 item 14)."""
        mayor = new_test_user(self.env, "scope_mayor", groups="municipality_base.group_municipality_mayor",
                              company_id=self.company.id, company_ids=[self.company.id])
        self.assertTrue(mayor.has_group("municipality_finance.group_municipality_mayor"))
        assessments = self.by_district | self.by_urbanism
        self.assertEqual(self.env["municipality.toll.assessment"].with_user(mayor).search(
            [("id", "in", assessments.ids)]), assessments.with_user(mayor))
        cheques = self.cheque_district | self.cheque_urbanism
        self.assertEqual(self.env["municipality.cheque"].with_user(mayor).search([("id", "in", cheques.ids)]),
                         cheques.with_user(mayor))
        with self.assertRaises(AccessError):
            self.by_district.with_user(mayor).write({"department_id": self.urbanism.id})
