"""Every model a Shahr addon defines has access rights: a model without them
is invisible to everyone but the superuser (and Odoo only logs a warning)."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAccessEverywhere(TransactionCase):

    def test_every_model_of_every_addon_has_access_rights(self):
        addons = self.env["ir.module.module"].search([("author", "=", "Shahr"), ("state", "=", "installed")])
        model_ids = self.env["ir.model.data"].search(
            [("module", "in", addons.mapped("name")), ("model", "=", "ir.model")]).mapped("res_id")
        models = self.env["ir.model"].browse(model_ids).filtered(lambda m: not self.env[m.model]._abstract)
        self.assertIn("municipality.district", models.mapped("model"))
        self.assertIn("municipality.fiscal.year", models.mapped("model"))
        with_rights = set(self.env["ir.model.access"].search([("model_id", "in", models.ids)]).mapped("model_id.model"))
        self.assertEqual(sorted(set(models.mapped("model")) - with_rights), [])
