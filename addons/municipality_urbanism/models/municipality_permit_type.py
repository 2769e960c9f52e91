from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityPermitType(models.Model):
    """A kind of building permit (new building, extension, renovation, demolition, fence wall, change of
    drawings, renewal…), with its ordered stages, its fee lines and its validity rules."""

    _name = "municipality.permit.type"
    _description = "Permit Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage_ids = fields.One2many("municipality.permit.stage", "permit_type_id", string="Stages", copy=True)
    fee_line_ids = fields.One2many("municipality.permit.fee.line", "permit_type_id", string="Fee Lines", copy=True)
    fee_exempt = fields.Boolean(
        string="Exempt from Fees",
        help="Schools and seminaries: no toll is assessed and the permit is due within the exempt deadline "
             "(law of 1386/01/22).")
    total_days = fields.Integer(
        string="Deadline (working days)",
        help="The working days the whole file may take (15 for a school permit); empty: the sum of the stages' SLA.")
    start_deadline_months = fields.Integer(string="Start Deadline (months)", default=12,
                                           help="Months from issue by which construction must start.")
    completion_deadline_months = fields.Integer(string="Completion Deadline (months)", default=36,
                                                help="Months from issue by which the building must be completed.")
    max_extensions = fields.Integer(string="Extensions Allowed", default=1)
    extension_months = fields.Integer(string="Months per Extension", default=12)
    warning_days = fields.Integer(string="Warn Days Before", default=30,
                                  help="Days before a deadline at which the applicant is warned.")
    document_type_ids = fields.Many2many("municipality.document.type", string="Required Documents")
    company_id = fields.Many2one("res.company", index=True, help="Empty: every municipality of the database.")

    _code_unique = models.Constraint("UNIQUE(code)", "Another permit type already has this code.")

    @api.constrains("start_deadline_months", "completion_deadline_months", "max_extensions", "extension_months",
                    "total_days", "warning_days")
    def _check_validity(self):
        for permit_type in self:
            if min(permit_type.start_deadline_months, permit_type.completion_deadline_months,
                   permit_type.max_extensions, permit_type.extension_months, permit_type.total_days,
                   permit_type.warning_days) < 0:
                raise ValidationError(self.env._(
                    "Permit type “%(type)s”: deadlines, extensions and warning days cannot be negative.",
                    type=permit_type.name))
            if permit_type.completion_deadline_months < permit_type.start_deadline_months:
                raise ValidationError(self.env._(
                    "Permit type “%(type)s”: the completion deadline comes after the start deadline.",
                    type=permit_type.name))

    def _first_stage(self):
        self.ensure_one()
        return self.stage_ids.sorted()[:1]
