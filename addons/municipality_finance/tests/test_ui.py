from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.jalali import to_jalali

from ..tools.toll_payment_id import is_valid_payment_id


@tagged("post_install", "-at_install")
class TestFinanceUi(HttpCase):

    def test_clerk_assesses_a_renovation_toll_in_the_browser(self):
        """Runs on the demo municipality: its renovation toll has a tariff for the current fiscal year."""
        renovation = self.env.ref("municipality_finance.demo_toll_type_renovation")
        self.assertTrue(renovation.tariff_ids.filtered(
            lambda tariff: tariff.fiscal_year_id.jalali_year == to_jalali(self.env.cr.now().date()).year))
        new_test_user(self.env, "toll_clerk", password="toll_clerk", name="کارمند درآمد",
                      groups="municipality_finance.group_finance_clerk")
        citizen = self.env.ref("municipality_base.demo_citizen_1")
        Assessment = self.env["municipality.toll.assessment"]
        before = Assessment.search([("partner_id", "=", citizen.id)])

        self.start_tour("/odoo/action-municipality_finance.action_municipality_toll_assessment",
                        "municipality_finance_toll_assessment_tour", login="toll_clerk")

        assessment = Assessment.search([("partner_id", "=", citizen.id)]) - before
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.state, "confirmed")
        self.assertEqual(assessment.amount_computed, 5_000_000, "5‰ of 1,000,000,000 rials")
        self.assertEqual(assessment.amount_total, assessment.amount_computed - assessment.discount_amount)
        self.assertEqual(assessment.invoice_id.state, "posted")
        self.assertEqual(assessment.invoice_id.amount_total, assessment.amount_total)
        self.assertTrue(is_valid_payment_id(assessment.invoice_id.payment_reference))
        self.assertEqual(assessment.create_uid.login, "toll_clerk")
