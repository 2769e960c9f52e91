from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .land_use import LAND_USES


class MunicipalityPermitFloor(models.Model):
    """A requested floor × use of a permit file: area and units (a floor with two uses is two lines)."""

    _name = "municipality.permit.floor"
    _description = "Permit Floor"
    _order = "permit_id, floor, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    floor = fields.Integer(required=True, default=1, help="0 the ground floor, -1 the first basement, 1 the first floor.")
    use = fields.Selection(LAND_USES, required=True, default="residential")
    area = fields.Float(string="Area (m²)", required=True, digits=(12, 2))
    units = fields.Integer(default=1)
    excess_area = fields.Float(string="Excess Density (m²)", digits=(12, 2), readonly=True,
                               help="The part of this floor above the zoning's density, found by the zoning check.")

    @api.constrains("area", "units", "floor")
    def _check_figures(self):
        for line in self:
            if line.area <= 0:
                raise ValidationError(self.env._("The area of floor %(floor)s must be more than zero.", floor=line.floor))
            if line.units < 0:
                raise ValidationError(self.env._("The units of floor %(floor)s cannot be negative.", floor=line.floor))
            if not -10 <= line.floor <= 100:
                raise ValidationError(self.env._("Floor %(floor)s is not a floor a building has.", floor=line.floor))
