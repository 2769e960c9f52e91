from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestChatterLanguage(TransactionCase):
    """Text the suite stores on a record is in the municipality's language, whoever writes it (issue 15 item 8):
    the demo is created by OdooBot in English, and its records said «Municipal District created» for good."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        # what each addon's demo calls first: its translations, before Odoo would load them (after the demo)
        cls.env["ir.module.module"]._load_translations_before_demo("municipality_base")
        cls.company = cls.env["res.company"].create({"name": "شهرداری آزمون زبان"})
        cls.company.partner_id.lang = "fa_IR"
        cls.persian_name = cls.env["ir.model"].with_context(lang="fa_IR")._get("municipality.district").name

    def _creation_message(self, district):
        return district.message_ids.filtered(lambda message: message.message_type == "notification")[-1:].body

    def test_the_creation_message_is_in_the_municipality_language(self):
        self.assertNotEqual(self.persian_name, "Municipal District", "the demo loader loaded the translations")
        english_bot = self.env(context=dict(self.env.context, lang="en_US"))  # OdooBot, as the demo runs
        district = english_bot["municipality.district"].create({"code": "Z1", "name": "منطقه آزمون",
                                                                "company_id": self.company.id})
        body = self._creation_message(district)
        self.assertIn(self.persian_name, body)
        self.assertNotIn("created", body)
        self.assertNotIn("Municipal District", body)
        # an administrator working in English writes Persian too
        admin = new_test_user(self.env, "chat_lang_admin", groups="municipality_base.group_municipality_manager", lang="en_US",
                              company_id=self.company.id, company_ids=[self.company.id])
        district = self.env["municipality.district"].with_user(admin).create({"code": "Z2", "name": "منطقه دو"})
        self.assertIn(self.persian_name, self._creation_message(district))

    def test_a_municipality_in_english_keeps_the_users_language(self):
        self.company.partner_id.lang = "en_US"
        district = self.env["municipality.district"].with_context(lang="en_US").create(
            {"code": "Z3", "name": "District", "company_id": self.company.id})
        self.assertIn("Municipal District created", self._creation_message(district))
