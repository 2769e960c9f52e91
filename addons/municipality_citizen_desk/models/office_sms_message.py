import datetime
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.municipality_base.tools.identifiers import normalize_mobile

from ..tools import sms_gateway
from ..tools.open311 import parse_positive_int

_logger = logging.getLogger(__name__)

#: A message that failed this many times is left failed for a person to look at.
MAX_ATTEMPTS = 5
#: Minutes before the n-th retry: 5, 10, 20, 40…
RETRY_BASE_MINUTES = 5
#: Seconds the provider has to answer, unless the system parameter says otherwise.
DEFAULT_TIMEOUT = 10


class OfficeSmsMessage(models.Model):
    """One SMS to one mobile number, queued and sent through the configured gateway.

    Messages are sent right after the transaction that queued them commits, and by a cron every few
    minutes for those that could not go at once; a failure is retried with a growing delay up to
    ``MAX_ATTEMPTS`` times. Only the sending code writes them (as superuser). The record a message is about
    (a citizen request) is told in its chatter when the message is sent, when it first fails and when
    sending is given up.
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
            timeout=parse_positive_int(params.get_param("municipality_citizen_desk.sms_timeout"), DEFAULT_TIMEOUT)
            or DEFAULT_TIMEOUT,
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
        except Exception as error:  # noqa: BLE001 - a bad setting fails the messages, never the cron
            gateway, config_error = None, str(error) or error.__class__.__name__
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
                if attempts == 1 or attempts >= MAX_ATTEMPTS:
                    message._tell_record("failed")
            else:
                message.write({"state": "sent", "error": False, "attempts": message.attempts + 1,
                               "provider_message_id": provider_id, "sent_date": now})
                message._tell_record("sent")
            if in_cron:
                self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _cron_send_queued(self, limit=500):
        """Send what is queued and retry what failed once its delay has passed."""
        self.search([("state", "in", ("queued", "failed")), ("attempts", "<", MAX_ATTEMPTS),
                     ("next_attempt", "<=", fields.Datetime.now())], limit=limit, order="id")._send()

    def _record(self):
        """The record this message is about, if it still exists and has a chatter."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env or not self.res_id:
            return None
        record = self.env[self.res_model].sudo().browse(self.res_id).exists()
        return record if record and hasattr(record, "message_post") else None

    def _tell_record(self, outcome):
        """Post on the record's chatter that this message was sent or failed (in the company's language)."""
        record = self._record()
        if record is None:
            return
        record = record.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        _ = record.env._
        if outcome == "sent":
            body = _("The SMS to %s was sent.", self.number)
        elif self.attempts >= MAX_ATTEMPTS:
            body = _("The SMS to %(number)s could not be sent after %(attempts)s attempts (%(error)s): it is no "
                     "longer retried. Tell the citizen another way, or have it re-sent once the SMS settings "
                     "are fixed.", number=self.number, attempts=self.attempts, error=self.error)
        else:
            body = _("The SMS to %(number)s could not be sent (%(error)s); it is retried automatically.",
                     number=self.number, error=self.error)
        record.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _check_can_resend(self):
        """Re-sending re-delivers what was said to a citizen: the Correspondence Administrator's and the
        Settings administrators' decision, not the desk's."""
        if self.env.su or self.env.user.has_group("base.group_system") \
                or self.env.user.has_group("office_automation.group_office_admin"):
            return
        raise AccessError(self.env._(
            "Only the Correspondence Administrator or a Settings administrator sends SMS messages again."))

    def action_retry(self):
        """Send failed messages again now, with a fresh set of attempts."""
        self._check_can_resend()
        self.filtered(lambda m: m.state == "failed").sudo().write(
            {"attempts": 0, "next_attempt": fields.Datetime.now()})
        self._send()
        return True
