"""The upgrade to 19.0.1.1.0 keeps the history of the desk's old SMS queue (``office.sms.message``) in Odoo's
SMS: run on old-style rows, as ``migrations/19.0.1.1.0/post-migrate.py`` runs it."""

import datetime

from odoo.tests import tagged

from ..upgrade_sms_history import migrate_sms_history, migrate_sms_settings, remove_old_queue_records
from .test_citizen_request import CitizenRequestCase

OLD_TABLE = """
    CREATE TABLE office_sms_message (
        id serial PRIMARY KEY, number varchar NOT NULL, body text NOT NULL, state varchar NOT NULL,
        error text, attempts integer, next_attempt timestamp, sent_date timestamp,
        provider_message_id varchar, res_model varchar, res_id integer, company_id integer NOT NULL,
        create_uid integer, create_date timestamp, write_uid integer, write_date timestamp)
"""


@tagged("post_install", "-at_install")
class TestSmsHistoryMigration(CitizenRequestCase):

    def _old_rows(self, *rows):
        self.env.cr.execute("DROP TABLE IF EXISTS office_sms_message")
        self.env.cr.execute(OLD_TABLE)
        for row in rows:
            row = dict({"error": None, "attempts": 1, "res_model": None, "res_id": None,
                        "company_id": self.env.company.id, "create_date": datetime.datetime(2025, 4, 5, 6, 30)},
                       **row)
            self.env.cr.execute("""
                INSERT INTO office_sms_message (number, body, state, error, attempts, res_model, res_id,
                                                company_id, create_date)
                VALUES (%(number)s, %(body)s, %(state)s, %(error)s, %(attempts)s, %(res_model)s, %(res_id)s,
                        %(company_id)s, %(create_date)s)""", row)

    def test_old_messages_become_odoo_sms_and_chatter_history(self):
        request = self.new_request(phone="09125550000")
        before = request.message_ids
        self._old_rows(
            {"number": "09125550000", "body": "old: tracking code sent", "state": "sent",
             "res_model": request._name, "res_id": request.id},
            {"number": "09125550000", "body": "old: answer never sent", "state": "failed", "attempts": 5,
             "error": "line busy", "res_model": request._name, "res_id": request.id},
            {"number": "09125550001", "body": "old: still being retried", "state": "failed", "attempts": 2},
            {"number": "09125550002", "body": "old: about a model that left", "state": "queued",
             "res_model": "old.model.gone", "res_id": 4},
        )
        self.assertEqual(migrate_sms_history(self.env), 4)
        Sms = self.env["sms.sms"].sudo()
        sent = Sms.search([("body", "=", "old: tracking code sent")])
        self.assertEqual((sent.state, sent.number, sent.to_delete), ("pending", "09125550000", False),
                         "kept as history, never vacuumed")
        failed = Sms.search([("body", "=", "old: answer never sent")])
        self.assertEqual((failed.state, failed.failure_type), ("error", "sms_server"))
        self.assertEqual(Sms.search([("body", "=", "old: still being retried")]).state, "outgoing",
                         "Odoo's queue sends what the old one was still retrying")
        self.assertEqual(Sms.search([("body", "=", "old: about a model that left")]).mail_message_id.id, False)
        history = request.message_ids - before
        self.assertEqual(sorted(history.mapped("message_type")), ["sms", "sms"])
        self.assertEqual(set(history.mapped("date")), {datetime.datetime(2025, 4, 5, 6, 30)})
        self.assertIn("old: tracking code sent", "".join(history.mapped("body")))
        notification = failed.mail_message_id.notification_ids
        self.assertEqual((notification.notification_status, notification.failure_reason, notification.sms_number),
                         ("exception", "line busy", "09125550000"))
        self.assertIn(failed.mail_message_id, request.message_ids.filtered(
            lambda m: m.notification_ids.filtered(lambda n: n.notification_status == "exception")),
            "the request's chatter still shows the SMS that never left")
        self.assertEqual(sent.mail_message_id.notification_ids.notification_status, "pending")

    def test_nothing_to_do_without_the_old_table(self):
        self.env.cr.execute("DROP TABLE IF EXISTS office_sms_message")
        self.assertEqual(migrate_sms_history(self.env), 0)

    def test_gateway_settings_move_to_the_kavenegar_account(self):
        company = self.env["res.company"].create({"name": "Municipality Migrating Its SMS"})
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("municipality_citizen_desk.sms_url", "https://api.kavenegar.com/v1/send")
        params.set_param("municipality_citizen_desk.sms_api_key", "old-key")
        params.set_param("municipality_citizen_desk.sms_sender", "3000123")
        self.env.company.sudo().sms_kavenegar_api_key = "kept-key"
        migrate_sms_settings(self.env)
        company = company.sudo()
        self.assertEqual((company.sms_kavenegar_api_key, company.sms_kavenegar_sender, company.sms_provider),
                         ("old-key", "3000123", "kavenegar"))
        self.assertEqual(self.env.company.sudo().sms_kavenegar_api_key, "kept-key", "a set key is kept")
        self.assertFalse(params.get_param("municipality_citizen_desk.sms_api_key"))
        self.assertFalse(params.get_param("municipality_citizen_desk.sms_url"))

    def test_old_queue_records_are_removed(self):
        """The old cron's server action and the old record rule were ``noupdate``: the upgrade removes them and
        their external ids."""
        action = self.env["ir.actions.server"].create({
            "name": "old SMS cron", "model_id": self.env.ref("base.model_res_partner").id, "state": "code",
            "code": "pass"})
        self.env["ir.model.data"].create({"module": "municipality_citizen_desk", "noupdate": True,
                                          "name": "ir_cron_sms_send_ir_actions_server",
                                          "model": "ir.actions.server", "res_id": action.id})
        remove_old_queue_records(self.env)
        self.assertFalse(action.exists())
        self.assertFalse(self.env["ir.model.data"].search([
            ("module", "=", "municipality_citizen_desk"), ("name", "=", "ir_cron_sms_send_ir_actions_server")]))
