from odoo import api, fields, models


class OfficeLetterLinkedMixin(models.AbstractModel):
    """Records that letters can be about.

    A letter points at any record through ``res_model``/``res_id``. A model
    that inherits this mixin gets ``office_letter_count`` and
    ``action_view_office_letters()`` for a smart button on its form, and
    ``action_new_office_letter()`` to write a letter about the record (its
    defaults come from ``_office_letter_defaults()``, which a model may
    extend). Only the letters the user may read are counted (confidentiality
    rules apply).
    """

    _name = "office.letter.linked.mixin"
    _description = "Records with letters"

    office_letter_count = fields.Integer(
        string="Letters", compute="_compute_office_letter_count", groups="office_automation.group_office_staff")

    @api.depends_context("uid")
    def _compute_office_letter_count(self):
        counts = dict(self.env["office.letter"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["__count"]))
        for record in self:
            record.office_letter_count = counts.get(record.id, 0)

    def action_view_office_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("office_automation.office_letter_action")
        action.update({
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        })
        return action

    def _office_letter_defaults(self):
        """Default values of a new letter about this record (keys without the ``default_`` prefix)."""
        self.ensure_one()
        return {"res_model": self._name, "res_id": self.id, "letter_type": "internal"}

    def action_new_office_letter(self):
        """Open a new letter about this record."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Letter"),
            "res_model": "office.letter",
            "view_mode": "form",
            "target": "current",
            "context": {f"default_{name}": value for name, value in self._office_letter_defaults().items()},
        }
