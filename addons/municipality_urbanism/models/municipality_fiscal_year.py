from odoo import models


class MunicipalityFiscalYear(models.Model):
    _inherit = "municipality.fiscal.year"

    def _demo_copy_year_definitions(self, source):
        """Demo data: the regional values of the ``source`` year too, for the blocks (street segments) this
        year has none of."""
        super()._demo_copy_year_definitions(source)
        Value = self.env["municipality.regional.value"]
        present = {(v.district_id.id, v.block, v.street_segment or False)
                   for v in Value.search([("fiscal_year_id", "=", self.id)])}
        for value in Value.search([("fiscal_year_id", "=", source.id)]):
            if (value.district_id.id, value.block, value.street_segment or False) not in present:
                value.copy({"fiscal_year_id": self.id})
