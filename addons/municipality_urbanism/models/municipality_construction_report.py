from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .land_use import LAND_USES
from .violation_kind import VIOLATION_KINDS


class MunicipalityConstructionReport(models.Model):
    """A supervising engineer's report on a construction stage of an issued permit (گزارش مرحله‌ای ناظر).

    Staff enter it from the engineer's signed form; a report that flags a violation opens a violation case
    (``municipality.violation``) when it is confirmed."""

    _name = "municipality.construction.report"
    _description = "Supervisor's Construction Report"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _order = "report_date desc, id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "violation_id")
    _workflow_initial_state = "draft"
    # the report as the engineer signed it: fixed once confirmed (the certificate's supervisor condition and the
    # violation it opened rest on it); ``property_id`` and ``company_id`` follow ``permit_id``
    _report_fields = ("permit_id", "property_id", "engineer_id", "kind_id", "floor", "report_date",
                      "progress_percent", "findings", "conforms", "violation_kind", "violation_use", "violation_area",
                      "document", "document_name", "company_id")

    permit_id = fields.Many2one("municipality.permit", string="Permit", required=True, index=True,
                                check_company=True, domain="[('state', '=', 'issued')]", ondelete="restrict")
    property_id = fields.Many2one(related="permit_id.property_id", store=True, index=True)
    engineer_id = fields.Many2one("municipality.permit.engineer", string="Supervisor", required=True,
                                  domain="[('permit_id', '=', permit_id), ('role', '=', 'supervisor')]")
    kind_id = fields.Many2one("municipality.construction.report.kind", string="Stage", required=True)
    floor = fields.Integer(help="The floor of a per-floor stage (the frame).")
    report_date = fields.Date(string="Report Date", required=True, default=lambda self: self._today_in_iran())
    progress_percent = fields.Integer(string="Progress (%)")
    findings = fields.Text(required=True)
    conforms = fields.Boolean(string="Conforms to the Permit", default=True)
    violation_kind = fields.Selection(VIOLATION_KINDS, string="Violation Reported")
    violation_use = fields.Selection(LAND_USES, string="Use of the Violation")
    violation_area = fields.Float(string="Area of the Violation (m²)", digits=(12, 2))
    document = fields.Binary(string="Signed Form", attachment=True)
    document_name = fields.Char()
    violation_id = fields.Many2one("municipality.violation", readonly=True, copy=False)
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")], default="draft", required=True,
                             readonly=True, tracking=True)
    company_id = fields.Many2one(related="permit_id.company_id", store=True, index=True)

    @api.depends("kind_id", "floor", "permit_id")
    def _compute_display_name(self):
        for report in self:
            floor = f" {report.floor}" if report.kind_id.per_floor else ""
            report.display_name = f"{report.permit_id.name or ''} — {report.kind_id.name or ''}{floor}"

    def write(self, vals):
        changed = [name for name in self._report_fields if name in vals]
        if changed and not self.env.su:
            confirmed = self.filtered(lambda report: report.state == "confirmed")
            if confirmed:
                raise UserError(self.env._(
                    "The report “%(report)s” is confirmed: %(fields)s no longer change.",
                    report=confirmed[0].display_name, fields=self._workflow_field_labels(changed)))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        confirmed = self.browse() if self.env.su else self.filtered(lambda report: report.state == "confirmed")
        if confirmed:
            raise UserError(self.env._("The report “%(report)s” is confirmed: it is kept.",
                                       report=confirmed[0].display_name))

    @api.constrains("engineer_id", "permit_id", "conforms", "violation_kind", "progress_percent")
    def _check_report(self):
        for report in self:
            if report.engineer_id.permit_id != report.permit_id or report.engineer_id.role != "supervisor":
                raise ValidationError(self.env._("The report is written by a supervising engineer of its permit."))
            if not report.conforms and not report.violation_kind:
                raise ValidationError(self.env._("A report that does not conform names the violation it found."))
            if not 0 <= report.progress_percent <= 100:
                raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def action_confirm(self):
        """Confirm the report; a reported violation opens a violation case on the property."""
        self.check_access("write")
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("This report is already confirmed."))
            if report.permit_id.state != "issued":
                raise UserError(self.env._("Construction is reported on an issued permit only."))
            values = {"state": "confirmed"}
            if not report.conforms:
                values["violation_id"] = self.env["municipality.violation"].create({
                    "property_id": report.property_id.id, "permit_id": report.permit_id.id,
                    "kind": report.violation_kind, "floor": report.floor,
                    "use": report.violation_use or "residential", "measured_area": report.violation_area,
                    "description": report.findings, "detected_date": report.report_date,
                    "construction_report_id": report.id, "company_id": report.company_id.id}).id
            report.sudo().write(values)
        return True
