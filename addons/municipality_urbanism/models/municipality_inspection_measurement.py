from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from .municipality_building_certificate import AREA_TOLERANCE


class MunicipalityInspection(models.Model):
    """The areas built per floor × use measured at a construction or final inspection."""

    _inherit = "municipality.inspection"

    measured_floor_ids = fields.One2many("municipality.inspection.floor", "inspection_id",
                                         string="Built Areas per Floor")
    violation_ids = fields.One2many("municipality.violation", "inspection_id", string="Violations Found")

    def action_done(self):
        """A visit recorded as done with the outcome “violation” opens its violation case(s), as a
        supervisor's non-conforming report does (issue item 5: found by an inspection or a supervisor)."""
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
        return {key: round(built[key] - permitted.get(key, 0.0), 2) for key in sorted(built)
                if built[key] > permitted.get(key, 0.0) + AREA_TOLERANCE}

    def _violation_values(self):
        """The violations a done visit with the outcome “violation” opens: one per floor × use built above the
        permit; otherwise one from the inspector's findings (construction without a permit when the visit has no
        permit file, else excess area against the permit's total area)."""
        self.ensure_one()
        common = {"property_id": self.property_id.id, "permit_id": self.permit_id.id, "inspection_id": self.id,
                  "description": self.findings, "detected_date": self.done_date or self._today_in_iran(),
                  "company_id": self.property_id.company_id.id}
        excess = self._excess_by_floor()
        if excess:
            return [dict(common, kind="excess_area", floor=floor, use=use, measured_area=area)
                    for (floor, use), area in excess.items()]
        built = self.measured_building_area or sum(self.measured_floor_ids.mapped("area"))
        if not self.permit_id:
            area = built
            kind = "no_permit"
        else:
            area = round(built - self.permit_id.sudo().total_area, 2)
            kind = "excess_area"
        if area <= 0:
            raise UserError(self.env._(
                "The visit “%(visit)s” found a violation, but its measurements show no area built beyond the "
                "permit: record the built areas per floor (or the measured building area) to open the violation.",
                visit=self.name))
        return [dict(common, kind=kind, measured_area=area,
                     use=self.measured_floor_ids[:1].use or self.property_id.use or "residential")]

    def _open_violations(self):
        """Open the violations of the done visits found in violation; never twice for the same visit."""
        Violation = self.env["municipality.violation"].sudo()
        for inspection in self.sudo():
            if inspection.state != "done" or inspection.outcome != "violation" or inspection.violation_ids:
                continue
            Violation.create(inspection._violation_values())
