from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .land_use import LAND_USES


class MunicipalityPermitFloor(models.Model):
    """A requested floor × use of a permit file: area and units (a floor with two uses is two lines)."""

    _name = "municipality.permit.floor"
    _description = "Permit Floor"
    _inherit = ["municipality.workflow.mixin"]
    _order = "permit_id, floor, id"
    _workflow_fields = ("excess_area",)  # the zoning check's finding, never typed in (the density toll reads it)

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    floor = fields.Integer(required=True, default=1, help="0 the ground floor, -1 the first basement, 1 the first floor.")
    use = fields.Selection(LAND_USES, required=True, default="residential")
    area = fields.Float(string="Area (m²)", required=True, digits=(12, 2))
    units = fields.Integer(default=1)
    excess_area = fields.Float(string="Excess Density (m²)", digits=(12, 2), readonly=True, copy=False,
                               help="The part of this floor above the zoning's density, found by the zoning check.")
    frontage = fields.Float(string="Frontage (m)", digits=(8, 2),
                            help="The front of a shop on this floor, in metres (L of the commercial «پذیره»).")
    height = fields.Float(string="Height (m)", digits=(8, 2),
                          help="The height of this floor, in metres (H of the commercial «پذیره»).")

    @api.model_create_multi
    def create(self, vals_list):
        permits = self.env["municipality.permit"].browse({vals.get("permit_id") for vals in vals_list} - {None, False})
        permits._check_request_unlocked()
        lines = super().create(vals_list)
        lines.permit_id._request_changed()
        return lines

    def write(self, vals):
        permits = self.permit_id
        if "permit_id" in vals:
            permits |= self.env["municipality.permit"].browse(vals["permit_id"])
        if set(vals) - {"excess_area"}:
            permits._check_request_unlocked()
        result = super().write(vals)
        if set(vals) - {"excess_area"}:
            permits._request_changed()
        return result

    def unlink(self):
        permits = self.permit_id
        permits._check_request_unlocked()
        result = super().unlink()
        permits._request_changed()
        return result

    @api.constrains("area", "units", "floor")
    def _check_figures(self):
        for line in self:
            if line.area <= 0:
                raise ValidationError(self.env._("The area of floor %(floor)s must be more than zero.", floor=line.floor))
            if line.units < 0:
                raise ValidationError(self.env._("The units of floor %(floor)s cannot be negative.", floor=line.floor))
            if not -10 <= line.floor <= 100:
                raise ValidationError(self.env._("Floor %(floor)s is not a floor a building has.", floor=line.floor))

    @api.constrains("frontage", "height")
    def _check_shop_figures(self):
        for line in self:
            if line.frontage < 0 or line.height < 0:
                raise ValidationError(self.env._(
                    "The frontage and height of floor %(floor)s cannot be negative.", floor=line.floor))
