from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .municipality_building_certificate import RENOVATION_TOLL_DEFAULT, RENOVATION_TOLL_PARAM


class MunicipalityPermit(models.Model):
    """The property's clearance of its renovation toll is required for a permit (DOMAIN §5, issue 11): the file
    does not leave its application stage while a renovation toll of the property, of any year, is assessed and
    unpaid. A year not assessed yet holds nothing: there is no bill the citizen could pay."""

    _inherit = "municipality.permit"

    def _unpaid_renovation_toll(self):
        """The renovation-toll assessments billed on the file's property, of every year (finance's toll year),
        that are not paid (a cheque counts once it has cleared): the renovation tolls among what the property
        owes (``municipality.property._unpaid_assessments``, the clearance's list), in the order of their year.
        Superuser records."""
        self.ensure_one()
        code = self.env["ir.config_parameter"].sudo().get_param(RENOVATION_TOLL_PARAM, RENOVATION_TOLL_DEFAULT)
        prop = self.property_id
        return prop._unpaid_assessments().filtered(
            lambda assessment: assessment.origin_model == prop._name and assessment.origin_id == prop.id
            and assessment.toll_type_id.code == code).sorted(
            lambda assessment: (assessment.toll_year_id.jalali_year or 0, assessment.date, assessment.id))

    def _check_renovation_toll(self):
        """Refuse to move the file on while a renovation toll of its property is unpaid, naming each unpaid
        year, assessment and amount left (in Persian for a Persian user)."""
        _ = self.env._
        for permit in self:
            unpaid = permit._unpaid_renovation_toll()
            if not unpaid:
                continue
            lines = permit.property_id._unpaid_lines(unpaid)  # worded as the property's clearance
            raise UserError(_(
                "File %(file)s cannot move on from its application: the renovation toll of property %(property)s "
                "is unpaid for %(years)s:\n%(lines)s\nThe property's clearance of its renovation toll (nothing "
                "unpaid, of any year) is required for a permit.",
                file=permit.name, property=to_persian_digits(permit.property_id.renovation_code),
                years=", ".join(to_persian_digits(str(year)) for year in dict.fromkeys(
                    unpaid.toll_year_id.sorted("jalali_year").mapped("jalali_year"))),
                lines="\n".join(f"• {line}" for line in lines)))
