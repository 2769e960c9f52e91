import datetime
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools.identifiers import normalize_mobile

from ..tools import sms_gateway

_logger = logging.getLogger(__name__)

#: A message that failed this many times is left failed for a person to look at.
MAX_ATTEMPTS = 5
#: Minutes before the n-th retry: 5, 10, 20, 40…
RETRY_BASE_MINUTES = 5


class OfficeSmsMessage(models.Model):
    """One SMS to one mobile number, queued and sent through the configured gateway.

    Messages are sent right after the transaction that queued them commits, and by a cron every few
    minutes for those that could not go at once; a failure is retried with a growing delay up to
    ``MAX_ATTEMPTS`` times. Only the sending code writes them (as superuser).
    """

    _name = "office.sms.message"
    _description = "SMS Message"
    _order = "id desc"
    _rec_name = "number"

    number = fields.Char(required=True, readonly=True, help="Iranian mobile number, 09XXXXXXXXX.")
    body = fields.Text(required=True, readonly=True)
    state = fields.Selection([("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")], required=True,
                             default="queued", readonly=True, index=True)
    error = fields.Text(readonly=True)
    attempts = fields.Integer(readonly=True, default=0)
    next_attempt = fields.Datetime(readonly=True, default=fields.Datetime.now, index=True)
    sent_date = fields.Datetime(readonly=True)
    provider_message_id = fields.Char(string="Provider Message ID", readonly=True, index="btree_not_null")
    res_model = fields.Char(string="Related Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Related Document", model_field="res_model", readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)

    @api.constrains("number")
    def _check_number(self):
        for message in self:
            if normalize_mobile(message.number) != message.number:
                raise ValidationError(self.env._(
                    "An SMS goes to an Iranian mobile number (09XXXXXXXXX), not to “%s”.", message.number))

    @api.model
    def _queue(self, number, text, record=None):
        """Queue ``text`` for ``number``; it is sent as soon as the current transaction commits."""
        message = self.sudo().create({
            "number": normalize_mobile(number) or number, "body": text,
            "res_model": record._name if record else False, "res_id": record.id if record else False,
            "company_id": (record.company_id.id if record and "company_id" in record else False)
            or self.env.company.id,
        })
        message._send_after_commit()
        return message

    def _send_after_commit(self):
        ids, registry = self.ids, self.env.registry

        @self.env.cr.postcommit.add
        def send_now():
            try:
                with registry.cursor() as cr:
                    api.Environment(cr, SUPERUSER_ID, {})["office.sms.message"].browse(ids)._send()
            except Exception:
                _logger.exception("Sending SMS %s after commit failed; the cron will retry.", ids)

    @api.model
    def _gateway(self):
        """The configured gateway: the recording double in test mode, else the JSON/HTTP provider."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("municipality_citizen_desk.sms_test_mode"):
            return sms_gateway.TEST_GATEWAY
        return sms_gateway.JsonHttpSmsGateway(
            params.get_param("municipality_citizen_desk.sms_url") or "",
            params.get_param("municipality_citizen_desk.sms_api_key") or "",
            params.get_param("municipality_citizen_desk.sms_sender") or "",
            timeout=int(params.get_param("municipality_citizen_desk.sms_timeout") or 10),
        )

    def _lock_if_sendable(self):
        """Lock this one message if it is still to send, and tell whether it is.

        Called inside the sending loop for each message, right before it goes: the cron commits after each
        message (which releases every lock taken so far), so locking the batch once would let an after-commit
        send or a retry pick up, and send again, a message of the batch. ``SKIP LOCKED``: a message someone
        else is sending right now is theirs. The state is read from the row, not from the cache."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            """SELECT id FROM office_sms_message
                WHERE id = %s AND state IN ('queued', 'failed') AND attempts < %s
                FOR UPDATE SKIP LOCKED""", (self.id, MAX_ATTEMPTS))
        locked = bool(self.env.cr.fetchone())
        self.invalidate_recordset()
        return locked

    def _send(self):
        """Send each message once through the gateway and record the outcome."""
        messages = self.sudo()
        if not messages:
            return
        try:
            gateway = self._gateway()
        except sms_gateway.SmsGatewayError as error:
            gateway, config_error = None, str(error)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        for message in messages:
            if not message._lock_if_sendable():
                continue
            now = fields.Datetime.now()
            try:
                if gateway is None:
                    raise sms_gateway.SmsGatewayError(config_error)
                provider_id = gateway.send(message.number, message.body)
            except sms_gateway.SmsGatewayError as error:
                attempts = message.attempts + 1
                message.write({
                    "state": "failed", "error": str(error), "attempts": attempts,
                    "next_attempt": now + datetime.timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1)),
                })
                _logger.warning("SMS %s to %s failed (attempt %s): %s", message.id, message.number, attempts, error)
            else:
                message.write({"state": "sent", "error": False, "attempts": message.attempts + 1,
                               "provider_message_id": provider_id, "sent_date": now})
            if in_cron:
                self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _cron_send_queued(self, limit=500):
        """Send what is queued and retry what failed once its delay has passed."""
        self.search([("state", "in", ("queued", "failed")), ("attempts", "<", MAX_ATTEMPTS),
                     ("next_attempt", "<=", fields.Datetime.now())], limit=limit, order="id")._send()

    def action_retry(self):
        """Send failed messages again now, with a fresh set of attempts."""
        self.filtered(lambda m: m.state == "failed").sudo().write(
            {"attempts": 0, "next_attempt": fields.Datetime.now()})
        self._send()
        return True
