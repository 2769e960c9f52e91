from odoo import fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools.jalali import from_jalali


class ResCompany(models.Model):
    _inherit = "res.company"

    budget_commitment_year_end = fields.Selection(
        [("lapse", "Lapse at year-end"), ("payable", "Stay payable into the next year")],
        string="Unsettled Commitments at Year-end", default="payable", required=True,
        help="What happens to approved commitments no bill has settled when the fiscal year closes "
             "(آیین‌نامه مالی شهرداری‌ها، ماده ۲۴).")
    budget_commitment_payable_month = fields.Integer(
        string="Payable Until (Jalali Month)", default=2,
        help="Month of the next Jalali year until which unsettled commitments stay payable; 2 = Ordibehesht.")
    budget_commitment_payable_day = fields.Integer(string="Payable Until (Day)", default=15)

    def _budget_commitment_payable_until(self, jalali_year):
        """The Gregorian date until which commitments of ``jalali_year`` stay payable."""
        self.ensure_one()
        try:
            return from_jalali(jalali_year + 1, self.budget_commitment_payable_month, self.budget_commitment_payable_day)
        except ValueError as error:
            raise ValidationError(self.env._(
                "The date until which commitments stay payable (month %(month)s, day %(day)s) is not a Jalali date: "
                "fix it in the finance settings.", month=self.budget_commitment_payable_month,
                day=self.budget_commitment_payable_day)) from error
