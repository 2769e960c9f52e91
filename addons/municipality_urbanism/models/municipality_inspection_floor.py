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

    @api.model_create_multi
    def create(self, vals_list):
        self.env["municipality.inspection"].browse(
            {vals.get("inspection_id") for vals in vals_list} - {None, False})._check_report_open(["measured_floor_ids"])
        return super().create(vals_list)

    def write(self, vals):
        inspections = self.inspection_id
        if "inspection_id" in vals:
            inspections |= self.env["municipality.inspection"].browse(vals["inspection_id"])
        inspections._check_report_open(["measured_floor_ids"])
        return super().write(vals)

    def unlink(self):
        self.inspection_id._check_report_open(["measured_floor_ids"])
        return super().unlink()

    @api.constrains("area")
    def _check_area(self):
        for line in self:
            if line.area < 0:
                raise ValidationError(self.env._("A measured area cannot be negative."))
