from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import from_jalali

from ..tools.toll_formula import FormulaError, as_decimal, check_formula, evaluate, percent_of, round_rial


class MunicipalityTollTariff(models.Model):
    """The council's tariff of one toll type for one fiscal year (تعرفه):
    the formula, the resolution that approved it, and the on-time discount and
    late penalty of that year."""

    _name = "municipality.toll.tariff"
    _description = "Toll Tariff"
    _inherit = ["mail.thread"]
    _order = "fiscal_year_id desc, toll_type_id"
    _check_company_auto = True

    toll_type_id = fields.Many2one("municipality.toll.type", required=True, index=True, ondelete="cascade",
                                   check_company=True)
    fiscal_year_id = fields.Many2one("municipality.fiscal.year", required=True, index=True, check_company=True,
                                     tracking=True)
    company_id = fields.Many2one(related="toll_type_id.company_id", store=True, index=True)
    formula = fields.Text(
        required=True, tracking=True,
        help="An expression over the type's input keys, for example area * regional_value * 0.8 or "
             "value * 5 / 1000. Allowed: numbers, inputs, + - * / // % **, comparisons, and/or/not, "
             "x if condition else y, min, max, abs, round, ceil, floor; a selection input is compared with "
             "the key of an option in quotes: 2 if use == 'commercial' else 1.")
    resolution_number = fields.Char(string="Council Resolution", tracking=True)
    resolution_date = fields.Date(string="Resolution Date", tracking=True)
    published_late = fields.Boolean(
        compute="_compute_published_late",
        help="The tariff book must be published by 15 Bahman of the year before the one it applies to.")
    discount_percent = fields.Float(
        string="On-time Discount (%)", tracking=True,
        help="Deducted when the assessment is made by its due date and paid in one instalment.")
    penalty_percent = fields.Float(string="Late Penalty (%)", tracking=True,
                                   help="Added when the assessment is made after its due date.")
    penalty_mode = fields.Selection(
        [("monthly", "Per month late"), ("flat", "Once")], default="monthly", required=True, tracking=True,
        help="Per month late: the percentage for each started month of 30 days after the due date.")
    penalty_max_percent = fields.Float(string="Penalty Cap (%)", tracking=True,
                                       help="The penalty never exceeds this percentage of the amount; 0: no cap.")
    note = fields.Text()

    _type_year_unique = models.Constraint(
        "UNIQUE(toll_type_id, fiscal_year_id)", "A toll type has one tariff per fiscal year.")
    _discount_range = models.Constraint(
        "CHECK(discount_percent >= 0 AND discount_percent <= 100)", "The on-time discount is from 0 to 100 percent.")
    _penalty_positive = models.Constraint(
        "CHECK(penalty_percent >= 0 AND penalty_max_percent >= 0)", "Penalty percentages cannot be negative.")

    @api.depends("toll_type_id.name", "fiscal_year_id.name")
    def _compute_display_name(self):
        for tariff in self:
            tariff.display_name = f"{tariff.toll_type_id.name or ''} {tariff.fiscal_year_id.name or ''}".strip()

    @api.depends("resolution_date", "fiscal_year_id.jalali_year")
    def _compute_published_late(self):
        for tariff in self:
            year = tariff.fiscal_year_id.jalali_year
            tariff.published_late = bool(
                year and tariff.resolution_date and tariff.resolution_date > from_jalali(year - 1, 11, 15))

    @api.constrains("formula", "toll_type_id")
    def _check_formula(self):
        for tariff in self:
            try:
                check_formula(tariff.formula, tariff.toll_type_id.input_ids.mapped("key"))
            except FormulaError as error:
                raise ValidationError(self.env._(
                    "The formula of “%(type)s” for %(year)s is refused: %(problem)s",
                    type=tariff.toll_type_id.name, year=tariff.fiscal_year_id.name,
                    problem=self.env["municipality.toll.type"]._formula_error_message(error))) from None

    def _evaluate(self, values):
        """The formula's amount for checked ``values``, rounded to whole rials."""
        self.ensure_one()
        try:
            return float(round_rial(evaluate(self.formula, values)))
        except FormulaError as error:
            raise UserError(self.env._(
                "Toll “%(type)s” cannot be computed with the tariff of %(year)s: %(problem)s",
                type=self.toll_type_id.name, year=self.fiscal_year_id.name,
                problem=self.env["municipality.toll.type"]._formula_error_message(error))) from None

    def _discount_and_penalty(self, amount, months_late, instalments):
        """(discount, penalty) in whole rials for ``amount`` assessed
        ``months_late`` started months after its due date, in ``instalments``."""
        self.ensure_one()
        discount = penalty = 0.0
        if months_late <= 0:
            if instalments <= 1:
                discount = float(percent_of(amount, self.discount_percent))
        elif self.penalty_percent:
            percent = as_decimal(self.penalty_percent) * (months_late if self.penalty_mode == "monthly" else 1)
            if self.penalty_max_percent:
                percent = min(percent, as_decimal(self.penalty_max_percent))
            penalty = float(percent_of(amount, percent))
        return discount, penalty
