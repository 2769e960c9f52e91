"""19.0.1.1.0: the Iranian working week (Saturday to Thursday, 44 hours) ships as data and becomes the
default working hours of the companies still on Odoo's Monday-to-Friday week."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._municipality_hr_adopt_iranian_week()
