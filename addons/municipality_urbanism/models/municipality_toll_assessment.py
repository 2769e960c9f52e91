from odoo import models


class MunicipalityTollAssessment(models.Model):
    """A permit's fees paid move its file on from the payment stage; a fee no longer paid (a bounced cheque)
    sends it back there."""

    _inherit = "municipality.toll.assessment"

    # One renovation toll per property, toll type and toll year (the year it is for, not the one it is billed
    # in: a past year's toll is billed today): a batch run twice, or resumed after an interruption, cannot
    # assess a property twice (a cancelled assessment can be replaced).
    _property_year_unique = models.UniqueIndex(
        "(origin_id, toll_type_id, toll_year_id) WHERE origin_model = 'municipality.property' "
        "AND cancelled IS NOT TRUE")

    def _permits(self):
        return self.env["municipality.permit"].sudo().search([("assessment_ids", "in", self.ids)])

    def _on_paid(self):
        super()._on_paid()
        self._permits()._fees_paid()

    def _on_unpaid(self):
        super()._on_unpaid()
        for permit in self._permits():
            permit._payment_undone(self & permit.assessment_ids)
