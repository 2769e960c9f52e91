from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .treasury_common import TreasuryCase


@tagged("post_install", "-at_install")
class TestSheba(TreasuryCase):

    def _account(self, number):
        partner = self.env["res.partner"].create({"name": "صاحب حساب"})
        return self.env["res.partner.bank"].create({"partner_id": partner.id, "acc_number": number})

    def test_valid_sheba_is_stored_compact_with_latin_digits(self):
        for typed, stored in (("IR820540102680020817909002", "IR820540102680020817909002"),
                              ("IR06 2960 0000 0010 0324 2000 01", "IR062960000000100324200001"),
                              ("ir۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲", "IR820540102680020817909002")):
            with self.subTest(typed=typed):
                account = self._account(typed)
                self.assertEqual(account.acc_number, stored)
                self.assertTrue(account.is_sheba)

    def test_invalid_sheba_is_refused(self):
        for bad in ("IR820540102680020817909003", "IR82054010268002081790900", "IR8205401026800208179090021",
                    "IR82 0540 1026 8002 0817 9090 0X"):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self._account(bad)
        account = self._account("IR820540102680020817909002")
        with self.assertRaises(ValidationError):
            account.acc_number = "IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۹"
        self.assertEqual(account.acc_number, "IR820540102680020817909002")

    def test_foreign_account_numbers_are_left_alone(self):
        account = self._account("60-16-13 31926819")
        self.assertFalse(account.is_sheba)

    def test_municipal_bank_journal_needs_a_sheba(self):
        company_partner = self.company.partner_id
        not_sheba = self.env["res.partner.bank"].create({"partner_id": company_partner.id, "acc_number": "0101234567"})
        with self.assertRaisesRegex(ValidationError, "Sheba"):
            self.bank_journal.bank_account_id = not_sheba
        sheba = self.env["res.partner.bank"].create({
            "partner_id": company_partner.id, "acc_number": "IR062960000000100324200001"})
        self.bank_journal.bank_account_id = sheba
        with self.assertRaises(ValidationError):
            sheba.acc_number = "0101234567"  # the journal's account cannot stop being a Sheba


@tagged("post_install", "-at_install")
class TestShebaChanges(TreasuryCase):
    """Only finance accountants change bank accounts; a changed one is paid to once another accountant trusts it."""

    NEW_SHEBA = "IR062960000000100324200001"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.municipal_user = new_test_user(
            cls.env, "sheba_municipal_user", groups="municipality_base.group_municipality_user", **users)
        cls.second_accountant = new_test_user(
            cls.env, "sheba_second_accountant", groups="municipality_finance.group_finance_accountant", **users)

    def _order(self):
        return self.env["municipality.payment.order"].with_user(self.accountant).create({
            "partner_id": self.contractor.id, "partner_bank_id": self.contractor_sheba.id, "amount": 1_250_000,
            "journal_id": self.bank_journal.id, "purpose": "لکه‌گیری آسفالت", "date": self.day,
            "company_id": self.company.id})

    def test_only_finance_accountants_change_bank_accounts(self):
        for user in (self.municipal_user, self.clerk):
            with self.subTest(user=user.login):
                sheba = self.contractor_sheba.with_user(user)
                self.assertEqual(sheba.acc_number, "IR820540102680020817909002")  # they read it
                with self.assertRaises(AccessError):
                    sheba.acc_number = self.NEW_SHEBA
                with self.assertRaises(AccessError):
                    sheba.env["res.partner.bank"].create(
                        {"partner_id": self.contractor.id, "acc_number": self.NEW_SHEBA})
                with self.assertRaises(AccessError):
                    sheba.unlink()
                with self.assertRaises(AccessError):
                    self.contractor.with_user(user).write({"bank_ids": [(1, sheba.id, {"acc_number": self.NEW_SHEBA})]})
                # the Python check holds even where an access rule would let them
                with self.assertRaises(AccessError):
                    sheba.sudo(False).with_user(user)._check_finance_may_change()
        self.assertEqual(self.contractor_sheba.acc_number, "IR820540102680020817909002")
        created = self.env["res.partner.bank"].with_user(self.accountant).create(
            {"partner_id": self.contractor.id, "acc_number": self.NEW_SHEBA, "allow_out_payment": True})
        self.assertEqual((created.allow_out_payment, created.number_changed_by_id), (False, self.accountant))

    def test_a_changed_sheba_blocks_payment_orders_until_another_accountant_trusts_it(self):
        self.assertTrue(self.contractor_sheba.allow_out_payment)
        self.contractor_sheba.with_user(self.accountant).acc_number = "IR06 2960 0000 0010 0324 2000 01"
        self.assertFalse(self.contractor_sheba.allow_out_payment)
        self.assertEqual(self.contractor_sheba.number_changed_by_id, self.accountant)
        self.env.flush_all()
        self.cr.flush()  # the tracking values, as a commit would write them
        tracked = self.contractor_sheba.message_ids.tracking_value_ids
        self.assertIn("acc_number", tracked.field_id.mapped("name"))
        self.assertIn(self.NEW_SHEBA, tracked.mapped("new_value_char"))
        order = self._order()
        with self.assertRaisesRegex(UserError, "not trusted"):
            order.action_submit()
        with self.assertRaises(AccessError):  # the accountant who changed it cannot trust it
            self.contractor_sheba.with_user(self.accountant).allow_out_payment = True
        with self.assertRaises(AccessError):  # nor can a municipal user
            self.contractor_sheba.with_user(self.municipal_user).allow_out_payment = True
        self.contractor_sheba.with_user(self.second_accountant).allow_out_payment = True
        order.action_submit()
        self.assertEqual(order.state, "submitted")
        order.with_user(self.director).action_sign_director()
        order.with_user(self.mayor).action_sign_mayor()
        # distrusted after signing: the payment is refused
        self.contractor_sheba.with_user(self.second_accountant).allow_out_payment = False
        with self.assertRaisesRegex(UserError, "not trusted"):
            order.with_user(self.accountant).action_pay()
        self.contractor_sheba.with_user(self.director).allow_out_payment = True
        order.with_user(self.accountant).action_pay()
        self.assertEqual(order.state, "paid")
