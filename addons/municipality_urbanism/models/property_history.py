from odoo import api, fields, models


class MunicipalityProperty(models.Model):
    """The rest of the property's history, as smart buttons of its file: its permit files, its renovation tolls
    (the assessments billed on the property itself, ``origin_model``/``origin_id``) and the letters about it
    (``office.letter.linked.mixin``: letters whose ``res_model``/``res_id`` is the property, such as the answers
    to notaries' and banks' inquiries). Each count is what the user may read, so that it matches the list its
    button opens."""

    _name = "municipality.property"
    _inherit = ["municipality.property", "office.letter.linked.mixin"]

    permit_count = fields.Integer(compute="_compute_permit_count", string="Permit Count")
    renovation_toll_count = fields.Integer(compute="_compute_renovation_toll_count", string="Renovation Toll Count")

    def _renovation_toll_domain(self):
        return [("origin_model", "=", self._name), ("origin_id", "in", self.ids)]

    @api.depends_context("uid")
    def _compute_permit_count(self):
        Permit = self.env["municipality.permit"]
        counts = dict(Permit._read_group([("property_id", "in", self.ids)], ["property_id"], ["__count"])) \
            if Permit.has_access("read") else {}
        for prop in self:
            prop.permit_count = counts.get(prop, 0)

    @api.depends_context("uid")
    def _compute_renovation_toll_count(self):
        Assessment = self.env["municipality.toll.assessment"]
        counts = dict(Assessment._read_group(self._renovation_toll_domain(), ["origin_id"], ["__count"])) \
            if Assessment.has_access("read") else {}
        for prop in self:
            prop.renovation_toll_count = counts.get(prop.id, 0)

    def action_view_permits(self):
        return self._history_action("municipality.permit", self.env._("Permit Files"))

    def action_view_renovation_tolls(self):
        self.ensure_one()
        name = self.env._("Renovation Tolls")
        return {"type": "ir.actions.act_window", "name": name,
                "res_model": "municipality.toll.assessment", "view_mode": "list,form",
                "domain": [("origin_model", "=", self._name), ("origin_id", "=", self.id)],
                # assessed by the yearly batch (``run_renovation_toll``), never by hand from here
                "context": {"create": False}}
