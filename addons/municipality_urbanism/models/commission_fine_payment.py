from odoo import models


class MunicipalityTollAssessment(models.Model):
    """An Article 100 fine paid closes its commission case once every other ruling is carried out."""

    _inherit = "municipality.toll.assessment"

    def _on_paid(self):
        super()._on_paid()
        rulings = self.env["municipality.commission.ruling"].sudo().search([("assessment_id", "in", self.ids)])
        rulings.case_id._fines_paid()
