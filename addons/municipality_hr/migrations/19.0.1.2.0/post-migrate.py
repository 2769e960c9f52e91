"""19.0.1.2.0: the shipped pay items carry the field of the wage-tax portal's WH file they feed
(``tax_pay_type_code``); their data is ``noupdate``, so existing databases get the codes here, where empty."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["municipality.pay.item"]._fill_shipped_tax_pay_type_codes()
