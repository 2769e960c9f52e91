from odoo import api, fields, models

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali


class MunicipalityPropertyClearance(models.Model):
    """A clearance (مفاصاحساب) of a property: the municipality certifies that, on its date, nothing billed for the
    property is unpaid (renovation tolls of every year, permit fees, Article 100 fines). Issued only by
    ``municipality.property.action_issue_clearance`` (never created by hand), printed with a QR code to the public
    verification page."""

    _name = "municipality.property.clearance"
    _description = "Property Clearance"
    _inherit = ["mail.thread", "municipality.verification.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, index=True)
    property_id = fields.Many2one("municipality.property", string="Property", required=True, readonly=True,
                                  index=True, check_company=True, ondelete="restrict")
    district_id = fields.Many2one(related="property_id.district_id")
    issue_date = fields.Date(required=True, readonly=True)
    issued_by_id = fields.Many2one("res.users", string="Issued By", required=True, readonly=True)
    owner_names = fields.Char(string="Owners", readonly=True, help="The owners on the day of issue.")
    amount_paid = fields.Monetary(string="Paid (rials)", readonly=True,
                                  help="What was assessed and paid for the property up to the day of issue.")
    state = fields.Selection([("issued", "Issued"), ("cancelled", "Cancelled")], default="issued", required=True,
                             readonly=True, tracking=True)
    check_ids = fields.One2many("municipality.property.clearance.check", "clearance_id", string="Verifications",
                                readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.model
    def _issue(self, prop):
        """The issued clearance of ``prop`` (the caller checked that nothing is unpaid)."""
        today = self._today_in_iran()
        return self.create({
            "name": self.env["ir.sequence"]._next_for_company(
                "municipality.property.clearance", prop.company_id, sequence_date=today),
            "property_id": prop.id,
            "issue_date": today,
            "issued_by_id": self.env.uid,
            "owner_names": "، ".join(prop.sudo().owner_share_ids.partner_id.mapped("name")),
            "amount_paid": sum(prop._assessments().filtered("is_paid").mapped("amount_total")),
            "verification_token": self._new_verification_token(),
            "company_id": prop.company_id.id,
        })

    def action_cancel(self):
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        return True

    def action_print(self):
        return self.env.ref("municipality_urbanism.action_report_property_clearance").report_action(self)

    def _statement(self):
        """What the clearance certifies, as printed."""
        return self.env._("On the date of this clearance nothing billed for this property is unpaid: renovation "
                          "tolls of every year, permit fees and Article 100 fines are settled.")

    def _scan_hint(self):
        return self.env._("Scan the code to verify this clearance on the municipality's website.")

    def _public_facts(self):
        """What the public page shows: nothing personal."""
        self.ensure_one()
        return {
            "municipality": self.company_id.name,
            "number": to_persian_digits(self.name),
            "renovation_code": to_persian_digits(self.property_id.renovation_code),
            "district": self.property_id.district_id.name,
            "issue_date": format_jalali(self.issue_date, persian_digits=True),
        }
