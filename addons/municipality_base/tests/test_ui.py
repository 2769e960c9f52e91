from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCitizenTour(HttpCase):
    def test_citizen_registration_tour(self):
        Partner = self.env["res.partner"]
        existing = Partner.search([("national_id", "=", "0499370899")])
        self.assertEqual(len(existing), 1, "the demo citizen the tour tries to duplicate")

        self.start_tour("/odoo", "municipality_base_citizen_tour", login="admin")

        created = Partner.search([("national_id", "=", "5897859299")])
        self.assertEqual(created.name, "نرگس تورانی")
        self.assertEqual(created.mobile, "09120001122")
        self.assertEqual(Partner.search_count([("national_id", "=", "0499370899")]), 1,
                         "the duplicate must not have been saved")
