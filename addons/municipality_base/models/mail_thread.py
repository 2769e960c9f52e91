from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """«Letter created» is stored on the record as text: write it in the municipality's language (see
        ``_municipality_lang``), not in the language of whoever created the record (OdooBot's English for the
        demo, an administrator working in English), so that the municipality's users read it in Persian."""
        lang = self._municipality_lang()
        if lang and lang != self.env.lang:
            return super(MailThread, self.with_context(lang=lang))._creation_message()
        return super()._creation_message()
