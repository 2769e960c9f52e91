from odoo import fields, models

from .land_use import LAND_USES


class MunicipalityPermitFeeLine(models.Model):
    """A toll of the finance tariff book that a permit type charges, once per file or once per floor × use.

    The toll type's formula reads the file's figures by their keys: for the whole file ``regional_value``,
    ``building_value``, ``transactional_value``, ``land_area``, ``area`` (all floors), ``residential_area``,
    ``commercial_area``, ``floors``, ``units``, ``parking_spaces`` (``parking``), ``excess_area``, ``use`` (the
    property's); per floor × use also ``floor_number``, ``use``, ``area``, ``units``, ``excess_area``,
    ``frontage`` and ``height`` of that floor. A share line (the education share) reads ``fees_amount``: the sum
    of the file's lines marked "in the base of the shares". A line that ``applies_to`` renewals is not charged with
    the permit's fees: it is assessed, with the same figures, when a renewal request of an issued permit is
    approved (``municipality.permit.extension.request``). Coefficients, bands and rates are the tariff's, in
    its formula, never the file's."""

    _name = "municipality.permit.fee.line"
    _description = "Permit Fee Line"
    _order = "permit_type_id, sequence, id"

    permit_type_id = fields.Many2one("municipality.permit.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    toll_type_id = fields.Many2one("municipality.toll.type", string="Toll Type", required=True, ondelete="restrict")
    per_floor = fields.Boolean(
        string="Per Floor and Use",
        help="One assessment per requested floor × use (its inputs: area, floor_number, use, units, excess_area, "
             "frontage and height of the floor), instead of one for the whole file.")
    only_with_excess = fields.Boolean(
        string="Only on Excess Density",
        help="Assessed only where the zoning check found excess density (the density toll).")
    floor_use = fields.Selection(
        LAND_USES, string="Only Floors of Use",
        help="Per floor and use: assessed only on the floors of this use (the commercial «پذیره» on the "
             "commercial floors); empty: on every floor.")
    applies_to = fields.Selection(
        [("permit", "Permit"), ("renewal", "Renewal")], string="Applies To", required=True, default="permit",
        help="Permit: charged with the permit's fees, at its fees stage. Renewal: charged when a renewal of an issued "
             "permit of this type is approved (not with the permit's fees), from the permit's figures and the "
             "tariff of the approval date.")
    in_share_base = fields.Boolean(
        string="In the Base of the Shares",
        help="This line's amount counts in fees_amount, the input of the share lines (the education share is a "
             "percentage of the permit tolls, not of the parking deficit).")
