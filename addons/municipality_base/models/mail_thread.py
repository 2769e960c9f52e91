from odoo import api, models

# «<Model> created» (in any language: «… ایجاد شد»), as mail posts it, and Odoo's «Bank Account #3 created»
INSTALL_CREATION_MESSAGE = (
    r'^(<div summary="o_mail_notification">)?<p>[^<]*(<a [^>]*>#[0-9]+</a>)?( created|ایجاد شد)</p>(</div>)?$'
)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model_create_multi
    def create(self, vals_list):
        """A record loaded from a data file (an addon's data or demo, Odoo's as well as the suite's: the loader's
        ``install_mode``) logs no «… created»: the installer made it, nobody did, and the message would be
        written before the addon's translations are loaded (Odoo loads them after its data and demo), so in
        English or half English («Employee ایجاد شد»), for good."""
        if self.env.context.get("install_mode") and not self.env.context.get("mail_create_nolog"):
            return super(MailThread, self.with_context(mail_create_nolog=True)).create(vals_list)
        return super().create(vals_list)

    def _message_log(self, **kwargs):
        """Nor what the loader's records log on others while it loads them (Odoo's «Bank Account #3 created» on
        the demo partners): same reasons."""
        if self.env.context.get("install_mode"):
            return self.env["mail.message"]
        return super()._message_log(**kwargs)

    @api.model
    def _forget_installed_records_creation(self):
        """Delete the «… created» messages (and «Bank Account #3 created») of records loaded from data files
        before this addon was there to stop them: those of Odoo's addons installed with the suite, before
        municipality_base (its ``post_init_hook``), and all of them on a database created before it stopped them
        (the 19.0.1.2.0 migration). The XML ids of an export or an import are a person's records: kept."""
        self.env.cr.execute("""
            SELECT m.id
              FROM mail_message m
              JOIN ir_model_data d ON d.model = m.model AND d.res_id = m.res_id
             WHERE m.message_type = 'notification'
               AND d.module NOT IN ('__export__', '__import__')
               AND m.body::text ~ %s
               AND NOT EXISTS (SELECT 1 FROM mail_tracking_value t WHERE t.mail_message_id = m.id)
        """, [INSTALL_CREATION_MESSAGE])
        self.env["mail.message"].sudo().browse(row[0] for row in self.env.cr.fetchall()).unlink()

    def _creation_message(self):
        """«Letter created» is stored on the record as text: write it in the municipality's language (see
        ``_municipality_lang``), not in the language of whoever created the record (OdooBot's English for the
        demo, an administrator working in English), so that the municipality's users read it in Persian."""
        lang = self._municipality_lang()
        if lang and lang != self.env.lang:
            return super(MailThread, self.with_context(lang=lang))._creation_message()
        return super()._creation_message()
