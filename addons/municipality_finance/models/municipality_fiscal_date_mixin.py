from odoo import api, fields, models
from odoo.fields import Domain


class MunicipalityFiscalDateMixin(models.AbstractModel):
    """Fiscal year and Jalali period of a dated record, to filter and group by.

    The model says which of its date fields counts (``_fiscal_date_field``,
    default ``date``). Both fields are computed, not stored: searching them
    turns into a date range, so «fiscal year 1404» is a plain indexed
    ``date BETWEEN`` in the database.
    """

    _name = "municipality.fiscal.date.mixin"
    _description = "Fiscal year and period of a dated record"
    _fiscal_date_field = "date"

    fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", string="Fiscal Year",
        compute="_compute_fiscal_year_period", search="_search_fiscal_year_id")
    fiscal_period_id = fields.Many2one(
        "municipality.fiscal.period", string="Fiscal Period",
        compute="_compute_fiscal_year_period", search="_search_fiscal_period_id")

    @api.depends(lambda self: [self._fiscal_date_field, "company_id"])
    def _compute_fiscal_year_period(self):
        date_field = self._fiscal_date_field
        dates = [record[date_field] for record in self if record[date_field]]
        periods = self.env["municipality.fiscal.period"]
        if dates:
            periods = periods.search([
                ("company_id", "in", self.company_id.root_id.ids + self.company_id.ids),
                ("date_from", "<=", max(dates)), ("date_to", ">=", min(dates))])
        for record in self:
            day = record[date_field]
            period = day and next((
                period for period in periods
                if period.company_id in record.company_id.parent_ids and period.date_from <= day <= period.date_to
            ), None)
            record.fiscal_period_id = period or False
            record.fiscal_year_id = period.fiscal_year_id if period else False

    def _search_fiscal_year_id(self, operator, value):
        return self._search_fiscal_range("municipality.fiscal.year", operator, value)

    def _search_fiscal_period_id(self, operator, value):
        return self._search_fiscal_range("municipality.fiscal.period", operator, value)

    def _search_fiscal_range(self, model, operator, value):
        """Turn a condition on the fiscal year or period into date ranges."""
        negative = operator in ("not in", "not any", "not ilike", "!=")
        positive_operator = {"not in": "in", "not any": "any", "not ilike": "ilike", "!=": "="}.get(operator, operator)
        Range = self.env[model].with_context(active_test=False)
        if positive_operator == "any":
            ranges = Range.search(value)
        elif positive_operator == "in" and all(isinstance(item, int) for item in value):
            ranges = Range.browse(value).exists()
        elif positive_operator == "in":
            ranges = Range.search([("display_name", "in", [item for item in value if isinstance(item, str)])])
        elif positive_operator in ("ilike", "="):
            ranges = Range.search([("display_name", positive_operator, value)])
        else:
            return NotImplemented
        date_field = self._fiscal_date_field
        domain = Domain.OR(
            Domain([(date_field, ">=", fiscal_range.date_from), (date_field, "<=", fiscal_range.date_to),
                    ("company_id", "child_of", fiscal_range.company_id.id)])
            for fiscal_range in ranges
        )
        return ~domain if negative else domain
