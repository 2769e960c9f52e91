"""19.0.1.1.0: the desk's own SMS queue (office.sms.message) gave way to Odoo's sms; keep its history."""

from odoo import SUPERUSER_ID, api

from odoo.addons.municipality_citizen_desk.upgrade_sms_history import (
    migrate_sms_history, migrate_sms_settings, remove_old_queue_records)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    migrate_sms_settings(env)
    migrate_sms_history(env)
    remove_old_queue_records(env)
