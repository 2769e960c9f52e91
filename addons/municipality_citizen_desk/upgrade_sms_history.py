"""Moving from the desk's own SMS queue (``office.sms.message``, until 19.0.1.0.0) to Odoo's ``sms``.

Run by ``migrations/19.0.1.1.0/post-migrate.py``, after the new code is loaded and before Odoo drops the old
table (it drops the tables of models that left the code at the end of the upgrade); tested on old-style
rows by ``tests/test_sms_history_migration.py``. Not imported by the addon itself.

* Each old message becomes an ``sms.sms`` kept as history (never marked for deletion): sent → *Sent*,
  queued or failed-but-still-retried → *In Queue* (Odoo's queue sends it), failed for good → *Error*.
  A message about a record with a chatter (a citizen request) also becomes an SMS message in that chatter,
  with its notification (number, status, the old error), dated when it was queued.
* The gateway settings move to the company's Kavenegar account: the API key and the sender line; the
  provider becomes Kavenegar when the old address was Kavenegar's (the old generic JSON gateway spoke
  another protocol: check the key in Settings otherwise).
"""

import logging

from odoo import Command
from odoo.tools import plaintext2html

_logger = logging.getLogger(__name__)

OLD_MAX_ATTEMPTS = 5
OLD_PARAMS = ("sms_url", "sms_api_key", "sms_sender", "sms_timeout", "sms_test_mode")
#: The old queue's records kept as ``noupdate`` (Odoo does not remove those at the end of an upgrade).
OLD_XMLIDS = ("ir_cron_sms_send", "ir_cron_sms_send_ir_actions_server", "office_sms_message_company_rule")


def migrate_sms_settings(env):
    params = env["ir.config_parameter"].sudo()
    values = {name: params.get_param(f"municipality_citizen_desk.{name}") for name in OLD_PARAMS}
    if values["sms_api_key"]:
        for company in env["res.company"].sudo().search([("sms_kavenegar_api_key", "=", False)]):
            company_values = {"sms_kavenegar_api_key": values["sms_api_key"]}
            if values["sms_sender"] and not company.sms_kavenegar_sender:
                company_values["sms_kavenegar_sender"] = values["sms_sender"]
            if "kavenegar" in (values["sms_url"] or "").lower() and not values["sms_test_mode"]:
                company_values["sms_provider"] = "kavenegar"
            company.write(company_values)
        _logger.info("The 137 desk's SMS API key and sender line moved to the companies' Kavenegar account.")
    params.search([("key", "in", [f"municipality_citizen_desk.{name}" for name in OLD_PARAMS])]).unlink()


def migrate_sms_history(env):
    """Copy the rows of ``office_sms_message`` into Odoo's SMS; returns how many were copied."""
    cr = env.cr
    cr.execute("SELECT to_regclass('office_sms_message')")
    if not cr.fetchone()[0]:
        return 0
    cr.execute("""SELECT id, number, body, state, error, attempts, res_model, res_id, company_id, create_date
                    FROM office_sms_message ORDER BY id""")
    rows = cr.dictfetchall()
    note = env.ref("mail.mt_note")
    root_partner = env.ref("base.partner_root")
    sms_values = []
    for row in rows:
        if row["state"] == "sent":
            state, failure_type = "pending", False
        elif row["state"] == "queued" or (row["state"] == "failed" and (row["attempts"] or 0) < OLD_MAX_ATTEMPTS):
            state, failure_type = "outgoing", False
        else:
            state, failure_type = "error", "sms_server"
        values = {"number": row["number"], "body": row["body"], "state": state, "failure_type": failure_type}
        record = None
        if row["res_model"] and row["res_model"] in env and row["res_id"]:
            record = env[row["res_model"]].sudo().browse(row["res_id"]).exists()
            if not record or not hasattr(record, "message_post"):
                record = None
        if record is not None:
            message = env["mail.message"].sudo().create({
                "model": record._name, "res_id": record.id, "message_type": "sms", "subtype_id": note.id,
                "body": plaintext2html(row["body"] or ""), "author_id": root_partner.id,
                "date": row["create_date"], "record_company_id": row["company_id"],
            })
            values["mail_message_id"] = message.id
        sms = env["sms.sms"].sudo().create(values)
        if record is not None:
            env["mail.notification"].sudo().create({
                "mail_message_id": values["mail_message_id"], "notification_type": "sms", "is_read": True,
                "sms_number": sms.number, "sms_id_int": sms.id,
                "notification_status": {"pending": "pending", "outgoing": "ready", "error": "exception"}[state],
                "failure_type": failure_type, "failure_reason": row["error"] if state == "error" else False,
                "sms_tracker_ids": [Command.create({"sms_uuid": sms.uuid})],
            })
    _logger.info("%s SMS of the 137 desk's old queue kept in Odoo's SMS.", len(rows))
    return len(rows)


def remove_old_queue_records(env):
    """The old queue's cron and record rule, and their external ids (they are ``noupdate``)."""
    for name in OLD_XMLIDS:
        record = env.ref(f"municipality_citizen_desk.{name}", raise_if_not_found=False)
        if record:
            record.sudo().unlink()
    env.cr.execute("DELETE FROM ir_model_data WHERE module = 'municipality_citizen_desk' AND name IN %s",
                   (OLD_XMLIDS,))
    env.registry.clear_cache()  # the external ids' lookup is cached
