from odoo import fields, models


class MunicipalityProperty(models.Model):
    """The property's violations and certificates, as smart buttons of its file."""

    _inherit = "municipality.property"

    violation_count = fields.Integer(compute="_compute_violation_history", string="Violation Count")
    certificate_count = fields.Integer(compute="_compute_violation_history", string="Certificate Count")

    def _compute_violation_history(self):
        violations = dict(self.env["municipality.violation"].sudo()._read_group(
            [("property_id", "in", self.ids)], ["property_id"], ["__count"]))
        certificates = dict(self.env["municipality.building.certificate"].sudo()._read_group(
            [("property_id", "in", self.ids)], ["property_id"], ["__count"]))
        for prop in self:
            prop.violation_count = violations.get(prop, 0)
            prop.certificate_count = certificates.get(prop, 0)

    def _history_action(self, model, name):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": name, "res_model": model, "view_mode": "list,form",
                "domain": [("property_id", "=", self.id)],
                "context": {"default_property_id": self.id, "default_company_id": self.company_id.id}}

    def action_view_violations(self):
        return self._history_action("municipality.violation", self.env._("Violations"))

    def action_view_certificates(self):
        return self._history_action("municipality.building.certificate", self.env._("Certificates"))
