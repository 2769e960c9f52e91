"""The upgrade to 19.0.1.0.2 renames the renewal permit type, as ``migrations/19.0.1.0.2/post-migrate.py`` runs it."""

from odoo.tests import TransactionCase, tagged

from ..upgrade_renewal_type import NEW_NAMES, OLD_NAMES, rename_renewal_type


@tagged("post_install", "-at_install")
class TestRenewalTypeUpgrade(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.permit_type = cls.env.ref("municipality_urbanism.permit_type_renewal")

    def _names(self):
        self.permit_type.invalidate_recordset(["name"])
        return {lang: self.permit_type.with_context(lang=lang).name for lang in ("en_US", "fa_IR")}

    def test_the_old_name_is_renamed_in_both_languages(self):
        self.permit_type.with_context(lang="en_US").name = OLD_NAMES["en_US"]
        self.permit_type.update_field_translations("name", {"fa_IR": OLD_NAMES["fa_IR"]})
        rename_renewal_type(self.env)
        self.assertEqual(self._names(), NEW_NAMES)
        rename_renewal_type(self.env)  # run again: nothing changes
        self.assertEqual(self._names(), NEW_NAMES)

    def test_a_name_the_municipality_chose_is_kept(self):
        self.permit_type.with_context(lang="en_US").name = OLD_NAMES["en_US"]
        self.permit_type.update_field_translations("name", {"fa_IR": "تجدید پروانه‌های قدیمی"})
        rename_renewal_type(self.env)
        self.assertEqual(self._names(), {"en_US": NEW_NAMES["en_US"], "fa_IR": "تجدید پروانه‌های قدیمی"})
