from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .violation_kind import COMMERCIAL_USES, VIOLATION_KINDS


class MunicipalityCommissionFineRange(models.Model):
    """The legal range of the Article 100 fine multiplier for a kind of violation and a use (DOMAIN.md §5: excess
    area ½–3× in residential use, 2–4× in commercial, office and industrial use, missing parking 1–2×). The fine
    is multiplier × the building's transactional value × m²; the ranges are data, changed when the law changes."""

    _name = "municipality.commission.fine.range"
    _description = "Article 100 Fine Range"
    _order = "violation_kind, use_group"

    violation_kind = fields.Selection(VIOLATION_KINDS, string="Violation Kind", required=True)
    use_group = fields.Selection([("residential", "Residential and Other Uses"),
                                  ("commercial", "Commercial, Office and Industrial")],
                                 string="Use", required=True, default="residential")
    min_multiplier = fields.Float(string="Minimum Multiplier", required=True, digits=(6, 2))
    max_multiplier = fields.Float(string="Maximum Multiplier", required=True, digits=(6, 2))
    note = fields.Char(help="Where the range comes from (the article and note of the law).")
    active = fields.Boolean(default=True)

    _kind_use_unique = models.Constraint("UNIQUE(violation_kind, use_group)",
                                         "A kind of violation has one fine range per use.")

    @api.constrains("min_multiplier", "max_multiplier")
    def _check_range(self):
        for fine_range in self:
            if fine_range.min_multiplier <= 0 or fine_range.max_multiplier < fine_range.min_multiplier:
                raise ValidationError(self.env._(
                    "A fine range runs from a multiplier above zero to one at least as large."))

    @api.model
    def _for_violation(self, kind, use):
        """The range of a violation of ``kind`` in a floor of ``use`` (empty when the law gives none)."""
        group = "commercial" if use in COMMERCIAL_USES else "residential"
        ranges = self.search([("violation_kind", "=", kind)])
        return ranges.filtered(lambda r: r.use_group == group)[:1] or ranges.filtered(
            lambda r: r.use_group == "residential")[:1]
