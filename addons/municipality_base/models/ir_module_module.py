from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_translations_before_demo(self, module_name):
        """Load the translations of ``module_name`` in every installed language now. Odoo loads an addon's
        translations after its demo data: without this, the demo's records would get their chatter messages
        («… created»), entry labels and state names in English, for good. Called first by each addon's demo."""
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        if langs:
            self._load_module_terms([module_name], langs)
        return True
