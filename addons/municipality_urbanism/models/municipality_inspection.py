from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MunicipalityInspection(models.Model):
    """A site visit (بازدید): before a permit, during construction, or the final inspection."""

    _name = "municipality.inspection"
    _description = "Site Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _order = "scheduled_date desc, id desc"
    _workflow_fields = ("state", "done_date")
    _workflow_initial_state = "planned"
    _rec_names_search = ["property_id.renovation_code", "permit_id.name"]

    # the report: fixed once the visit is recorded as done (the file moved on, a certificate or a violation rests
    # on it); ``measured_floor_ids`` is added in municipality_inspection_measurement.py
    _report_fields = ("kind", "permit_id", "property_id", "inspector_id", "scheduled_date", "findings",
                      "measured_land_area", "measured_building_area", "latitude", "longitude", "photo_ids", "outcome",
                      "measured_floor_ids", "violation_kind", "violation_area")

    # not stored: the kind is said in the reader's language (a stored name kept the language of whoever
    # created the visit); the renovation code is isolated left to right, or Persian text before it reverses it
    name = fields.Char(compute="_compute_name")
    kind = fields.Selection([("permit", "Permit Site Visit"), ("construction", "Construction Stage"),
                             ("final", "Final Inspection")], required=True, default="permit", tracking=True)
    permit_id = fields.Many2one("municipality.permit", string="Permit File", index=True, ondelete="cascade")
    property_id = fields.Many2one("municipality.property", string="Property", required=True, index=True)
    inspector_id = fields.Many2one("res.users", string="Inspector", required=True, index=True, tracking=True,
                                   default=lambda self: self.env.user)
    scheduled_date = fields.Date(default=lambda self: self._today_in_iran(), tracking=True)
    done_date = fields.Date(readonly=True, tracking=True)
    findings = fields.Text(tracking=True)
    measured_land_area = fields.Float(string="Measured Land Area (m²)", digits=(12, 2))
    measured_building_area = fields.Float(string="Measured Building Area (m²)", digits=(12, 2))
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    outcome = fields.Selection([("compliant", "Compliant"), ("violation", "Violation Found"),
                                ("no_access", "No Access")], tracking=True)
    state = fields.Selection([("planned", "Planned"), ("done", "Done")], default="planned", required=True,
                             readonly=True, tracking=True)
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)

    @api.depends("kind", "property_id.renovation_code")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for inspection in self:
            label, code = labels.get(inspection.kind, ""), inspection.property_id.renovation_code
            inspection.name = f"{label} \u2066{code}\u2069" if code else label

    def write(self, vals):
        changed = [name for name in self._report_fields if name in vals]
        if changed:
            self._check_report_open(changed)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_planned(self):
        self._check_report_open()

    def _check_report_open(self, field_names=None):
        """A visit recorded as done keeps its report as it was: its outcome, findings and measurements (the
        superuser is not refused, as with the workflow fields: JSON-RPC never runs as superuser)."""
        done = self.browse() if self.env.su else self.filtered(lambda i: i.state == "done")
        if done:
            if field_names:
                raise UserError(self.env._(
                    "The visit “%(visit)s” is recorded as done: %(fields)s no longer change.", visit=done[0].name,
                    fields=self._workflow_field_labels(field_names)))
            raise UserError(self.env._("The visit “%(visit)s” is recorded as done: its report is kept.",
                                       visit=done[0].name))

    @api.constrains("measured_land_area", "measured_building_area")
    def _check_areas(self):
        for inspection in self:
            if inspection.measured_land_area < 0 or inspection.measured_building_area < 0:
                raise ValidationError(self.env._("Measured areas cannot be negative."))

    def action_done(self):
        """The inspector records the visit as done (their own visits; experts for anyone's)."""
        for inspection in self:
            if inspection.state != "planned":
                raise UserError(self.env._("The visit “%(visit)s” is already done.", visit=inspection.name))
            if inspection.inspector_id != self.env.user and not self.env.user.has_group(
                    "municipality_urbanism.group_urbanism_expert"):
                raise UserError(self.env._("Only the inspector of the visit records it as done."))
            if not inspection.outcome or not inspection.findings:
                raise UserError(self.env._(
                    "Write the findings and the outcome of the visit “%(visit)s” before recording it as done.",
                    visit=inspection.name))
        self.check_access("write")
        self.sudo().write({"state": "done", "done_date": self._today_in_iran()})
        return True
