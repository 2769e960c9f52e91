"""19.0.1.0.3: the files opened before the stage log get theirs (see ``upgrade_stage_log``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.municipality_urbanism.upgrade_stage_log import backfill_stage_logs


def migrate(cr, version):
    if not version:
        return
    backfill_stage_logs(api.Environment(cr, SUPERUSER_ID, {}))
