from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import format_jalali

from .municipality_commission_case import FINE_TOLL_DEFAULT, FINE_TOLL_PARAM

DECISIONS = [
    ("demolition", "Demolition"),
    ("fine", "Fine"),
    ("closure", "Closure"),
    ("restore_use", "Restore the Use"),
    ("report_engineer", "Report the Engineer to the Engineering Organisation"),
]
PRINCIPLES = [("planning", "Urban Planning"), ("technical", "Technical"), ("health", "Health")]


class MunicipalityCommissionRuling(models.Model):
    """The commission's ruling on one violation at one session: demolition (naming the violated principle), a fine
    (multiplier within the legal range × the building's transactional value × m²), closure or restoring the use."""

    _name = "municipality.commission.ruling"
    _description = "Article 100 Commission Ruling"
    _inherit = ["municipality.workflow.mixin"]
    _order = "session_id, id"
    _workflow_fields = ("assessment_id", "executed_date", "is_final")
    _workflow_initial_state = False

    #: restrict: a ruling goes only through its own ``unlink`` (refused once its session decided), never with a
    #: session or a case deleted in the database; ``-u`` replaces the former cascading foreign key.
    session_id = fields.Many2one("municipality.commission.session", string="Session", required=True,
                                 ondelete="restrict", index=True)
    case_id = fields.Many2one(related="session_id.case_id", store=True, index=True)
    violation_id = fields.Many2one("municipality.violation", string="Violation", required=True, index=True,
                                   domain="[('case_id', '=', case_id)]")
    violation_kind = fields.Selection(related="violation_id.kind")
    decision = fields.Selection(DECISIONS, required=True)
    violated_principle = fields.Selection(PRINCIPLES, string="Violated Principle",
                                          help="A demolition ruling names the principle it protects (Administrative "
                                               "Court ruling 577).")
    multiplier = fields.Float(digits=(6, 2))
    area = fields.Float(string="Area (m²)", digits=(12, 2), compute="_compute_area", store=True, readonly=False)
    transactional_value = fields.Monetary(
        string="Transactional Value per m²", compute="_compute_transactional_value", store=True, readonly=False,
        help="The building transactional value of the year of the session (regional values, note 11).")
    fine_amount = fields.Monetary(compute="_compute_fine_amount", store=True, string="Fine")
    is_final = fields.Boolean(readonly=True, copy=False)
    assessment_id = fields.Many2one("municipality.toll.assessment", string="Assessment", readonly=True, copy=False)
    fine_paid = fields.Boolean(related="assessment_id.is_paid", string="Fine Paid")
    executed_date = fields.Date(string="Carried Out On", readonly=True, copy=False)
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("violation_id.measured_area")
    def _compute_area(self):
        for ruling in self:
            ruling.area = ruling.area or ruling.violation_id.measured_area

    @api.depends("session_id.date", "violation_id.property_id")
    def _compute_transactional_value(self):
        """The regional value of the violation's property in the session's fiscal year: one look-up per fiscal
        year and municipality for all the rulings (a session's rulings share one), not one per ruling."""
        FiscalYear = self.env["municipality.fiscal.year"]
        years, by_year = {}, {}
        for ruling in self:
            if ruling.transactional_value or not ruling.session_id or not ruling.violation_id:
                continue
            key = (ruling.session_id.date, ruling.violation_id.property_id.company_id)
            if key not in years:
                years[key] = FiscalYear._for_date(*key)
            if not years[key]:
                ruling.transactional_value = 0
                continue
            by_year[years[key]] = by_year.get(years[key], self.browse()) | ruling
        for year, rulings in by_year.items():
            values = self.env["municipality.regional.value"]._lookup(rulings.violation_id.property_id, year)
            for ruling in rulings:
                value = values[ruling.violation_id.property_id]
                ruling.transactional_value = value.transactional_value if value else 0

    @api.depends("decision", "multiplier", "area", "transactional_value")
    def _compute_fine_amount(self):
        for ruling in self:
            ruling.fine_amount = (round(ruling.multiplier * ruling.transactional_value * ruling.area)
                                  if ruling.decision == "fine" else 0)

    @api.depends("violation_id", "decision")
    def _compute_display_name(self):
        for ruling in self:
            ruling.display_name = (f"{ruling.violation_id.name}: "
                                   f"{ruling._selection_labels('decision').get(ruling.decision, '')}")

    @api.constrains("decision", "violated_principle", "multiplier", "area", "transactional_value")
    def _check_ruling(self):
        _ = self.env._
        for ruling in self:
            violation = ruling.violation_id
            if ruling.decision == "demolition" and not ruling.violated_principle:
                raise ValidationError(_("A demolition ruling on %(violation)s names the violated principle "
                                        "(planning, technical or health).", violation=violation.name))
            if ruling.decision != "fine":
                continue
            fine_range = self.env["municipality.commission.fine.range"]._for_violation(violation.kind, violation.use)
            kind = violation._selection_labels("kind")[violation.kind]
            if not fine_range:
                raise ValidationError(_("The law gives no fine for %(kind)s (%(violation)s): rule another way.",
                                        kind=kind, violation=violation.name))
            if not fine_range.min_multiplier <= ruling.multiplier <= fine_range.max_multiplier:
                raise ValidationError(_(
                    "The fine multiplier of %(violation)s, %(multiplier)s, is outside the legal range for %(kind)s: "
                    "from %(low)s to %(high)s times the transactional value.", violation=violation.name,
                    multiplier=f"{ruling.multiplier:g}", kind=kind, low=f"{fine_range.min_multiplier:g}",
                    high=f"{fine_range.max_multiplier:g}"))
            if ruling.area <= 0:
                raise ValidationError(_("The fine of %(violation)s needs the area of the violation.",
                                        violation=violation.name))
            if ruling.transactional_value <= 0:
                raise ValidationError(_(
                    "The fine of %(violation)s needs the building transactional value of the year: enter it in the "
                    "regional values.", violation=violation.name))

    @api.model_create_multi
    def create(self, vals_list):
        rulings = super().create(vals_list)
        rulings._check_session_open()
        return rulings

    def write(self, vals):
        if not self.env.su:
            self._check_session_open()
            if vals.get("session_id"):  # nor is a ruling moved into a decided session
                self.browse()._check_session_open(self.env["municipality.commission.session"].browse(
                    vals["session_id"]))
        return super().write(vals)

    def unlink(self):
        self._check_session_open()
        return super().unlink()

    def _check_session_open(self, sessions=None):
        sessions = self.session_id if sessions is None else sessions
        if any(session.state == "decided" for session in sessions):
            raise UserError(self.env._("The rulings of a decided session do not change."))

    def _assess_fine(self):
        """The final fine becomes a finance assessment of the owner, with no late-payment charge (ruling 227): it is
        assessed on the day without a due date, so no penalty applies."""
        Assessment = self.env["municipality.toll.assessment"]
        code = self.env["ir.config_parameter"].sudo().get_param(FINE_TOLL_PARAM, FINE_TOLL_DEFAULT)
        for ruling in self:
            case = ruling.case_id
            shares = case.property_id.owner_share_ids.sorted(lambda s: (-s.share_dang, s.id))
            if not shares:
                raise UserError(self.env._("Property %(property)s has no owner to pay the fine.",
                                           property=case.property_id.renovation_code))
            toll_type = self.env["municipality.toll.type"].sudo().search(
                [("code", "=", code), ("company_id", "in", [case.company_id.id, False])], limit=1)
            if not toll_type:
                raise UserError(self.env._(
                    "Finance has no toll type “%(code)s” for the fines of the Article 100 commission: create it "
                    "(its formula reads area, transactional_value and multiplier, or fine_amount).", code=code))
            figures = {"area": ruling.area, "transactional_value": ruling.transactional_value,
                       "multiplier": ruling.multiplier, "fine_amount": ruling.fine_amount}
            inputs = {key: figures[key] for key in toll_type.input_ids.mapped("key") if key in figures}
            assessment = Assessment.create_assessment(shares[0].partner_id, toll_type, inputs,
                                                      date=self._today_in_iran(), origin=case)
            ruling.sudo().assessment_id = assessment.id

    def _is_executed(self):
        self.ensure_one()
        if self.decision == "fine":
            return bool(self.sudo().assessment_id.is_paid)
        return bool(self.executed_date)

    def action_record_execution(self, day=None):
        """Record that a final demolition, closure or restoring of the use was carried out."""
        self.case_id._check_secretary()
        day = day or self._today_in_iran()
        for ruling in self:
            if not ruling.is_final or ruling.decision == "fine":
                raise UserError(self.env._("Only a final demolition, closure or restoring of the use is carried out "
                                           "this way; a fine is carried out by its payment."))
            if ruling.executed_date:
                raise UserError(self.env._("%(ruling)s was carried out on %(date)s.", ruling=ruling.display_name,
                                           date=format_jalali(ruling.executed_date, persian_digits=True)))
            ruling.sudo().executed_date = day
            ruling.case_id.message_post(body=self.env._("%(ruling)s carried out on %(date)s.",
                                                        ruling=ruling.display_name,
                                                        date=format_jalali(day, persian_digits=True)))
        return True
