"""19.0.1.0.3: the files opened before the stage log get theirs (see ``upgrade_stage_log``); the waiting
silence-is-consent inquiries count two Jalali months (see ``upgrade_inquiry_due_dates``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.municipality_urbanism.upgrade_inquiry_due_dates import recompute_inquiry_due_dates
from odoo.addons.municipality_urbanism.upgrade_stage_log import backfill_stage_logs


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    backfill_stage_logs(env)
    recompute_inquiry_due_dates(env)
