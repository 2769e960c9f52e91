from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MunicipalityHrDecreeLine(models.Model):
    """A pay item of a decree with its monthly amount (30 days)."""

    _name = "municipality.hr.decree.line"
    _description = "Personnel Decree Line"
    _order = "decree_id, sequence, id"

    decree_id = fields.Many2one("municipality.hr.decree", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="decree_id.company_id", store=True)
    currency_id = fields.Many2one(related="decree_id.currency_id")
    sequence = fields.Integer(related="pay_item_id.sequence", store=True)
    pay_item_id = fields.Many2one(
        "municipality.pay.item", string="Pay Item", required=True,
        domain="[('kind', '=', 'earning'), ('computation', '=', 'decree')]")
    amount = fields.Monetary(required=True, help="Monthly amount, for a month of 30 days.")

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(self.env._(
                    "The amount of %(item)s on decree %(decree)s is negative; enter zero or more.",
                    item=line.pay_item_id.name, decree=line.decree_id.display_name))
