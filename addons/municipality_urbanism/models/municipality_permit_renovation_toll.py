from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .municipality_building_certificate import RENOVATION_TOLL_DEFAULT, RENOVATION_TOLL_PARAM


class MunicipalityPermit(models.Model):
    """This year's renovation-toll receipt is one of the documents of a permit application (DOMAIN §5): the file
    does not leave its application stage while the property's renovation toll of the current fiscal year is
    assessed and unpaid."""

    _inherit = "municipality.permit"

    def _unpaid_renovation_toll(self):
        """The renovation-toll assessments of the file's property for the current fiscal year that are not paid
        (a cheque counts once it has cleared). Empty when they are paid — and when the year's toll was never
        assessed: there is then no bill the citizen could pay, and the clearance and the certificates still
        refuse a property without this year's receipt. Superuser records."""
        self.ensure_one()
        code = self.env["ir.config_parameter"].sudo().get_param(RENOVATION_TOLL_PARAM, RENOVATION_TOLL_DEFAULT)
        year = self.env["municipality.fiscal.year"].sudo()._for_date(self._today_in_iran(), self.company_id)
        if not year:
            return self.env["municipality.toll.assessment"]
        return self.env["municipality.toll.assessment"].sudo().search([
            ("origin_model", "=", "municipality.property"), ("origin_id", "=", self.property_id.id),
            ("toll_type_id.code", "=", code), ("toll_year_id", "=", year.id), ("state", "!=", "cancelled"),
        ]).filtered(lambda assessment: not assessment.is_paid)

    def _check_renovation_toll(self):
        """Refuse, in Persian, to move the file on while this year's renovation toll of its property is unpaid."""
        for permit in self:
            unpaid = permit._unpaid_renovation_toll()
            if unpaid:
                raise UserError(self.env._(
                    "File %(file)s cannot move on from its application: the renovation toll of %(year)s of property "
                    "%(property)s is not paid (assessment %(assessments)s). The receipt of this year's renovation "
                    "toll is required for a permit.",
                    file=permit.name, year=to_persian_digits(str(unpaid[0].toll_year_id.jalali_year)),
                    property=to_persian_digits(permit.property_id.renovation_code),
                    assessments=", ".join(to_persian_digits(name) for name in unpaid.mapped("name"))))
