from odoo import fields, models


class OfficeCitizenRequestRoute(models.Model):
    """Which unit owns a category of requests in one district (for example «lighting» in district 3
    goes to the district's technical office instead of the category's default unit)."""

    _name = "office.citizen.request.route"
    _description = "Citizen Request Route"
    _order = "category_id, district_id"
    _check_company_auto = True

    category_id = fields.Many2one("office.citizen.request.category", required=True, ondelete="cascade",
                                  index=True, check_company=True)
    district_id = fields.Many2one("municipality.district", required=True, ondelete="cascade", index=True,
                                  check_company=True)
    department_id = fields.Many2one("hr.department", string="Unit", required=True, check_company=True)
    company_id = fields.Many2one(related="category_id.company_id", store=True, index=True)

    _category_district_unique = models.Constraint(
        "UNIQUE(category_id, district_id)", "A category has only one route per district.")
