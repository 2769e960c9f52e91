from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _intray_open_action(self, activity):
        """The action that opens this record for ``activity`` of the user's in-tray (``mail.activity``'s
        ``action_open_intray_item``); False opens the record's form. A model whose in-tray item is another record
        (the referral of a referred letter) or needs a step on opening overrides it."""
        return False
