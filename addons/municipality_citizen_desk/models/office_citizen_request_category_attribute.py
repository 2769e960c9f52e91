from odoo import fields, models
from odoo.exceptions import ValidationError

from ..tools import service_attributes


class OfficeCitizenRequestCategory(models.Model):
    _inherit = "office.citizen.request.category"

    attribute_ids = fields.One2many("office.citizen.request.attribute", "category_id",
                                    string="Service Attributes")

    def _open311_service(self):
        values = super()._open311_service()
        values["metadata"] = bool(self.attribute_ids)
        return values

    def _open311_definition(self):
        """The Open311 service definition (``services/<code>.json``)."""
        self.ensure_one()
        return {
            "service_code": self.code,
            "attributes": [attribute._open311_attribute(order)
                           for order, attribute in enumerate(self.attribute_ids, start=1)],
        }

    def _check_public_attributes(self, sent):
        """Values to create for the attributes ``sent`` (``{code: value}``) to a request of this category;
        a Persian ``ValidationError`` for an unknown code, a value of the wrong type, or a missing required
        attribute."""
        self.ensure_one()
        _ = self.env._
        attributes = {attribute.code: attribute for attribute in self.attribute_ids}
        unknown = sorted(set(sent) - set(attributes))
        if unknown:
            raise ValidationError(_("The service %(service)s has no attribute %(codes)s: see its definition.",
                                    service=self.code, codes=", ".join(unknown)))
        values = []
        for code, attribute in attributes.items():
            raw = (sent.get(code) or "").strip()
            if not raw:
                if attribute.required:
                    raise ValidationError(_("The attribute %(code)s (%(label)s) is required.",
                                            code=code, label=attribute.label))
                continue
            choices = dict(attribute._values())
            value = service_attributes.check_value(attribute.datatype, raw, tuple(choices))
            if value is None:
                if attribute.datatype == "number":
                    raise ValidationError(_("The attribute %s must be a number.", code))
                if attribute.datatype == "singlevaluelist":
                    raise ValidationError(_("The attribute %(code)s must be one of: %(keys)s.",
                                            code=code, keys=", ".join(choices)))
                raise ValidationError(_("The attribute %(code)s is too long (at most %(max)s characters).",
                                        code=code, max=service_attributes.MAX_VALUE_LENGTH))
            values.append({"attribute_id": attribute.id, "value": value, "value_name": choices.get(value, value)})
        return values
