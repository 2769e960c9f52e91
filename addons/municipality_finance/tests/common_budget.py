from odoo.tests import TransactionCase, new_test_user
from .common import create_municipality


class BudgetCase(TransactionCase):
    """A municipality with the municipal chart, fiscal year 1405 and an approved budget."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون بودجه")
        cls.year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1405, "company_id": cls.company.id})
        accounts = cls.env["account.account"].search([("company_ids", "in", cls.company.id)])
        cls.account = {code: accounts.filtered(lambda a, code=code: a.code == code) for code in (
            "601001", "601002", "801001", "802001", "803001", "202001")}
        Department = cls.env["hr.department"]
        cls.dep_services = Department.create({"name": "معاونت خدمات شهری", "company_id": cls.company.id})
        cls.dep_parks = Department.create({"name": "فضای سبز", "parent_id": cls.dep_services.id, "company_id": cls.company.id})
        cls.dep_admin = Department.create({"name": "امور اداری", "company_id": cls.company.id})
        cls.director = new_test_user(cls.env, "bud_director", groups="municipality_finance.group_finance_director",
                                     company_id=cls.company.id, company_ids=[cls.company.id])
        cls.budget = cls.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۵", "fiscal_year_id": cls.year.id, "company_id": cls.company.id,
            "resolution_number": "۱۴۰۴/۲۱۷", "resolution_date": "2026-02-25",
            "line_ids": [
                (0, 0, {"line_type": "revenue", "code": "11010", "name": "عوارض پروانه",
                        "account_ids": [(6, 0, cls.account["601001"].ids)], "amount_approved": 5_000_000}),
                (0, 0, {"code": "21010", "name": "حقوق خدمات شهری", "department_id": cls.dep_services.id,
                        "account_ids": [(6, 0, cls.account["801001"].ids)], "amount_approved": 3_000_000}),
                (0, 0, {"code": "21020", "name": "حقوق اداری", "department_id": cls.dep_admin.id,
                        "account_ids": [(6, 0, cls.account["801001"].ids)], "amount_approved": 2_000_000}),
                (0, 0, {"code": "22010", "name": "کالاها و خدمات", "department_id": cls.dep_services.id,
                        "account_ids": [(6, 0, cls.account["802001"].ids)], "amount_approved": 1_000_000}),
                (0, 0, {"code": "22020", "name": "تعمیر و نگهداری", "department_id": cls.dep_services.id,
                        "control_mode": "warn",
                        "account_ids": [(6, 0, cls.account["803001"].ids)], "amount_approved": 500_000}),
                (0, 0, {"code": "31010", "name": "طرح عمرانی", "nature": "capital", "department_id": cls.dep_admin.id,
                        "account_ids": [(6, 0, cls.account["202001"].ids)], "amount_approved": 4_000_000}),
            ]})
        cls.budget.with_user(cls.director).action_approve()
        lines = {line.code: line for line in cls.budget.line_ids}
        cls.revenue_line, cls.salaries_services, cls.salaries_admin = lines["11010"], lines["21010"], lines["21020"]
        cls.goods, cls.maintenance, cls.capital = lines["22010"], lines["22020"], lines["31010"]
        cls.vendor = cls.env["res.partner"].create({"name": "پیمانکار آزمون"})

    def _commitment(self, line, amount, approve=True, **values):
        commitment = self.env["municipality.budget.commitment"].create({
            "budget_line_id": line.id, "amount": amount, "purpose": "خرید آزمون", "date": "2026-05-01",
            "company_id": self.company.id, **values})
        if approve:
            commitment.with_user(self.director).action_approve()
        return commitment

    def _bill(self, account, amount, commitment=None, line=None, date="2026-06-01", post=True):
        bill = self.env["account.move"].create({
            "move_type": "in_invoice", "partner_id": self.vendor.id, "invoice_date": date, "date": date,
            "company_id": self.company.id,
            "invoice_line_ids": [(0, 0, {
                "name": "اقلام", "quantity": 1, "price_unit": amount, "account_id": account.id, "tax_ids": [(6, 0, [])],
                "budget_commitment_id": commitment.id if commitment else False,
                "budget_line_id": line.id if line else False})]})
        if post:
            bill.action_post()
        return bill

    def _amounts(self, line):
        line.invalidate_recordset()
        return (line.amount_approved, line.amount_final, line.amount_committed, line.amount_actual, line.amount_available)
