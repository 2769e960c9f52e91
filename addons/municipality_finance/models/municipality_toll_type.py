from odoo import api, fields, models
from odoo.exceptions import UserError


class MunicipalityTollType(models.Model):
    """A line of the tariff book (عنوان عوارض): what is charged, on which
    revenue account, from which inputs; its formula per fiscal year is a
    ``municipality.toll.tariff``."""

    _name = "municipality.toll.type"
    _description = "Toll Type"
    _inherit = ["mail.thread"]
    _order = "sequence, code"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="A short code, unique in the municipality, for example RENOV.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    account_id = fields.Many2one(
        "account.account", string="Revenue Account", required=True, check_company=True, tracking=True,
        domain="[('account_type', 'in', ('income', 'income_other', 'liability_current'))]",
        help="The income account the assessments are invoiced on; the revenue budget line that follows this "
             "account receives the revenue. A share collected for another body (the education share of the "
             "permit tolls) is not the municipality's revenue: book it on a current liability account "
             "(statutory shares payable), which no revenue budget line follows.")
    penalty_account_id = fields.Many2one(
        "account.account", string="Late Penalty Account", check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Where late-payment penalties are booked; empty: on the revenue account.")
    input_ids = fields.One2many("municipality.toll.input", "toll_type_id", string="Inputs", copy=True)
    tariff_ids = fields.One2many("municipality.toll.tariff", "toll_type_id", string="Tariffs")
    description = fields.Text(translate=True)

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "A toll type with this code already exists in this municipality.")

    @api.depends("code")
    def _compute_display_name(self):
        for toll_type in self:
            toll_type.display_name = f"[{toll_type.code}] {toll_type.name}" if toll_type.code else toll_type.name

    # ------------------------------------------------------------------
    # Tariff lookup and amounts
    # ------------------------------------------------------------------
    def _get_tariff(self, date, raise_if_missing=True):
        """The tariff of this type for the fiscal year that contains ``date``."""
        self.ensure_one()
        year = self.env["municipality.fiscal.year"]._for_date(date, self.company_id)
        tariff = self.env["municipality.toll.tariff"]
        if year:
            tariff = tariff.search([("toll_type_id", "=", self.id), ("fiscal_year_id", "=", year.id)], limit=1)
        if not tariff and raise_if_missing:
            if not year:
                raise UserError(self.env._(
                    "There is no fiscal year for %(date)s in %(company)s, so toll “%(type)s” cannot be assessed. "
                    "Create the fiscal year first.", date=date, company=self.company_id.name, type=self.name))
            raise UserError(self.env._(
                "Toll “%(type)s” has no tariff for fiscal year %(year)s. Enter the tariff approved by the council "
                "for that year on the toll type.", type=self.name, year=year.name))
        return tariff

    def _prepare_formula_values(self, inputs):
        """Check ``inputs`` (input key → value) against this type's inputs and
        return the values the formula is computed with.

        A number input takes an int, float or Decimal (not negative unless the
        input allows it); a selection input takes the key of one of its options.
        """
        self.ensure_one()
        inputs = dict(inputs or {})
        declared = {toll_input.key: toll_input for toll_input in self.input_ids}
        unknown = sorted(set(inputs) - set(declared))
        if unknown:
            raise UserError(self.env._(
                "Toll “%(type)s” has no input %(inputs)s; its inputs are: %(declared)s.",
                type=self.name, inputs=", ".join(unknown), declared=", ".join(declared) or "-"))
        values = {}
        for key, toll_input in declared.items():
            value = inputs.get(key)
            if value is None or value is False or value == "":
                raise UserError(self.env._(
                    "Enter “%(input)s” (%(key)s) to assess toll “%(type)s”.",
                    input=toll_input.name, key=key, type=self.name))
            values[key] = toll_input._check_value(value)
        return values

    def _compute_amount(self, inputs, date):
        """The amount of this toll, in whole rials (before discount and penalty),
        for ``inputs`` (input key → value) with the tariff of ``date``'s fiscal year."""
        self.ensure_one()
        return self._get_tariff(date)._evaluate(self._prepare_formula_values(inputs))

    @api.model
    def _formula_error_message(self, error):
        """A translated message for a ``tools.toll_formula.FormulaError``."""
        _ = self.env._
        params = error.params
        messages = {
            "empty": lambda: _("The formula is empty."),
            "too_long": lambda: _("The formula is longer than %(max)s characters.", **params),
            "too_deep": lambda: _("The formula nests more than %(max)s levels deep; split it or simplify it.",
                                  **params),
            "syntax": lambda: _("The formula is not valid at column %(column)s: %(detail)s.",
                                column=params["column"], detail=params["detail"]),
            "forbidden": lambda: _("%(element)s is not allowed in a formula.", **params),
            "unknown_name": lambda: _("“%(name)s” is not an input of this toll type (its inputs are: %(names)s).",
                                      **params),
            "function": lambda: _(
                "The function “%(name)s” is not allowed; use only min, max, abs, round, ceil or floor.", **params),
            "arguments": lambda: _("The function “%(name)s” was called with %(count)s arguments.", **params),
            "exponent": lambda: _("The exponent %(value)s is too large; it may be at most %(max)s.", **params),
            "too_large": lambda: _("A result of the formula is larger than %(max)s.", **params),
            "division_by_zero": lambda: _("The formula divides by zero."),
            "text_operation": lambda: _(
                "Text (a selection input or a quoted value) can only be compared with == or !=."),
            "text_too_long": lambda: _("A text value in the formula is longer than %(max)s characters.", **params),
            "missing_value": lambda: _("The input “%(name)s” has no value.", **params),
            "bad_value": lambda: _("The input “%(name)s” must be a number or a text, not %(type)s.", **params),
            "not_a_number": lambda: _("The formula must give a number, but it gives a text."),
            "invalid": lambda: _("The formula cannot be computed: %(detail)s.", **params),
        }
        return messages.get(error.code, lambda: str(error))()

