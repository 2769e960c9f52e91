from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityTollInputOption(models.Model):
    """One choice of a selection input, for example use = commercial (تجاری)."""

    _name = "municipality.toll.input.option"
    _description = "Toll Input Option"
    _order = "sequence, id"

    input_id = fields.Many2one("municipality.toll.input", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    value = fields.Char(string="Key", required=True, help="What the formula compares with, for example commercial.")
    name = fields.Char(string="Label", required=True, translate=True)

    _value_input_unique = models.Constraint("UNIQUE(input_id, value)", "Each option of an input needs its own key.")

    @api.constrains("value")
    def _check_value_text(self):
        for option in self:
            if not option.value or len(option.value) > 64 or "'" in option.value or '"' in option.value:
                raise ValidationError(self.env._(
                    "The option key “%(key)s” must be 1 to 64 characters without quotes.", key=option.value))
