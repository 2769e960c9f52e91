from odoo import models


class MunicipalityTollAssessment(models.Model):
    _inherit = "municipality.toll.assessment"

    def _get_online_payment_url(self):
        """The full address where the citizen sees this assessment's invoice and pays it online, without
        logging in (the invoice's portal page with its access token): for the SMS of a toll assessed and
        the links of the 137 and urbanism portal pages. False without an invoice."""
        self.ensure_one()
        invoice = self.sudo().invoice_id
        if not invoice:
            return False
        return invoice.get_base_url() + invoice.get_portal_url()
