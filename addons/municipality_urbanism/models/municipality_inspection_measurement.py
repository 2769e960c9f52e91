from odoo import fields, models


class MunicipalityInspection(models.Model):
    """The areas built per floor × use measured at a construction or final inspection."""

    _inherit = "municipality.inspection"

    measured_floor_ids = fields.One2many("municipality.inspection.floor", "inspection_id",
                                         string="Built Areas per Floor")
    violation_ids = fields.One2many("municipality.violation", "inspection_id", string="Violations Found")
