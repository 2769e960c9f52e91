"""Every Shahr addon speaks Persian: what Odoo would export for translation
today is in the addon's i18n/fa.po, translated (a stale fa.po fails here)."""

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader


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
