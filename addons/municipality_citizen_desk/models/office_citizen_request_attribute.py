from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import service_attributes


class OfficeCitizenRequestAttribute(models.Model):
    """A question a category asks besides the description (Open311 GeoReport v2 service attribute): the
    depth of a pothole, the kind of waste… City apps read them from ``services/<code>.json`` and send the
    answers as ``attribute[code]=value``."""

    _name = "office.citizen.request.attribute"
    _description = "Citizen Request Service Attribute"
    _order = "category_id, sequence, id"

    category_id = fields.Many2one("office.citizen.request.category", string="Category", required=True,
                                  ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="The Open311 attribute code: letters, digits, - and _.")
    label = fields.Char(required=True, translate=True, help="The question, as a city app shows it.")
    datatype = fields.Selection(
        [("string", "Text"), ("number", "Number"), ("singlevaluelist", "One of a List")],
        required=True, default="string")
    required = fields.Boolean(help="Open311 requests of this category are refused without this attribute.")
    value_list = fields.Text(
        string="Values", help="For a list: one value per line, as “key = name” (the key alone when it is the name).")

    _code_category_unique = models.Constraint(
        "UNIQUE(category_id, code)", "This category already has an attribute with this code.")

    @api.constrains("code", "datatype", "value_list")
    def _check_definition(self):
        for attribute in self:
            if not service_attributes.CODE.match(attribute.code or ""):
                raise ValidationError(self.env._(
                    "The attribute code “%s” may only hold letters, digits, - and _.", attribute.code))
            if attribute.datatype == "singlevaluelist" and not attribute._values():
                raise ValidationError(self.env._(
                    "The list attribute “%s” needs at least one value.", attribute.label))

    def _values(self):
        self.ensure_one()
        return service_attributes.parse_value_list(self.value_list) if self.datatype == "singlevaluelist" else []

    def _open311_attribute(self, order):
        """The attribute as an Open311 service definition entry."""
        self.ensure_one()
        descriptions = {
            "string": self.env._("Text, at most %s characters.", service_attributes.MAX_VALUE_LENGTH),
            "number": self.env._("A number, for example 12 or 2.5."),
            "singlevaluelist": self.env._("One of the keys of values."),
        }
        return {
            "variable": True,
            "code": self.code,
            "datatype": self.datatype,
            "required": self.required,
            "datatype_description": descriptions[self.datatype],
            "order": order,
            "description": self.label,
            "values": [{"key": key, "name": name} for key, name in self._values()],
        }
