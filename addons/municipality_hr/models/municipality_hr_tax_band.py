from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityHrTaxBand(models.Model):
    """A monthly marginal band of the wage tax: the rate applies to the part of
    the taxable wage above the previous band's bound, up to this one."""

    _name = "municipality.hr.tax.band"
    _description = "Wage Tax Band"
    _order = "parameter_id, sequence, upper_bound, id"

    parameter_id = fields.Many2one("municipality.hr.year.parameter", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(related="parameter_id.currency_id")
    upper_bound = fields.Monetary(help="The band ends here; leave zero on the last band, which has no end.")
    rate = fields.Float(string="Rate (%)", digits=(5, 2), required=True)

    @api.constrains("upper_bound", "rate")
    def _check_values(self):
        for band in self:
            if band.upper_bound < 0 or band.rate < 0 or band.rate > 100:
                raise ValidationError(self.env._(
                    "A tax band needs a bound of zero or more and a rate between 0 and 100 percent."))
