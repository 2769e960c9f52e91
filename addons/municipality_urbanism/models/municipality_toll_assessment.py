from odoo import models


class MunicipalityTollAssessment(models.Model):
    """A permit's fees paid move its file on from the payment stage; a fee no longer paid (a bounced cheque)
    sends it back there."""

    _inherit = "municipality.toll.assessment"

    def _permits(self):
        return self.env["municipality.permit"].sudo().search([("assessment_ids", "in", self.ids)])

    def _on_paid(self):
        super()._on_paid()
        self._permits()._fees_paid()

    def _on_unpaid(self):
        super()._on_unpaid()
        for permit in self._permits():
            permit._payment_undone(self & permit.assessment_ids)
