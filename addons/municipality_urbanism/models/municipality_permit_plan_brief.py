from decimal import Decimal

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits



def _number(value):
    """A figure as printed: Persian digits, no trailing zeros, thousands separated."""
    if value is None or value is False:
        return "—"
    value = float(value)
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return to_persian_digits(text)


class MunicipalityPermitPlanBrief(models.Model):
    """The plan brief (دستور نقشه) of a permit file: the property's zoning figures next to what the file requests."""

    _inherit = "municipality.permit"

    def _plan_brief_rows(self):
        """``[(label, allowed, requested, conforms)]`` of the plan brief; ``conforms`` is None where the file
        requests nothing to compare (setbacks)."""
        self.ensure_one()
        _ = self.env._
        prop = self.property_id
        zoning = prop.zoning_id
        uses = dict(self.env["municipality.permit.floor"]._fields["use"]._description_selection(self.env))
        result = None
        if self.floor_ids and prop.land_area > prop.widening_area:
            try:
                result = self._zoning_check_result()
            except ValueError:
                result = None
        requested_uses = sorted(set(self.floor_ids.mapped("use")))
        rows = [
            (_("Use"), uses.get(zoning.use, ""), "، ".join(uses.get(use, use) for use in requested_uses) or "—",
             bool(requested_uses) and set(requested_uses) <= {zoning.use, "parking"}),
            (_("Net land area (m²)"), _number(result.net_land_area if result else prop.land_area - prop.widening_area),
             "", None),
            (_("Maximum density (%)"), _number(zoning.max_density), _number(result.density if result else None),
             bool(result) and result.density <= Decimal(str(zoning.max_density))),
            (_("Floor area (m²)"), _number(result.allowed_area if result else None), _number(self.total_area),
             bool(result) and not result.excesses),
            (_("Floors"), _number(zoning.max_floors), _number(result.floor_count if result else None),
             bool(result) and result.floor_count <= zoning.max_floors),
            (_("Occupancy (%)"), _number(zoning.max_occupancy), _number(result.occupancy if result else None),
             bool(result) and result.occupancy <= Decimal(str(zoning.max_occupancy))),
            (_("Front setback (m)"), _number(zoning.front_setback), "", None),
            (_("Rear setback (m)"), _number(zoning.rear_setback), "", None),
        ]
        return rows

    def action_print_plan_brief(self):
        """Print the plan brief; the property needs its zoning."""
        self.ensure_one()
        self.check_access("read")
        if not self.property_id.zoning_id:
            raise UserError(self.env._("Property %(property)s has no zoning: set its detailed-plan zone before "
                                       "printing the plan brief.",
                                       property=to_persian_digits(self.property_id.renovation_code)))
        return self.env.ref("municipality_urbanism.action_report_permit_plan_brief").report_action(self)
