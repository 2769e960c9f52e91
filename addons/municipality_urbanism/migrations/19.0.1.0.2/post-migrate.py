"""19.0.1.0.2: the permit type «Renewal» is for permits issued outside Shahr (see ``upgrade_renewal_type``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.municipality_urbanism.upgrade_renewal_type import rename_renewal_type


def migrate(cr, version):
    if not version:
        return
    rename_renewal_type(api.Environment(cr, SUPERUSER_ID, {}))
