from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPersianTranslation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_base"], ["fa_IR"], overwrite=True)
        cls.fa_env = cls.env(context=dict(cls.env.context, lang="fa_IR"))

    def test_category_menu_and_fields_are_in_persian(self):
        self.assertEqual(self.fa_env.ref("municipality_base.module_category_municipality").name, "شهرداری")
        self.assertEqual(self.fa_env.ref("municipality_base.menu_municipality_root").name, "شهرداری")
        fields_fa = self.fa_env["res.partner"].fields_get(["national_id", "legal_national_id", "district_id"], ["string"])
        self.assertEqual(fields_fa["national_id"]["string"], "کد ملی")
        self.assertEqual(fields_fa["legal_national_id"]["string"], "شناسه ملی")

    def test_errors_are_in_persian(self):
        with self.assertRaises(ValidationError) as caught:
            self.fa_env["res.partner"].create({"name": "آزمون", "national_id": "0684159415"})
        self.assertIn("کد ملی", str(caught.exception))
        self.assertIn("0684159415", str(caught.exception))
