from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MunicipalityDistrict(models.Model):
    """A district (منطقه) of the municipality; citizens and properties belong to one."""

    _name = "municipality.district"
    _description = "Municipal District"
    _inherit = ["mail.thread"]
    _order = "sequence, code"

    code = fields.Char(required=True, tracking=True, help="Short code of the district, for example 1 or 12.")
    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    manager_id = fields.Many2one(
        "hr.employee", string="Manager", tracking=True, check_company=True,
        help="The employee who runs the district's office (شهردار منطقه).")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    partner_ids = fields.One2many("res.partner", "district_id", string="Citizens")
    partner_count = fields.Integer(compute="_compute_partner_count", string="Citizen Count")
    note = fields.Html()

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)",
        "Another district of this municipality already has this code.",
    )

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(self.env["res.partner"]._read_group(
            [("district_id", "in", self.ids)], ["district_id"], ["__count"]))
        for district in self:
            district.partner_count = counts.get(district, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for district in self:
            district.display_name = f"{district.code} - {district.name}" if district.code else district.name

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "=ilike", "like", "=like", "=") and value:
            return ["|", ("code", operator, value), ("name", operator, value)]
        return super()._search_display_name(operator, value)

    def _serves_company(self, company):
        """Whether a contact of ``company`` may live in this district: the
        district is the company's, or its parent city's (for a branch)."""
        self.ensure_one()
        return not company or self.company_id in company.parent_ids

    @api.constrains("company_id")
    def _check_company_of_citizens(self):
        for district in self:
            strangers = district.partner_ids.filtered(lambda partner: not district._serves_company(partner.company_id))
            if strangers:
                raise ValidationError(self.env._(
                    "District “%(district)s” cannot move to %(company)s: %(count)s of its citizens belong to "
                    "another company, for example “%(partner)s”.",
                    district=district.display_name, company=district.company_id.name,
                    count=len(strangers), partner=strangers[0].display_name))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_has_citizens(self):
        for district in self.with_context(active_test=False):
            if district.partner_ids:
                raise UserError(self.env._(
                    "District “%(district)s” still has %(count)s citizens. Move them to another district "
                    "or archive the district instead of deleting it.",
                    district=district.display_name, count=len(district.partner_ids)))

    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Citizens of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("district_id", "=", self.id)],
            "context": {"default_district_id": self.id},
        }
