"""19.0.1.2.0: the «… created» messages of installed records are gone from databases created before.

Since 19.0.1.1.0 a record loaded from a data file logs no creation message (``mail.thread``'s ``create``): the
loader wrote it in English or half English («Letter ایجاد شد», «Toll Assessment created») for good. The records
of the suite's and Odoo's data and demo on a database created before keep theirs: deleted here, as the
``post_init_hook`` does on a new database. Records a person made (no XML id, or an export's) keep theirs."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    api.Environment(cr, SUPERUSER_ID, {})["mail.thread"]._forget_installed_records_creation()
