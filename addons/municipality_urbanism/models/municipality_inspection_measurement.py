from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .municipality_building_certificate import AREA_TOLERANCE
from .violation_kind import VIOLATION_KINDS

#: What the measurements of a visit cannot show and the inspector names: the kinds other than an area built
#: beyond the permit (``excess_area``) or without one (``no_permit``), which come from the measured areas.
NAMED_VIOLATION_KINDS = [(key, label) for key, label in VIOLATION_KINDS if key not in ("excess_area", "no_permit")]


class MunicipalityInspection(models.Model):
    """The areas built per floor × use measured at a construction or final inspection."""

    _inherit = "municipality.inspection"

    measured_floor_ids = fields.One2many("municipality.inspection.floor", "inspection_id",
                                         string="Built Areas per Floor")
    violation_ids = fields.One2many("municipality.violation", "inspection_id", string="Violations Found")
    violation_kind = fields.Selection(
        NAMED_VIOLATION_KINDS, string="Other Violation Found",
        help="A violation the measured areas do not show, named by the inspector: it opens its own violation case "
             "beside those of the areas built beyond the permit.")
    violation_area = fields.Float(
        string="Area of That Violation (m²)", digits=(12, 2),
        help="Measured on site: the part of the street built on, the area whose use was changed... Required for an "
             "encroachment on the street.")

    @api.constrains("violation_area")
    def _check_violation_area(self):
        if any(inspection.violation_area < 0 for inspection in self):
            raise ValidationError(self.env._("The area of a violation cannot be negative."))

    def action_done(self):
        """A visit recorded as done with the outcome “violation” opens its violation case(s), as a
        supervisor's non-conforming report does (issue item 5: found by an inspection or a supervisor)."""
        for inspection in self:
            if inspection.violation_kind and inspection.outcome != "violation":
                raise UserError(self.env._(
                    "The visit “%(visit)s” names a violation (%(kind)s) but its outcome is not “Violation Found”: "
                    "correct one or the other.", visit=inspection.name,
                    kind=inspection._selection_labels("violation_kind")[inspection.violation_kind]))
            if inspection.violation_kind == "street_encroachment" and not inspection.violation_area:
                raise UserError(self.env._(
                    "The visit “%(visit)s” found an encroachment on the street: enter the area built on the street, "
                    "measured on site.", visit=inspection.name))
        result = super().action_done()
        self._open_violations()
        return result

    def _excess_by_floor(self):
        """{(floor, use): built area above the permit's}, from the measured floors against the permit's floors
        (the comparison of the completion certificate); empty without both."""
        self.ensure_one()
        permit = self.permit_id.sudo()
        if not permit.floor_ids or not self.measured_floor_ids:
            return {}
        permitted, built = defaultdict(float), defaultdict(float)
        for line in permit.floor_ids:
            permitted[line.floor, line.use] += line.area
        for line in self.measured_floor_ids:
            built[line.floor, line.use] += line.area
        for key, area in self._excess_held_by_violations().items():
            permitted[key] += area
        return {key: round(built[key] - permitted.get(key, 0.0), 2) for key in sorted(built)
                if built[key] > permitted.get(key, 0.0) + AREA_TOLERANCE}

    def _excess_held_by_violations(self):
        """{(floor, use): m²} of area beyond the permit that earlier violations of the property already hold
        (under this permit or none; open, before the commission, or kept against a fine): a later visit that
        measures it again opens no second case for it. A violation ruled for demolition holds nothing: the area
        must be gone, and built again it is a new violation."""
        self.ensure_one()
        held = defaultdict(float)
        violations = self.env["municipality.violation"].sudo().search([
            ("property_id", "=", self.property_id.id), ("kind", "=", "excess_area"),
            ("permit_id", "in", [self.permit_id.id, False]), ("inspection_id", "!=", self.id)])
        demolished = self.env["municipality.commission.ruling"].sudo().search([
            ("violation_id", "in", violations.ids), ("is_final", "=", True),
            ("decision", "=", "demolition")]).violation_id
        for violation in violations - demolished:
            held[violation.floor, violation.use] += violation.measured_area
        return held

    def _violation_values(self):
        """The violations a done visit with the outcome “violation” opens: one per floor × use built above the
        permit; otherwise one from the measured total (construction without a permit when the visit has no permit
        file, else excess area against the permit's total area); and the violation the inspector named."""
        self.ensure_one()
        common = {"property_id": self.property_id.id, "permit_id": self.permit_id.id, "inspection_id": self.id,
                  "description": self.findings, "detected_date": self.done_date or self._today_in_iran(),
                  "company_id": self.property_id.company_id.id}
        use = self.measured_floor_ids[:1].use or self.property_id.use or "residential"
        values = [dict(common, kind="excess_area", floor=floor, use=floor_use, measured_area=area)
                  for (floor, floor_use), area in self._excess_by_floor().items()]
        if not values:
            built = self.measured_building_area or sum(self.measured_floor_ids.mapped("area"))
            area = built if not self.permit_id else round(
                built - self.permit_id.sudo().total_area - sum(self._excess_held_by_violations().values()), 2)
            if area > 0:
                values.append(dict(common, kind="excess_area" if self.permit_id else "no_permit",
                                   measured_area=area, use=use))
        if self.violation_kind:
            values.append(dict(common, kind=self.violation_kind, measured_area=self.violation_area, use=use))
        if not values:
            raise UserError(self.env._(
                "The visit “%(visit)s” found a violation, but its measurements show no area built beyond the "
                "permit: record the built areas per floor (or the measured building area), or name the violation "
                "found, to open the violation.", visit=self.name))
        return values

    def _open_violations(self):
        """Open the violations of the done visits found in violation; never twice for the same visit."""
        Violation = self.env["municipality.violation"].sudo()
        for inspection in self.sudo():
            if inspection.state != "done" or inspection.outcome != "violation" or inspection.violation_ids:
                continue
            Violation.create(inspection._violation_values())
