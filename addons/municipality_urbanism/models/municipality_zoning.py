from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .land_use import LAND_USES


class MunicipalityZoning(models.Model):
    """A zone of the detailed plan (پهنه طرح تفصیلی): what may be built on a parcel in it."""

    _name = "municipality.zoning"
    _description = "Detailed-Plan Zoning"
    _inherit = ["mail.thread"]
    _order = "code, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="The zone's code in the detailed plan, for example R121.")
    use = fields.Selection(LAND_USES, required=True, default="residential", tracking=True)
    max_density = fields.Float(string="Maximum Density (%)", required=True, tracking=True,
                               help="Total floor area allowed, as a percentage of the land area (تراکم).")
    max_floors = fields.Integer(string="Maximum Floors", required=True, tracking=True)
    max_occupancy = fields.Float(string="Maximum Occupancy (%)", required=True, tracking=True,
                                 help="Ground coverage allowed, as a percentage of the land area (سطح اشغال).")
    front_setback = fields.Float(string="Front Setback (m)", tracking=True)
    rear_setback = fields.Float(string="Rear Setback (m)", tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    note = fields.Text()

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "Another zone of this municipality already has this code.")

    @api.constrains("max_density", "max_floors", "max_occupancy", "front_setback", "rear_setback")
    def _check_figures(self):
        for zoning in self:
            if zoning.max_density < 0 or zoning.max_floors < 0 or zoning.front_setback < 0 or zoning.rear_setback < 0:
                raise ValidationError(self.env._(
                    "Zone “%(zone)s”: density, floors and setbacks cannot be negative.", zone=zoning.display_name))
            if not 0 <= zoning.max_occupancy <= 100:
                raise ValidationError(self.env._(
                    "Zone “%(zone)s”: the occupancy is a percentage of the land, between 0 and 100.",
                    zone=zoning.display_name))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for zoning in self:
            zoning.display_name = f"[{zoning.code}] {zoning.name}" if zoning.code else zoning.name
