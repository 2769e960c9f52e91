from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityHrInsuranceRate(models.Model):
    """The shares of an insurer in a year, in percent of the capped insurable wage."""

    _name = "municipality.hr.insurance.rate"
    _description = "Insurance Rates of a Year"
    _order = "parameter_id, insurer_id"

    parameter_id = fields.Many2one("municipality.hr.year.parameter", required=True, index=True, ondelete="cascade")
    insurer_id = fields.Many2one("municipality.hr.insurer", string="Insurer", required=True)
    employee_rate = fields.Float(string="Employee (%)", digits=(5, 2), required=True)
    employer_rate = fields.Float(string="Employer (%)", digits=(5, 2), required=True)
    unemployment_rate = fields.Float(string="Unemployment (%)", digits=(5, 2))

    _insurer_unique = models.Constraint(
        "UNIQUE(parameter_id, insurer_id)", "Each insurer has one set of rates per year.")

    @api.constrains("employee_rate", "employer_rate", "unemployment_rate")
    def _check_rates(self):
        for rate in self:
            if any(value < 0 or value > 100 for value in (rate.employee_rate, rate.employer_rate, rate.unemployment_rate)):
                raise ValidationError(self.env._("Insurance rates are percentages between 0 and 100."))
