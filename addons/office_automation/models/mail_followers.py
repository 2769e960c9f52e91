import functools

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class MailFollowers(models.Model):
    """Who follows a letter is read only by those who may read the letter.

    Odoo lets every internal user read every follower: for a classified
    letter that would say who is involved in it (and that it exists). The
    followers of ``office.letter`` records are therefore searched and read
    under the letter's own rules; other documents' followers are untouched.
    """

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, *, active_test=True, bypass_access=False):
        if not (self.env.su or bypass_access):
            Letter = self.env["office.letter"]
            # Users without any access to letters (an HR officer, an accountant…) follow other documents only.
            letters = Domain("res_id", "in", Letter._search([])) if Letter.has_access("read") else Domain.FALSE
            domain = Domain(domain) & (Domain("res_model", "!=", "office.letter") | letters)
        return super()._search(domain, offset, limit, order, active_test=active_test, bypass_access=bypass_access)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or operation != "read" or not any(self._ids):
            return result
        forbidden = result[0] if result else self.browse()
        of_letters = (self - forbidden).sudo().filtered(lambda follower: follower.res_model == "office.letter")
        if not of_letters:
            return result
        readable = self.env["office.letter"].browse(set(of_letters.mapped("res_id")))._filtered_access("read")
        denied = of_letters.filtered(lambda follower: follower.res_id not in readable.ids)
        if not denied:
            return result
        forbidden |= denied.sudo(False)
        return forbidden, functools.partial(
            AccessError, self.env._("You may not see who follows a letter you may not read."))
