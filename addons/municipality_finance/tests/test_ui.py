from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.municipality_base.tools.jalali import to_jalali

from ..tools.toll_payment_id import is_valid_payment_id
from .common import create_municipality


@tagged("post_install", "-at_install")
class TestFinanceUi(HttpCase):

    def test_clerk_assesses_a_renovation_toll_in_the_browser(self):
        """Builds its own municipality (no demo data needed): a renovation toll with a tariff for the fiscal
        year of today in Iran, a citizen, and a finance clerk of that municipality."""
        company, env = create_municipality(self.env, "شهرداری آزمون مرورگر")
        today = env["base"]._today_in_iran()
        year = env["municipality.fiscal.year"].create({"jalali_year": to_jalali(today).year, "company_id": company.id})
        renovation = env["municipality.toll.type"].create({
            "name": "عوارض نوسازی", "code": "RENOV", "company_id": company.id,
            "account_id": env["account.chart.template"].with_company(company).ref("irm_revenue_renovation").id,
            "input_ids": [(0, 0, {"key": "value", "name": "ارزش ملک"})],
            "tariff_ids": [(0, 0, {"fiscal_year_id": year.id, "formula": "value * 5 / 1000"})],
        })
        self.assertTrue(renovation.tariff_ids)
        new_test_user(env, "toll_clerk", password="toll_clerk", name="کارمند درآمد", tz="Asia/Tehran",
                      groups="municipality_finance.group_finance_clerk",
                      company_id=company.id, company_ids=[company.id])
        citizen = env["res.partner"].create({"name": "کیوان تورآزما"})
        Assessment = env["municipality.toll.assessment"]

        self.start_tour("/odoo/action-municipality_finance.action_municipality_toll_assessment",
                        "municipality_finance_toll_assessment_tour", login="toll_clerk")

        assessment = Assessment.search([("partner_id", "=", citizen.id)])
        self.assertEqual(len(assessment), 1)
        self.assertEqual((assessment.state, assessment.company_id, assessment.toll_type_id),
                         ("confirmed", company, renovation))
        self.assertEqual(assessment.amount_computed, 5_000_000, "5‰ of 1,000,000,000 rials")
        self.assertEqual(assessment.amount_total, assessment.amount_computed - assessment.discount_amount)
        self.assertEqual(assessment.invoice_id.state, "posted")
        self.assertEqual(assessment.invoice_id.amount_total, assessment.amount_total)
        self.assertTrue(is_valid_payment_id(assessment.invoice_id.payment_reference))
        self.assertEqual(assessment.create_uid.login, "toll_clerk")
