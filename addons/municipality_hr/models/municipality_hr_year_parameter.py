from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits


class MunicipalityHrYearParameter(models.Model):
    """The payroll figures of a Jalali year (minimum wage, allowances,
    insurance, tax bands, overtime rates…). Every figure the payroll uses is
    here, as data: nothing of it is in code. A record without company applies
    to every municipality; a municipality may keep its own for a year.

    *Copy to Next Year* creates the following year from this one, marked
    unverified until someone checks its figures against the year's decisions.
    """

    _name = "municipality.hr.year.parameter"
    _description = "Payroll Parameters of a Year"
    _inherit = ["mail.thread"]
    _order = "jalali_year desc, company_id"
    _rec_name = "name"

    jalali_year = fields.Integer(string="Jalali Year", required=True, tracking=True)
    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for figures that apply to every municipality.")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id)
    verified = fields.Boolean(
        tracking=True, help="The figures were checked against the year's official decisions. Unverified years "
                            "are computed but flagged on every payroll run.")
    note = fields.Html(help="Sources of the figures and what is still to be checked.")

    # wages and allowances (Labour Law, Supreme Labour Council)
    min_daily_wage = fields.Monetary(string="Minimum Daily Wage", tracking=True)
    seniority_daily = fields.Monetary(string="Daily Seniority Base", tracking=True)
    housing_allowance = fields.Monetary(string="Housing Allowance", tracking=True, help="Monthly.")
    grocery_allowance = fields.Monetary(string="Grocery Allowance", tracking=True, help="Monthly (بن کارگری).")
    marriage_allowance = fields.Monetary(string="Marriage Allowance", tracking=True, help="Monthly.")
    child_allowance = fields.Monetary(
        string="Child Allowance", tracking=True, help="Monthly, per child counted for the allowance.")
    increase_percent = fields.Float(
        string="Yearly Increase (%)", digits=(6, 2), tracking=True,
        help="The yearly increase of wages above the minimum, applied by the group decree.")
    increase_daily_amount = fields.Monetary(
        string="Yearly Increase per Day", tracking=True,
        help="A fixed daily amount added to wages above the minimum with the yearly increase.")

    # insurance
    insurance_ceiling_factor = fields.Float(
        string="Insurance Ceiling (× minimum daily wage)", digits=(6, 2), default=7.0, tracking=True,
        help="The insurable wage of a day is capped at this multiple of the minimum daily wage.")
    insurance_rate_ids = fields.One2many("municipality.hr.insurance.rate", "parameter_id", string="Insurance Rates", copy=True)
    marriage_insurable = fields.Boolean(
        default=True, tracking=True, help="Whether the marriage allowance is insurable this year (sources disagree).")

    # tax
    tax_band_ids = fields.One2many("municipality.hr.tax.band", "parameter_id", string="Monthly Tax Bands", copy=True)
    insurance_tax_exempt_numerator = fields.Integer(
        string="Insurance Exempt from Tax (numerator)", default=2,
        help="The part of the employee's insurance deducted from the taxable wage: 2/7 by default.")
    insurance_tax_exempt_denominator = fields.Integer(string="Insurance Exempt from Tax (denominator)", default=7)
    housing_taxable = fields.Boolean(default=True, tracking=True, help="Whether the housing allowance is taxable (disputed).")
    grocery_taxable = fields.Boolean(default=True, tracking=True, help="Whether the grocery allowance is taxable (disputed).")

    # time
    month_days = fields.Integer(string="Days of a Wage Month", default=30)
    hours_divisor = fields.Integer(string="Hourly Divisor", default=220, help="Hourly rate = monthly wage ÷ this.")
    overtime_rate = fields.Float(string="Overtime (%)", digits=(6, 2), default=40.0, help="Added to the hourly rate.")
    night_rate = fields.Float(string="Night Work (%)", digits=(6, 2), default=35.0)
    holiday_rate = fields.Float(string="Holiday Work (%)", digits=(6, 2), default=40.0)
    shift_rate_morning_evening = fields.Float(string="Shift: Morning/Evening (%)", digits=(6, 2), default=10.0)
    shift_rate_morning_night = fields.Float(string="Shift: Morning/Night (%)", digits=(6, 2), default=15.0)
    shift_rate_rotating = fields.Float(string="Shift: Three Rotating (%)", digits=(6, 2), default=22.5)

    # bonus and severance
    bonus_days = fields.Integer(string="Year-end Bonus (days of wage)", default=60)
    bonus_min_days = fields.Integer(string="Bonus at Least (days of minimum wage)", default=60)
    bonus_max_days = fields.Integer(string="Bonus at Most (days of minimum wage)", default=90)
    severance_days_per_year = fields.Integer(string="Severance (days of wage per year)", default=30)

    insurance_ceiling_monthly = fields.Monetary(
        string="Monthly Insurance Ceiling (30 days)", compute="_compute_derived")
    min_monthly_wage = fields.Monetary(string="Minimum Monthly Wage", compute="_compute_derived")

    _year_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (jalali_year, company_id)",
        "There is already a parameter record for this year (and municipality).")

    @api.depends("jalali_year", "company_id")
    def _compute_name(self):
        for parameter in self:
            name = to_persian_digits(str(parameter.jalali_year or ""))
            parameter.name = f"{name} - {parameter.company_id.name}" if parameter.company_id else name

    @api.depends("min_daily_wage", "insurance_ceiling_factor", "month_days")
    def _compute_derived(self):
        for parameter in self:
            parameter.min_monthly_wage = parameter.min_daily_wage * parameter.month_days
            parameter.insurance_ceiling_monthly = round(
                parameter.min_daily_wage * parameter.insurance_ceiling_factor * parameter.month_days)

    @api.constrains("jalali_year", "min_daily_wage", "seniority_daily", "housing_allowance", "grocery_allowance",
                    "marriage_allowance", "child_allowance", "hours_divisor", "month_days",
                    "insurance_tax_exempt_denominator", "insurance_ceiling_factor")
    def _check_figures(self):
        for parameter in self:
            if not 1300 <= parameter.jalali_year <= 1500:
                raise ValidationError(self.env._("The year of payroll parameters must be a Jalali year such as 1404."))
            amounts = (parameter.min_daily_wage, parameter.seniority_daily, parameter.housing_allowance,
                       parameter.grocery_allowance, parameter.marriage_allowance, parameter.child_allowance)
            if any(amount < 0 for amount in amounts) or parameter.insurance_ceiling_factor < 0:
                raise ValidationError(self.env._(
                    "The payroll parameters of %(year)s have a negative amount; enter zero or more.",
                    year=parameter.jalali_year))
            if parameter.hours_divisor <= 0 or parameter.month_days <= 0 or parameter.insurance_tax_exempt_denominator <= 0:
                raise ValidationError(self.env._(
                    "The hourly divisor, the days of a wage month and the denominator of the insurance exempt from "
                    "tax must be positive."))

    @api.constrains("tax_band_ids")
    def _check_tax_bands(self):
        for parameter in self:
            bands = parameter.tax_band_ids.sorted(lambda band: (band.sequence, band.id))
            bounds = [band.upper_bound for band in bands]
            if not bands:
                continue
            if bounds[-1] or any(not bound for bound in bounds[:-1]) or bounds[:-1] != sorted(set(bounds[:-1])):
                raise ValidationError(self.env._(
                    "The tax bands of %(year)s must have rising bounds, and only the last band is open-ended "
                    "(bound zero).", year=parameter.jalali_year))

    @api.model
    def _for_year(self, jalali_year, company):
        """The parameters of ``jalali_year`` for ``company``: its own record, else the shared one.
        UserError when the year has none."""
        records = self.sudo().search([("jalali_year", "=", jalali_year), ("company_id", "in", [company.id, False])])
        parameter = records.filtered("company_id")[:1] or records[:1]
        if not parameter:
            raise UserError(self.env._(
                "There are no payroll parameters for the year %(year)s; create them (Payroll › Configuration › "
                "Year Parameters, Copy to Next Year) first.", year=to_persian_digits(str(jalali_year))))
        return parameter

    def _tax_bands(self):
        """The bands as ``[(upper_bound, rate_percent), …, (None, rate)]`` for ``tools.payroll.monthly_wage_tax``."""
        self.ensure_one()
        bands = self.tax_band_ids.sorted(lambda band: (band.sequence, band.id))
        return [(int(band.upper_bound) if band.upper_bound else None, band.rate) for band in bands]

    def _insurance_rates(self, insurer):
        """``{"employee": 7, "employer": 20, "unemployment": 3}`` of ``insurer`` in this year."""
        self.ensure_one()
        rate = self.insurance_rate_ids.filtered(lambda r: r.insurer_id == insurer)[:1]
        if not rate:
            raise UserError(self.env._(
                "The payroll parameters of %(year)s have no insurance rates for %(insurer)s.",
                year=to_persian_digits(str(self.jalali_year)), insurer=insurer.display_name))
        return {"employee": rate.employee_rate, "employer": rate.employer_rate, "unemployment": rate.unemployment_rate}

    def _payslip_params(self, insurer):
        """The plain dict ``tools.payslip`` computes with (its ``PARAM_KEYS`` and the bonus keys), for employees
        insured with ``insurer``. Hour codes are the pay items' codes (OVERTIME, NIGHT, HOLIDAY)."""
        self.ensure_one()
        return {
            "min_daily_wage": int(self.min_daily_wage),
            "insurance_ceiling_multiple": Decimal(str(self.insurance_ceiling_factor)),
            "insurance_rates": self._insurance_rates(insurer),
            "tax_bands": self._tax_bands(),
            "insurance_tax_exemption": f"{self.insurance_tax_exempt_numerator}/{self.insurance_tax_exempt_denominator}",
            "hours_divisor": self.hours_divisor,
            # overtime and holiday hours pay the hour and the premium; night hours only the premium
            "hour_rates": {"OVERTIME": 100 + self.overtime_rate, "NIGHT": self.night_rate,
                           "HOLIDAY": 100 + self.holiday_rate},
            "bonus_days": self.bonus_days,
            "bonus_min_days": self.bonus_min_days,
            "bonus_max_days": self.bonus_max_days,
        }

    def _item_flags(self, item):
        """``(insurable, taxable)`` of pay item ``item`` this year: the year's flags override the items whose
        treatment sources dispute (marriage insurable, housing and grocery taxable)."""
        self.ensure_one()
        insurable, taxable = item.insurable, item.taxable
        if item.code == "MARRIAGE":
            insurable = self.marriage_insurable
        elif item.code == "HOUSING":
            taxable = self.housing_taxable
        elif item.code == "GROCERY":
            taxable = self.grocery_taxable
        return insurable, taxable

    def action_copy_forward(self):
        """Create the next year from this one (figures copied, marked unverified), or open it if it exists."""
        self.ensure_one()
        next_year = self.search([("jalali_year", "=", self.jalali_year + 1), ("company_id", "=", self.company_id.id)])
        if not next_year:
            next_year = self.copy({
                "jalali_year": self.jalali_year + 1,
                "verified": False,
                "note": False,
            })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": next_year.id,
            "view_mode": "form",
        }
