import functools

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class OfficeLetterPartMixin(models.AbstractModel):
    """Records that belong to a letter (signatures, links) and follow its access rules.

    Whatever rules decide who reads a letter (clearance, being party to it…),
    the same user reads its parts, and only a user who may change the letter
    changes them. A part is readable when one of its letters named in
    ``_letter_read_fields`` is readable; it is changed through the letter in
    ``_letter_write_field``.
    """

    _name = "office.letter.part.mixin"
    _description = "Part of a letter, under the letter's access rules"

    _letter_read_fields = ("letter_id",)
    _letter_write_field = "letter_id"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, *, active_test=True, bypass_access=False):
        if not (self.env.su or bypass_access):
            readable_letters = self.env["office.letter"]._search([])
            domain = Domain(domain) & Domain.OR(
                Domain(field_name, "in", readable_letters) for field_name in self._letter_read_fields)
        return super()._search(domain, offset, limit, order, active_test=active_test, bypass_access=bypass_access)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not any(self._ids):
            return result
        forbidden = result[0] if result else self.browse()
        remaining = (self - forbidden).sudo()
        if operation == "read":
            letters = remaining.mapped(lambda part: part._letters_to_read())
            letters = letters.sudo(False)._filtered_access("read")
            denied = remaining.filtered(lambda part: not (part._letters_to_read() & letters))
        else:
            letters = remaining[self._letter_write_field].sudo(False)._filtered_access("write")
            denied = remaining.filtered(lambda part: part[self._letter_write_field] not in letters)
        if not denied:
            return result
        forbidden |= denied.sudo(False)
        description = self.env["ir.model"]._get(self._name).name
        if operation == "read":
            message = self.env._("You may not read this %s: it belongs to a letter you may not read.", description)
        else:
            message = self.env._("You may not change this %s: it belongs to a letter you may not change.",
                                 description)
        return forbidden, functools.partial(AccessError, message)

    def _letters_to_read(self):
        self.ensure_one()
        letters = self.env["office.letter"]
        for field_name in self._letter_read_fields:
            letters |= self[field_name]
        return letters
