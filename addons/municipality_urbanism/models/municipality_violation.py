from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import format_jalali

from .land_use import LAND_USES
from .violation_kind import VIOLATION_KINDS

VIOLATION_STATES = [
    ("open", "Open"),
    ("referred", "Referred to the Commission"),
    ("ruled", "Ruled"),
    ("closed", "Closed"),
]


class MunicipalityViolation(models.Model):
    """A building violation (تخلف ساختمانی) found by an inspection or reported by a supervising engineer.

    It stays open until the Article 100 commission's final ruling on it is carried out (the fine paid, the
    demolition done, the use restored). The stop-work order is an outgoing letter of the secretariat linked to it.
    """

    _name = "municipality.violation"
    _description = "Building Violation"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin", "office.letter.linked.mixin"]
    _order = "detected_date desc, id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "case_id", "stop_work_letter_id", "closed_date")
    _workflow_initial_state = "open"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    property_id = fields.Many2one("municipality.property", string="Property", required=True, index=True,
                                  tracking=True, check_company=True, ondelete="restrict")
    permit_id = fields.Many2one("municipality.permit", string="Permit File", index=True, check_company=True,
                                domain="[('property_id', '=', property_id)]")
    kind = fields.Selection(VIOLATION_KINDS, required=True, tracking=True)
    floor = fields.Integer(help="The floor of the violation (0 the ground floor, -1 the first basement).")
    use = fields.Selection(LAND_USES, default="residential", tracking=True)
    measured_area = fields.Float(string="Measured Area (m²)", digits=(12, 2), tracking=True,
                                 help="The area of the violation measured on site, the base of a fine.")
    description = fields.Text(required=True)
    detected_date = fields.Date(string="Detected On", required=True, default=lambda self: self._today_in_iran())
    inspection_id = fields.Many2one("municipality.inspection", string="Found by Inspection", index=True,
                                    check_company=True)
    construction_report_id = fields.Many2one("municipality.construction.report", string="Reported by Supervisor",
                                             index=True, check_company=True)
    stop_work_letter_id = fields.Many2one("office.letter", string="Stop-Work Order", readonly=True, copy=False)
    case_id = fields.Many2one("municipality.commission.case", string="Commission Case", readonly=True, copy=False,
                              index=True)
    state = fields.Selection(VIOLATION_STATES, default="open", required=True, readonly=True, tracking=True,
                             index=True)
    closed_date = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    @api.model_create_multi
    def create(self, vals_list):
        violations = super().create(vals_list)
        for violation in violations:
            violation.sudo().name = self.env["ir.sequence"]._next_for_company(
                "municipality.violation", violation.company_id, sequence_date=violation.detected_date) or "/"
        return violations

    @api.constrains("measured_area", "kind")
    def _check_area(self):
        for violation in self:
            if violation.measured_area < 0:
                raise ValidationError(self.env._("The measured area of a violation cannot be negative."))
            if violation.kind in ("excess_area", "no_permit", "street_encroachment") and not violation.measured_area:
                raise ValidationError(self.env._(
                    "Violation “%(violation)s” is a violation of area: enter the area measured on site.",
                    violation=violation.name))

    @api.constrains("property_id", "permit_id")
    def _check_permit_property(self):
        for violation in self:
            if violation.permit_id and violation.permit_id.property_id != violation.property_id:
                raise ValidationError(self.env._("The permit file of a violation is a file of the same property."))

    def action_stop_work_order(self):
        """Draft the stop-work order (دستور توقف عملیات ساختمانی) as an outgoing letter to the owners, linked to
        the violation; the secretariat signs and registers it as any letter."""
        self.check_access("write")
        for violation in self:
            if violation.stop_work_letter_id:
                raise UserError(self.env._("Violation %(violation)s already has its stop-work order.",
                                           violation=violation.name))
            if violation.state == "closed":
                raise UserError(self.env._("Violation %(violation)s is closed.", violation=violation.name))
            owners = violation.property_id.owner_ids
            if not owners:
                raise UserError(self.env._("Property %(property)s has no registered owner to send the order to.",
                                           property=violation.property_id.renovation_code))
            letter = self.env["office.letter"].create({
                "subject": self.env._("Stop-work order, property %(property)s",
                                      property=violation.property_id.renovation_code),
                "letter_type": "outgoing",
                "recipient_partner_ids": [(6, 0, owners.ids)],
                "res_model": self._name,
                "res_id": violation.id,
                "body": self.env._(
                    "Construction on property %(property)s must stop: violation %(violation)s (%(kind)s) was found "
                    "on %(date)s and is referred to the Article 100 commission.",
                    property=violation.property_id.renovation_code, violation=violation.name,
                    kind=violation._selection_labels("kind")[violation.kind],
                    date=violation._jalali(violation.detected_date)),
            })
            violation.sudo().stop_work_letter_id = letter
        return True

    def _jalali(self, day):
        return format_jalali(day, persian_digits=True) if day else ""

    def action_refer_to_commission(self):
        """Send the open violations to the Article 100 commission: one case file per property."""
        self.check_access("write")
        if any(violation.state != "open" for violation in self):
            raise UserError(self.env._("Only open violations are referred to the commission."))
        Case = self.env["municipality.commission.case"]
        cases = Case
        for prop in self.property_id:
            violations = self.filtered(lambda v: v.property_id == prop)
            case = Case.sudo().create({"property_id": prop.id, "company_id": violations[0].company_id.id})
            violations.sudo().write({"case_id": case.id, "state": "referred"})
            cases |= case
        return {"type": "ir.actions.act_window", "res_model": Case._name, "view_mode": "form",
                "res_id": cases[:1].id} if len(cases) == 1 else True

    def _set_state(self, state):
        values = {"state": state}
        if state == "closed":
            values["closed_date"] = self._today_in_iran()
        self.sudo().write(values)
