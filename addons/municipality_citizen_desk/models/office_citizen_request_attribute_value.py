from odoo import fields, models


class OfficeCitizenRequestAttributeValue(models.Model):
    """The answer a request gave to one service attribute of its category."""

    _name = "office.citizen.request.attribute.value"
    _description = "Citizen Request Service Attribute Value"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one("office.citizen.request", string="Request", required=True, ondelete="cascade",
                                 index=True)
    attribute_id = fields.Many2one("office.citizen.request.attribute", string="Attribute", required=True,
                                   ondelete="restrict")
    sequence = fields.Integer(related="attribute_id.sequence")
    label = fields.Char(related="attribute_id.label", string="Question")
    value = fields.Char(required=True, help="As sent; for a list, the value's key.")
    value_name = fields.Char(string="Answer", help="The value as read: for a list, the value's name.")
