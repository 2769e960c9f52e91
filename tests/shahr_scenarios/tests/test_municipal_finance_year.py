"""A year of a municipality's finance, across units, entered once.

The council's budget for 1404 is approved; a citizen registered once (by
national ID) is assessed a renovation toll and pays it, and the revenue lands
on the budget's revenue line; the services department requests a commitment,
the contractor's bill consumes it and a payment order signed by the finance
director and the mayor pays it; twelve months of entries follow; the finance
director closes the year: revenue and expense accounts are zero, the opening
entry of 1405 reproduces the balance sheet, nothing can be posted into 1404
by any path (entry, invoice, payment, toll assessment), closing again does
nothing new, and reopening undoes it.
"""

from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.jalali import from_jalali

from odoo.addons.municipality_finance.tests.common import create_municipality

LAST_DAY_1404 = date(2026, 3, 20)   # 1404/12/29
FIRST_DAY_1405 = date(2026, 3, 21)  # 1405/01/01


@tagged("post_install", "-at_install")
class TestMunicipalFinanceYear(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری سناریو")
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        group = "municipality_finance.group_"
        cls.services = cls.env["hr.department"].create({"name": "معاونت خدمات شهری", "company_id": cls.company.id})
        cls.clerk = new_test_user(cls.env, "scenario_clerk", groups=f"{group}finance_clerk", **users)
        cls.env["hr.employee"].create({"name": "کارمند مالی", "user_id": cls.clerk.id, "department_id": cls.services.id,
                                       "company_id": cls.company.id})
        cls.accountant = new_test_user(cls.env, "scenario_accountant", groups=f"{group}finance_accountant", **users)
        cls.director = new_test_user(cls.env, "scenario_director", groups=f"{group}finance_director", **users)
        cls.mayor = new_test_user(cls.env, "scenario_mayor", groups=f"{group}municipality_mayor", **users)
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.accounts = {xmlid: chart.ref(f"irm_{xmlid}") for xmlid in (
            "revenue_renovation", "revenue_services", "goods_services", "salaries", "net_assets", "land",
            "payable", "receivable_tolls", "year_result", "accumulated_surplus", "bank")}
        cls.bank_journal = cls.env["account.journal"].search([("company_id", "=", cls.company.id), ("type", "=", "bank")])
        cls.misc_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("code", "=", "MISC")])
        FiscalYear = cls.env["municipality.fiscal.year"]
        cls.year = FiscalYear.create({"jalali_year": 1404, "company_id": cls.company.id})
        # the citizen, registered once by the citizen desk (municipality_base)
        cls.citizen = cls.env["res.partner"].create({"name": "مریم کریمی", "national_id": "۳۸۱۲۳۴۵۶۷۶"})
        cls.contractor = cls.env["res.partner"].create({"name": "شرکت پاک‌شهر", "is_company": True})
        cls.contractor_sheba = cls.env["res.partner.bank"].create({
            "partner_id": cls.contractor.id, "acc_number": "IR82 0540 1026 8002 0817 9090 02",
            "allow_out_payment": True})
        cls.renovation = cls.env["municipality.toll.type"].create({
            "name": "عوارض نوسازی", "code": "RENOV", "company_id": cls.company.id,
            "account_id": cls.accounts["revenue_renovation"].id,
            "input_ids": [(0, 0, {"key": "value", "name": "ارزش ملک"})],
            "tariff_ids": [(0, 0, {"fiscal_year_id": cls.year.id, "formula": "value * 5 / 1000"})],
        })

    def _post_entry(self, day, lines, journal=None):
        move = self.env["account.move"].create({
            "journal_id": (journal or self.misc_journal).id, "date": day,
            "line_ids": [(0, 0, {"account_id": self.accounts[key].id, "debit": max(amount, 0), "credit": max(-amount, 0),
                                 **extra}) for key, amount, extra in lines]})
        move.action_post()
        return move

    def _balances(self, day, exclude=None):
        """{account: balance} of every account of the company up to ``day``."""
        domain = [("company_id", "=", self.company.id), ("parent_state", "=", "posted"), ("date", "<=", day)]
        if exclude:
            domain.append(("move_id", "not in", exclude.ids))
        return {account: balance for account, balance in self.env["account.move.line"]._read_group(
            domain, ["account_id"], ["balance:sum"]) if balance}

    def test_a_year_from_budget_to_closing(self):
        # 1. The council's budget, approved by the finance director.
        budget = self.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۴", "fiscal_year_id": self.year.id, "company_id": self.company.id,
            "resolution_number": "۱۴۰۳/۹۹", "resolution_date": "2025-02-10",
            "line_ids": [
                (0, 0, {"line_type": "revenue", "code": "11020", "name": "عوارض نوسازی",
                        "account_ids": [(6, 0, self.accounts["revenue_renovation"].ids)], "amount_approved": 50_000_000}),
                (0, 0, {"code": "22010", "name": "کالاها و خدمات", "department_id": self.services.id,
                        "account_ids": [(6, 0, self.accounts["goods_services"].ids)], "amount_approved": 400_000_000}),
            ]})
        budget.with_user(self.director).action_approve()
        revenue_line, goods_line = budget.line_ids.sorted("code")

        # 2. The citizen's renovation toll: assessed (5‰ of the value), invoiced with a payment ID, paid.
        assessment = self.env["municipality.toll.assessment"].with_user(self.clerk).create_assessment(
            self.citizen, "RENOV", {"value": 2_000_000_000}, date=from_jalali(1404, 2, 10))
        self.assertEqual(assessment.amount_total, 10_000_000)
        self.assertEqual(assessment.invoice_id.partner_id.national_id, "3812345676")
        self.assertTrue(assessment.invoice_id.payment_reference)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=assessment.invoice_id.ids).create(
            {"journal_id": self.bank_journal.id, "payment_date": from_jalali(1404, 2, 20)})._create_payments()
        self.assertTrue(assessment.is_paid)
        revenue_line.invalidate_recordset()
        self.assertEqual(revenue_line.amount_actual, 10_000_000, "the toll lands on the revenue line")

        # 3. A commitment for the services department, a bill that consumes it, a co-signed payment order.
        commitment = self.env["municipality.budget.commitment"].with_user(self.clerk).create({
            "budget_line_id": goods_line.id, "amount": 300_000_000, "purpose": "خرید سطل زباله",
            "date": from_jalali(1404, 3, 1), "company_id": self.company.id})
        commitment.with_user(self.director).action_approve()
        bill = self.env["account.move"].with_user(self.accountant).create({
            "move_type": "in_invoice", "partner_id": self.contractor.id, "invoice_date": from_jalali(1404, 4, 1),
            "invoice_line_ids": [(0, 0, {"name": "سطل زباله", "price_unit": 300_000_000, "tax_ids": [],
                                         "account_id": self.accounts["goods_services"].id,
                                         "budget_commitment_id": commitment.id})]})
        bill.action_post()
        self.assertEqual(commitment.state, "done")
        goods_line.invalidate_recordset()
        self.assertEqual((goods_line.amount_committed, goods_line.amount_actual, goods_line.amount_available),
                         (0, 300_000_000, 100_000_000))
        # The figures are the line's whoever reads them (the mayor has no access to commitments).
        self.assertEqual(goods_line.with_user(self.mayor).amount_available, 100_000_000)
        # An approved line's controls are the director's to change.
        with self.assertRaises(UserError), self.cr.savepoint():
            goods_line.with_user(self.accountant).control_mode = "warn"
        self.assertEqual(goods_line.control_mode, "block")
        with self.assertRaises(UserError):  # overspend: 150,000,000 more than the 100,000,000 left
            self.env["account.move"].create({
                "move_type": "in_invoice", "partner_id": self.contractor.id, "invoice_date": from_jalali(1404, 4, 2),
                "invoice_line_ids": [(0, 0, {"name": "مازاد", "price_unit": 150_000_000, "tax_ids": [],
                                             "account_id": self.accounts["goods_services"].id})]}).action_post()
        order = self.env["municipality.payment.order"].with_user(self.accountant).create({
            "partner_id": self.contractor.id, "partner_bank_id": self.contractor_sheba.id, "amount": 300_000_000,
            "journal_id": self.bank_journal.id, "purpose": "سطل زباله", "date": from_jalali(1404, 4, 15),
            "bill_ids": [(6, 0, bill.ids)], "company_id": self.company.id})
        order.action_submit()
        order.with_user(self.mayor).action_sign_mayor()
        order.with_user(self.director).action_sign_director()
        order.with_user(self.accountant).action_pay()
        self.assertEqual(bill.payment_state, "paid")

        # 4. Twelve months of entries: the opening balances, salaries and service revenue each month.
        self._post_entry(from_jalali(1404, 1, 1), [
            ("bank", 5_000_000_000, {}), ("land", 20_000_000_000, {}), ("net_assets", -25_000_000_000, {})])
        for month in range(1, 13):
            self._post_entry(from_jalali(1404, month, 25), [
                ("salaries", 150_000_000, {}), ("revenue_services", -200_000_000, {}), ("bank", 50_000_000, {})])
        unpaid_toll = self.env["municipality.toll.assessment"].create_assessment(
            self.citizen, self.renovation, {"value": 1_000_000_000}, date=from_jalali(1404, 11, 1))

        # 5. The finance director closes 1404.
        before = self._balances(LAST_DAY_1404)
        with self.assertRaises(UserError):
            self.year.with_user(self.accountant).action_close()
        self.year.with_user(self.director).action_close()
        closing, opening = self.year.closing_move_id, self.year.opening_move_id
        self.assertEqual((self.year.state, closing.date, opening.date), ("closed", LAST_DAY_1404, FIRST_DAY_1405))
        for entry in closing | opening:
            self.assertEqual(entry.amount_total, sum(entry.line_ids.mapped("debit")))
        after = self._balances(LAST_DAY_1404)
        self.assertEqual(after, {}, "every account is zero once the closing entry is posted")
        result = sum(balance for account, balance in before.items() if account.internal_group in ("income", "expense"))
        self.assertEqual(result, -(10_000_000 + 5_000_000 + 12 * 200_000_000) + 300_000_000 + 12 * 150_000_000)
        carried = self._balances(FIRST_DAY_1405)
        expected = {account: balance for account, balance in before.items()
                    if account.internal_group not in ("income", "expense", "off")}
        surplus = self.accounts["accumulated_surplus"]
        expected[surplus] = expected.get(surplus, 0) + result
        self.assertEqual(carried, expected, "the opening entry reproduces the balance sheet, with the year's result")
        self.assertEqual(unpaid_toll.invoice_id.amount_residual, 5_000_000, "the unpaid toll stays open")
        self.assertEqual(budget.state, "closed")
        (revenue_line | goods_line).invalidate_recordset()
        self.assertEqual((revenue_line.amount_actual, goods_line.amount_actual), (15_000_000, 300_000_000),
                         "the closing entry moves balances between years; it executes no budget")

        # 6. Nothing enters the closed year, by any path.
        with self.assertRaises(UserError):
            self._post_entry(from_jalali(1404, 12, 1), [("bank", 1, {}), ("revenue_services", -1, {})])
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": self.citizen.id, "invoice_date": from_jalali(1404, 12, 1),
            "date": from_jalali(1404, 12, 1),
            "invoice_line_ids": [(0, 0, {"name": "بهای خدمات", "price_unit": 1_000, "tax_ids": []})]})
        with self.assertRaises(UserError):
            invoice.action_post()
        with self.assertRaises(UserError):
            self.env["account.payment"].create({
                "payment_type": "inbound", "partner_type": "customer", "partner_id": self.citizen.id,
                "amount": 1_000, "journal_id": self.bank_journal.id, "date": from_jalali(1404, 12, 1)}).action_post()
        with self.assertRaises(UserError):
            self.env["municipality.toll.assessment"].create_assessment(
                self.citizen, self.renovation, {"value": 1_000_000_000}, date=from_jalali(1404, 12, 1))
        self.assertEqual(self._balances(LAST_DAY_1404), {})

        # 7. Closing again adds nothing; reopening removes both entries and lets 1404 be posted again.
        moves_before = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        self.year.with_user(self.director).action_close()
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves_before)
        self.year.with_user(self.director).action_reopen()
        self.assertEqual(self.year.state, "open")
        self.assertFalse((closing | opening).exists().filtered(lambda move: move.state == "posted"))
        self.assertEqual(self._balances(LAST_DAY_1404), before)
        self.assertEqual(budget.state, "approved")
        late = self._post_entry(LAST_DAY_1404 - timedelta(days=1), [("bank", 1, {}), ("revenue_services", -1, {})])
        self.assertEqual(late.state, "posted")
