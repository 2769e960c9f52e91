from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityPropertyOwner(models.Model):
    """An owner of a property with their share in six dang (سهم از ششدانگ)."""

    _name = "municipality.property.owner"
    _description = "Property Owner Share"
    _order = "property_id, share_dang desc, id"

    property_id = fields.Many2one("municipality.property", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True, ondelete="restrict")
    national_id = fields.Char(related="partner_id.national_id", string="National ID")
    share_dang = fields.Float(string="Share (dang)", required=True, digits=(4, 3), default=6.0,
                              help="The owner's share of the six dang (ششدانگ) of the property.")

    _partner_property_unique = models.Constraint(
        "UNIQUE(property_id, partner_id)", "An owner is listed once per property; add their shares together.")

    @api.constrains("share_dang")
    def _check_share(self):
        for owner in self:
            if not 0 < owner.share_dang <= 6:
                raise ValidationError(self.env._(
                    "The share of %(owner)s must be more than zero and at most six dang.",
                    owner=owner.partner_id.display_name))
