"""Odoo's SMS API (``SmsApiBase``) on top of Kavenegar: what ``sms.sms`` sends through when the company's
provider is Kavenegar. The protocol itself is in ``tools/kavenegar.py``."""

import logging

from odoo.tools import split_every

from odoo.addons.sms.tools.sms_api import SmsApiBase
from odoo.addons.sms_kavenegar.tools import kavenegar

_logger = logging.getLogger(__name__)

#: The state each kind of Kavenegar error gives an SMS (``server_error`` is retried by the queue).
ERROR_KIND_TO_STATE = {
    "account": "kavenegar_account",
    "credit": "kavenegar_credit",
    "invalid_number": "kavenegar_invalid_number",
    "content": "kavenegar_content",
    "server": "server_error",
    "unknown": "kavenegar_error",
}
#: The state a message status at sending gives an SMS (``success``: sent, ``delivered``: delivered).
OUTCOME_TO_STATE = {
    "pending": "success",
    "unknown": "success",  # the delivery report will tell
    "delivered": "delivered",
    "undelivered": "kavenegar_undelivered",
    "blocked": "kavenegar_blocked",
    "canceled": "kavenegar_blocked",
}


class SmsApiKavenegar(SmsApiBase):
    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "kavenegar_account": "sms_acc",
        "kavenegar_credit": "sms_credit",
        "kavenegar_invalid_number": "sms_number_format",
        "kavenegar_content": "sms_rejected",
        "kavenegar_undelivered": "sms_not_delivered",
        "kavenegar_blocked": "sms_rejected",
    }

    def _client(self):
        company_sudo = (self.company or self.env.company).sudo()
        params = self.env["ir.config_parameter"].sudo()
        try:
            timeout = int(params.get_param("sms_kavenegar.timeout") or kavenegar.DEFAULT_TIMEOUT)
        except ValueError:
            timeout = kavenegar.DEFAULT_TIMEOUT
        return kavenegar.KavenegarClient(
            company_sudo.sms_kavenegar_api_key,
            base_url=params.get_param("sms_kavenegar.base_url") or kavenegar.DEFAULT_BASE_URL,
            timeout=max(timeout, 1),
        )

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """Send through Kavenegar (see ``SmsApi._send_sms_batch`` for ``messages`` and the results); each
        result also has ``sms_kavenegar_messageid`` and ``sms_kavenegar_status`` when Kavenegar took it."""
        numbers_by_body = [(message.get("content") or "", message.get("numbers") or []) for message in messages]
        try:
            client = self._client()
        except kavenegar.KavenegarError as error:
            return [self._error_result(info["uuid"], error) for _body, numbers in numbers_by_body for info in numbers]
        company_sudo = (self.company or self.env.company).sudo()
        results = []
        for body, numbers in numbers_by_body:
            for chunk in split_every(kavenegar.MAX_RECEPTORS, numbers):
                results += self._send_chunk(client, body, list(chunk), company_sudo.sms_kavenegar_sender)
        return results

    def _send_chunk(self, client, body, numbers, sender):
        try:
            entries = client.send([info["number"] for info in numbers], body, sender=sender,
                                  localids=[info["uuid"] for info in numbers])
        except kavenegar.KavenegarError as error:
            if error.kind == "invalid_number" and len(numbers) > 1:
                # one bad number refuses the whole call: send one by one to find it
                return [result for info in numbers for result in self._send_chunk(client, body, [info], sender)]
            _logger.info("Kavenegar refused %s SMS: %s", len(numbers), error)
            return [self._error_result(info["uuid"], error) for info in numbers]
        results = []
        for index, info in enumerate(numbers):
            entry = entries[index] if index < len(entries) and isinstance(entries[index], dict) else {}
            outcome = kavenegar.outcome_of_status(entry.get("status"))
            state = OUTCOME_TO_STATE[outcome]
            results.append({
                "uuid": info["uuid"],
                "state": state,
                "failure_reason": self._get_sms_api_error_messages().get(state) if state.startswith("kavenegar")
                else False,
                "sms_kavenegar_messageid": str(entry["messageid"]) if entry.get("messageid") else False,
                "sms_kavenegar_status": entry.get("status") or 0,
            })
        return results

    def _error_result(self, uuid, error):
        state = ERROR_KIND_TO_STATE[error.kind]
        explanation = self._get_sms_api_error_messages().get(state) or ""
        detail = f"Kavenegar {error.code}: {error.message}" if error.code is not None else error.message
        return {"uuid": uuid, "state": state, "failure_reason": f"{explanation} ({detail})".strip()}

    def _get_sms_api_error_messages(self):
        _ = self.env._
        messages = super()._get_sms_api_error_messages()
        messages.update({
            "kavenegar_account": _("The Kavenegar account refused the message: check the API key, the sender "
                                   "line and the server's address allowed in the account."),
            "kavenegar_credit": _("The Kavenegar account has no credit left."),
            "kavenegar_invalid_number": _("Kavenegar refused the number."),
            "kavenegar_content": _("Kavenegar refused the text of the message (too long, a link or a character "
                                   "it does not allow)."),
            "kavenegar_undelivered": _("The message did not reach the phone."),
            "kavenegar_blocked": _("The recipient blocked messages from this line."),
            "kavenegar_error": _("Kavenegar refused the message."),
            "server_error": _("Kavenegar could not be reached; the message is sent again automatically."),
        })
        return messages
