from datetime import date

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from .common import create_municipality


class TreasurySetup:
    """A municipality with the municipal chart, its bank journal, partners and the finance users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون خزانه")
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.account_in_hand = chart.ref("irm_cheques_in_hand")
        cls.account_collection = chart.ref("irm_cheques_in_collection")
        cls.account_issued = chart.ref("irm_cheques_issued")
        cls.account_receivable = chart.ref("irm_receivable_tolls")
        cls.account_payable = chart.ref("irm_payable")
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        cls.account_bank = cls.bank_journal.default_account_id
        cls.citizen = cls.env["res.partner"].create({"name": "مریم احمدی"})
        cls.contractor = cls.env["res.partner"].create({"name": "شرکت راه‌سازان", "is_company": True})
        cls.contractor_sheba = cls.env["res.partner.bank"].create({
            "partner_id": cls.contractor.id, "acc_number": "IR820540102680020817909002", "allow_out_payment": True})
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        group = "municipality_finance.group_"
        cls.clerk = new_test_user(cls.env, "treasury_clerk", groups=f"{group}finance_clerk", **users)
        cls.accountant = new_test_user(cls.env, "treasury_accountant", groups=f"{group}finance_accountant", **users)
        cls.director = new_test_user(cls.env, "treasury_director", groups=f"{group}finance_director",
                                     name="حسن ذیحساب", **users)
        cls.mayor = new_test_user(cls.env, "treasury_mayor", groups=f"{group}municipality_mayor",
                                  name="علی شهردار", **users)
        cls.director_and_mayor = new_test_user(
            cls.env, "treasury_both", groups=f"{group}finance_director,{group}municipality_mayor", **users)
        cls.day = date(2026, 5, 10)  # 1405/02/20

    def _invoice(self, partner, amount, move_type="out_invoice"):
        move = self.env["account.move"].create({
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": self.day,
            "date": self.day,
            "invoice_line_ids": [(0, 0, {"name": "عوارض", "quantity": 1, "price_unit": amount, "tax_ids": []})],
        })
        move.action_post()
        return move

    def _cheque(self, direction="received", amount=1_250_000, user=None, **values):
        """A draft cheque, created by ``user`` (clerks see the cheques of their department and their own)."""
        return self.env["municipality.cheque"].with_user(user or self.env.user).create({
            "direction": direction,
            "sayad_number": values.pop("sayad_number", "1234567890123456"),
            "partner_id": (self.citizen if direction == "received" else self.contractor).id,
            "amount": amount,
            "date": self.day,
            "due_date": self.day,
            "journal_id": self.bank_journal.id,
            "company_id": self.company.id,
            **values,
        })

    def _balances(self, cheque):
        """{account code: balance} over the cheque's entries."""
        result = {}
        for line in cheque.move_ids.line_ids:
            result[line.account_id.code] = result.get(line.account_id.code, 0) + line.balance
        return result


class TreasuryCase(TreasurySetup, TransactionCase):
    pass


class TreasuryHttpCase(TreasurySetup, PrintedReportCase):
    """For printed documents: wkhtmltopdf fetches the stylesheet and the Persian font from the server."""
