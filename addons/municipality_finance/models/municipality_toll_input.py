import math
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MunicipalityTollInput(models.Model):
    """A named figure a toll's formula is computed from (area, regional value,
    floors, use…). A number input takes a number; a selection input takes one
    of its options, and the formula compares it with the option's key:
    ``2.5 if use == 'commercial' else 1``."""

    _name = "municipality.toll.input"
    _description = "Toll Input"
    _order = "sequence, id"

    toll_type_id = fields.Many2one("municipality.toll.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    key = fields.Char(required=True, help="The name used in the formula: Latin letters, digits and _, for example area.")
    name = fields.Char(string="Label", required=True, translate=True)
    kind = fields.Selection([("number", "Number"), ("selection", "Selection")], required=True, default="number")
    allow_negative = fields.Boolean(help="Number inputs are zero or more unless this is set.")
    option_ids = fields.One2many("municipality.toll.input.option", "input_id", string="Options", copy=True)
    help = fields.Char(translate=True)

    _key_type_unique = models.Constraint("UNIQUE(toll_type_id, key)", "Each input of a toll type needs its own key.")

    @api.constrains("key")
    def _check_key(self):
        for toll_input in self:
            key = toll_input.key or ""
            if not (key.isidentifier() and key.isascii()) or key.startswith("_") or key in (
                    "min", "max", "abs", "round", "ceil", "floor", "and", "or", "not", "if", "else", "in", "is"):
                raise ValidationError(self.env._(
                    "“%(key)s” cannot be the key of an input: use Latin letters, digits and _ (not first), and not a "
                    "word of the formula language; for example area or regional_value.", key=key))
        self.toll_type_id.tariff_ids._check_formula()

    @api.constrains("kind", "option_ids")
    def _check_options(self):
        for toll_input in self:
            if toll_input.kind == "selection" and not toll_input.option_ids:
                raise ValidationError(self.env._(
                    "The selection input “%(input)s” needs at least one option.", input=toll_input.name))

    def unlink(self):
        tariffs = self.toll_type_id.tariff_ids
        result = super().unlink()
        tariffs.exists()._check_formula()
        return result

    def _check_value(self, value):
        """``value`` checked for this input: a Decimal for a number, the option key for a selection."""
        self.ensure_one()
        if self.kind == "selection":
            keys = self.option_ids.mapped("value")
            if isinstance(value, models.BaseModel):
                value = value.value
            if not isinstance(value, str) or value not in keys:
                raise UserError(self.env._(
                    "“%(value)s” is not an option of “%(input)s”; choose one of: %(options)s.",
                    value=value, input=self.name, options=", ".join(keys)))
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise UserError(self.env._(
                "“%(input)s” must be a number, not “%(value)s”.", input=self.name, value=value))
        if value < 0 and not self.allow_negative:
            raise UserError(self.env._(
                "“%(input)s” cannot be negative (%(value)s).", input=self.name, value=value))
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
