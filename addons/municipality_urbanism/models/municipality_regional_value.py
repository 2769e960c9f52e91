from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits


class MunicipalityRegionalValue(models.Model):
    """The regional value (قیمت منطقه‌ای) of a block or street segment for a fiscal year, per m² of
    land and of building, with the building transactional value of the Article 100 bylaw (note 11).

    Imported each year from the spreadsheet the council approves (the list's Import from XLSX)."""

    _name = "municipality.regional.value"
    _description = "Regional Value"
    _order = "fiscal_year_id desc, district_id, block, street_segment, id"
    _check_company_auto = True

    fiscal_year_id = fields.Many2one("municipality.fiscal.year", string="Fiscal Year", required=True, index=True,
                                     check_company=True, ondelete="restrict")
    district_id = fields.Many2one("municipality.district", string="District", required=True, index=True,
                                  check_company=True, ondelete="restrict")
    block = fields.Char(required=True, help="The block of the renovation code (its second part).")
    street_segment = fields.Char(string="Street Segment",
                                 help="Empty: the value of the whole block; filled: of the properties on that segment.")
    land_value = fields.Monetary(string="Land Value per m²", required=True)
    building_value = fields.Monetary(string="Building Value per m²", required=True)
    transactional_value = fields.Monetary(
        string="Building Transactional Value per m²",
        help="The building's transactional value (ارزش معاملاتی ساختمان, Article 100 note 11): the base of the "
             "commission's fines.")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")

    _block_year_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (fiscal_year_id, district_id, block, street_segment)",
        "This block (or street segment) already has a regional value for this fiscal year.")
    _values_positive = models.Constraint(
        "CHECK(land_value >= 0 AND building_value >= 0 AND COALESCE(transactional_value, 0) >= 0)",
        "Regional values cannot be negative.")

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_values(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_values(vals))

    @api.model
    def _normalize_values(self, vals):
        vals = dict(vals)
        if isinstance(vals.get("block"), str):
            vals["block"] = normalize_digits(vals["block"]).strip().lstrip("0") or False
        if isinstance(vals.get("street_segment"), str):
            vals["street_segment"] = normalize_digits(vals["street_segment"]).strip() or False
        return vals

    @api.constrains("district_id", "fiscal_year_id")
    def _check_district_year_company(self):
        for value in self:
            if value.district_id.company_id != value.fiscal_year_id.company_id:
                raise ValidationError(self.env._(
                    "The district and the fiscal year of a regional value belong to the same municipality."))

    @api.model
    def _lookup(self, properties, fiscal_year):
        """{property: regional value} for ``properties`` in ``fiscal_year``: the value of the property's street
        segment where there is one, else of its block; one query for all of them."""
        values = self.search([("fiscal_year_id", "=", fiscal_year.id),
                              ("district_id", "in", properties.district_id.ids),
                              ("block", "in", list(set(properties.mapped("block")) - {False}))])
        by_key = {(v.district_id.id, v.block, v.street_segment or False): v for v in values}
        result = {}
        for prop in properties:
            result[prop] = (by_key.get((prop.district_id.id, prop.block, prop.street_segment or False))
                            or by_key.get((prop.district_id.id, prop.block, False))
                            or self.browse())
        return result

