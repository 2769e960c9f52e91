from odoo import api, fields, models


class OfficeLetterLinkedMixin(models.AbstractModel):
    """Records that letters can be about.

    A letter points at any record through ``res_model``/``res_id``. A model
    that inherits this mixin gets ``office_letter_count`` and
    ``action_view_office_letters()`` for a smart button on its form, and
    ``action_new_office_letter()`` to write a letter about the record. Only the
    letters the user may read are counted (confidentiality rules apply).
    """

    _name = "office.letter.linked.mixin"
    _description = "Records with letters"

    office_letter_count = fields.Integer(
        string="Letters", compute="_compute_office_letter_count", groups="base.group_user")

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
