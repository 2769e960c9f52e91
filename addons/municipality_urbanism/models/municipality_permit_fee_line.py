from odoo import fields, models


class MunicipalityPermitFeeLine(models.Model):
    """A toll of the finance tariff book that a permit type charges, once per file or once per floor × use."""

    _name = "municipality.permit.fee.line"
    _description = "Permit Fee Line"
    _order = "permit_type_id, sequence, id"

    permit_type_id = fields.Many2one("municipality.permit.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    toll_type_id = fields.Many2one("municipality.toll.type", string="Toll Type", required=True, ondelete="restrict")
    per_floor = fields.Boolean(
        string="Per Floor and Use",
        help="One assessment per requested floor × use (its inputs: area, floor, use, units and excess_area of the "
             "floor), instead of one for the whole file.")
    only_with_excess = fields.Boolean(
        string="Only on Excess Density",
        help="Assessed only where the zoning check found excess density (the density toll).")
