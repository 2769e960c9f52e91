import io
import re

from markupsafe import Markup

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.convert import convert_xml_import
from odoo.tools.misc import file_open

from ..models.mail_thread import INSTALL_CREATION_MESSAGE


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


@tagged("post_install", "-at_install")
class TestInstalledRecordsChatter(TransactionCase):
    """Records loaded from data files (an addon's data and demo, Odoo's own: employees, departments, scheduled
    actions) log no «… created»: written before the addon's translations were loaded, it read «Employee ایجاد شد»,
    «File Plan Class created» for good (issue 15 item 8)."""

    CREATED = ("created</p>", "ایجاد شد")

    def _is_creation_message(self, body):
        return any(mark in (body or "") for mark in self.CREATED)

    def test_a_record_of_a_data_file_logs_no_creation(self):
        xml = io.BytesIO(b"""<odoo>
            <record id="chatter_test_district" model="municipality.district">
                <field name="code">ZX</field>
                <field name="name">District loaded from a file</field>
            </record>
        </odoo>""")
        xml.name = "municipality_base/data/chatter_test.xml"
        convert_xml_import(self.env, "municipality_base", xml, mode="init")
        district = self.env.ref("municipality_base.chatter_test_district")
        self.assertFalse(district.message_ids.filtered(lambda m: self._is_creation_message(m.body)))
        # a record a person creates still says so
        made = self.env["municipality.district"].create({"code": "ZY", "name": "منطقه کاربر"})
        self.assertTrue(made.message_ids.filtered(lambda m: self._is_creation_message(m.body)))

    def test_messages_of_records_installed_before_are_forgotten(self):
        """Odoo's addons installed before municipality_base (its post_init_hook): their records' «… created»
        go, a person's record keeps its own."""
        installed, made = self.env["municipality.district"].create([
            {"code": "ZI", "name": "Installed before"}, {"code": "ZM", "name": "منطقه کاربر"}])
        self.env["ir.model.data"].create({"module": "hr", "name": "test_installed_district",
                                          "model": installed._name, "res_id": installed.id})
        installed.message_post(body="یادداشت کاربر", message_type="comment")
        for record in (installed, made):
            self.assertTrue(record.message_ids.filtered(lambda m: self._is_creation_message(m.body)))

        self.env["mail.thread"]._forget_installed_records_creation()

        self.assertFalse(installed.message_ids.filtered(lambda m: self._is_creation_message(m.body)))
        self.assertIn("یادداشت کاربر", installed.message_ids.mapped("body")[0])
        self.assertTrue(made.message_ids.filtered(lambda m: self._is_creation_message(m.body)))
        # and Odoo's «Bank Account #3 created», logged on the demo partners
        pattern = re.compile(INSTALL_CREATION_MESSAGE)
        self.assertTrue(pattern.match('<p>Bank Account <a href="#" data-oe-model="res.partner.bank" '
                                      'data-oe-id="3">#3</a> created</p>'))
        self.assertFalse(pattern.match("<p>Bank Account changed</p>"))

    def test_the_migration_forgets_the_installed_records_creation(self):
        """A database created before 19.0.1.2.0: its installed records' English «… created» go with the
        migration (the function of the post_init_hook), a person's records keep theirs, an exported one too."""
        installed, made, exported = self.env["municipality.district"].with_context(lang="en_US").create([
            {"code": "MI", "name": "Installed by the loader"}, {"code": "MM", "name": "منطقه کاربر"},
            {"code": "ME", "name": "منطقه صادرشده"}])
        Data = self.env["ir.model.data"]
        Data.create({"module": "municipality_base", "name": "test_migrated_district", "model": installed._name,
                     "res_id": installed.id})
        Data.create({"module": "__export__", "name": "municipality_district_me", "model": exported._name,
                     "res_id": exported.id})
        # the English message the loader wrote before 19.0.1.1.0 («Municipal District created»)
        installed.message_ids.unlink()
        installed._message_log(body=Markup("<p>Municipal District created</p>"))
        for record in (installed, made, exported):
            self.assertTrue(record.message_ids.filtered(lambda m: self._is_creation_message(m.body)))
        with file_open("municipality_base/migrations/19.0.1.2.0/post-migrate.py", "rb") as script:
            migration = {}
            exec(compile(script.read(), script.name, "exec"), migration)  # noqa: S102 (the addon's own script)

        migration["migrate"](self.env.cr, "19.0.1.1.0")

        self.env.invalidate_all()
        self.assertFalse(installed.message_ids.filtered(lambda m: self._is_creation_message(m.body)))
        for record in (made, exported):
            self.assertTrue(record.message_ids.filtered(lambda m: self._is_creation_message(m.body)))

    def test_no_installed_record_says_created(self):
        """On this database, installed by Odoo's loader: no record with an XML id carries a creation message."""
        self.env.cr.execute("""
            SELECT m.model, count(*), min(m.body::text)
              FROM mail_message m
              JOIN ir_model_data d ON d.model = m.model AND d.res_id = m.res_id
             WHERE m.message_type = 'notification' AND m.body::text ~ %s AND d.module != '__export__'
          GROUP BY m.model
        """, [INSTALL_CREATION_MESSAGE])
        self.assertEqual(self.env.cr.fetchall(), [])
