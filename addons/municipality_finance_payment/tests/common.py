"""A municipality with a toll, a citizen with a portal account, the Mellat double as its bank."""

import re

import requests

from odoo.tests import HttpCase, new_test_user

from odoo.addons.municipality_base.tools.jalali import to_jalali
from odoo.addons.municipality_finance.tests.common import create_municipality
from odoo.addons.payment_behpardakht.tools.mellat_double import MellatDouble


class TollPaymentCase(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری پرداخت برخط")
        cls.today = cls.env["res.partner"]._today_in_iran()
        cls.year = cls.env["municipality.fiscal.year"].create(
            {"jalali_year": to_jalali(cls.today).year, "company_id": cls.company.id})
        Chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.toll_type = cls.env["municipality.toll.type"].create({
            "name": "عوارض کسب", "code": "PAYBIZ", "company_id": cls.company.id,
            "account_id": Chart.ref("irm_revenue_renovation").id,
            "input_ids": [(0, 0, {"key": "area", "name": "مساحت"})],
        })
        cls.env["municipality.toll.tariff"].create({
            "toll_type_id": cls.toll_type.id, "fiscal_year_id": cls.year.id, "formula": "area * 10000"})
        cls.citizen_user = new_test_user(
            cls.env, login="pay_citizen_2931", groups="base.group_portal", company_id=cls.company.id,
            name="مریم کاظمی")
        cls.citizen = cls.citizen_user.partner_id
        cls.citizen.write({"national_id": "0499370899", "company_id": False})
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        cls.double = MellatDouble().start()
        cls.addClassCleanup(cls.double.stop)
        cls.mellat = cls.env.ref("payment_behpardakht.payment_provider_behpardakht").copy({
            "company_id": cls.company.id,
            "behpardakht_terminal_id": str(cls.double.terminal_id), "behpardakht_username": cls.double.username,
            "behpardakht_password": cls.double.password, "behpardakht_wsdl_url": cls.double.wsdl_url,
            "behpardakht_payment_url": cls.double.payment_url, "behpardakht_timeout": 1,
        })
        cls.mellat.write({"state": "test", "is_published": True})  # as the administrator turns it on
        cls.mellat.journal_id = cls.bank_journal
        cls.shetab = cls.env.ref("payment_shaparak.payment_method_shetab")

    def setUp(self):
        super().setUp()
        self.double.reset()

    def _assess(self, area=125):
        return self.env["municipality.toll.assessment"].create_assessment(
            self.citizen, self.toll_type, {"area": area}, date=self.today)

    def _start_payment(self, invoice, provider=None, method=None):
        """What the portal's Pay Now does: create the transaction; returns (tx, processing values)."""
        provider = provider or self.mellat
        values = self.make_jsonrpc_request(f"/invoice/transaction/{invoice.id}", {
            "access_token": invoice._portal_ensure_token(),
            "provider_id": provider.id, "payment_method_id": (method or self.shetab).id, "token_id": None,
            "amount": invoice.amount_residual, "flow": "redirect", "tokenization_requested": False,
            "landing_route": invoice.get_portal_url(),
        })
        tx = self.env["payment.transaction"].search([("reference", "=", values["reference"])])
        return tx, values

    def _at_the_bank(self, values):
        """The browser posts the redirect form to the bank's page; the bank answers with the form it
        posts back. Returns the callback's fields."""
        html = values["redirect_form_html"]
        action = re.search(r'action="([^"]+)"', html).group(1)
        ref_id = re.search(r'name="RefId" value="([^"]+)"', html).group(1)
        page = requests.post(action, data={"RefId": ref_id}, timeout=10)
        page.raise_for_status()
        return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page.text))

    def _callback(self, fields):
        return self.url_open("/payment/behpardakht/return", data=fields, allow_redirects=False)
