"""Every Shahr addon speaks Persian: what Odoo would export for translation
today is in the addon's i18n/fa.po, translated (a stale fa.po fails here)."""

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import CodeTranslations, TranslationModuleReader


@tagged("post_install", "-at_install")
class TestPersianEverywhere(TransactionCase):

    def test_every_string_of_every_addon_has_a_persian_translation(self):
        addons = self.env["ir.module.module"].search([
            ("author", "=", "Shahr"), ("state", "=", "installed"), ("name", "!=", "shahr_scenarios")])
        self.assertGreaterEqual(len(addons), 3)
        for addon in addons.mapped("name"):
            with self.subTest(addon=addon):
                catalog = polib.pofile(file_path(f"{addon}/i18n/fa.po"))
                self.assertEqual([e.msgid for e in catalog.untranslated_entries()], [])
                self.assertEqual([e.msgid for e in catalog.fuzzy_entries()], [])
                translated = {entry.msgid for entry in catalog}
                sources = {source for _module, _type, _name, _res_id, source, _value, _comments
                           in TranslationModuleReader(self.env.cr, modules=[addon]) if source}
                self.assertTrue(sources)
                self.assertEqual(sorted(sources - translated), [], f"strings missing from {addon}/i18n/fa.po")
                template = {entry.msgid for entry in polib.pofile(file_path(f"{addon}/i18n/{addon}.pot"))}
                self.assertEqual(sorted(sources - template), [], f"{addon}/i18n/{addon}.pot is stale: export it again")

    def test_every_fa_po_loads_as_odoo_reads_it(self):
        """Odoo reads the Python strings' translations from fa.po at run time; one entry without its
        ``#. module:`` comment made it give up on the whole file, and every message of the addon was English."""
        addons = self.env["ir.module.module"].search([
            ("author", "=", "Shahr"), ("state", "=", "installed"), ("name", "!=", "shahr_scenarios")])
        for addon in addons.mapped("name"):
            with self.subTest(addon=addon):
                CodeTranslations._get_code_translations(addon, "fa_IR", lambda row: True)  # raises on a bad entry
                catalog = polib.pofile(file_path(f"{addon}/i18n/fa.po"))
                self.assertEqual([entry.msgid for entry in catalog if not entry.obsolete and entry.msgid
                                  and not entry.comment.startswith("module:")], [])
