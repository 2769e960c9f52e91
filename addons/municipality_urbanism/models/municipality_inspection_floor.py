from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .land_use import LAND_USES


class MunicipalityInspectionFloor(models.Model):
    """An area measured at an inspection, per floor × use: what was built, compared with what the permit allows."""

    _name = "municipality.inspection.floor"
    _description = "Measured Floor Area"
    _order = "inspection_id, floor, id"

    inspection_id = fields.Many2one("municipality.inspection", required=True, ondelete="cascade", index=True)
    floor = fields.Integer(required=True, help="0 the ground floor, -1 the first basement, 1 the first floor.")
    use = fields.Selection(LAND_USES, required=True, default="residential")
    area = fields.Float(string="Built Area (m²)", required=True, digits=(12, 2))

    @api.constrains("area")
    def _check_area(self):
        for line in self:
            if line.area < 0:
                raise ValidationError(self.env._("A measured area cannot be negative."))
