from odoo.exceptions import ValidationError
from odoo.tests import tagged

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
