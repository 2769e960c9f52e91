"""Sending SMS: a small gateway interface, one real HTTP implementation and a test double.

A gateway has one method, ``send(number, text)``, which returns the provider's
message id or raises ``SmsGatewayError`` saying what went wrong. The Odoo
side (``office.sms.message``) queues messages and retries failures; it never
talks to a provider directly.

``JsonHttpSmsGateway`` speaks a generic JSON-over-HTTPS API, the shape most
Iranian SMS providers offer (their field names differ; subclass and override
``_payload`` / ``_message_id`` for one that differs)::

    POST <url>
    Authorization: Bearer <api key>
    Content-Type: application/json
    {"sender": "3000123", "receptor": "09121234567", "message": "..."}

    200 {"message_id": "abc123"}      (or {"id": ...}, or {"entries": [{"messageid": ...}]})
    4xx/5xx {"error": "..."}          → SmsGatewayError
"""

import requests


class SmsGatewayError(Exception):
    """The provider did not accept the message; the text says why."""


class SmsGateway:
    """Interface: send one text to one mobile number and return the provider's message id."""

    def send(self, number, text):
        raise NotImplementedError


class JsonHttpSmsGateway(SmsGateway):
    def __init__(self, url, api_key, sender, timeout=10):
        if not url or not url.startswith(("https://", "http://")):
            raise SmsGatewayError(f"The SMS provider URL {url!r} is not an http(s) address.")
        self.url = url
        self.api_key = api_key
        self.sender = sender
        self.timeout = timeout

    def _payload(self, number, text):
        return {"sender": self.sender, "receptor": number, "message": text}

    def _message_id(self, data):
        if isinstance(data, dict):
            for key in ("message_id", "messageid", "id"):
                if data.get(key) not in (None, ""):
                    return str(data[key])
            entries = data.get("entries")
            if isinstance(entries, list) and entries:
                return self._message_id(entries[0])
        return None

    def send(self, number, text):
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        try:
            response = requests.post(self.url, json=self._payload(number, text), headers=headers,
                                     timeout=self.timeout)
        except requests.RequestException as error:
            raise SmsGatewayError(f"The SMS provider could not be reached: {error}") from error
        try:
            data = response.json()
        except ValueError:
            data = None
        if not response.ok:
            detail = data.get("error") or data.get("message") if isinstance(data, dict) else None
            raise SmsGatewayError(
                f"The SMS provider refused the message (HTTP {response.status_code}): "
                f"{detail or response.text[:200] or response.reason}")
        message_id = self._message_id(data)
        if not message_id:
            raise SmsGatewayError("The SMS provider answered without a message id: "
                                  f"{(response.text or '')[:200]!r}")
        return message_id


class RecordingSmsGateway(SmsGateway):
    """Test double: keeps what it is asked to send; ``fail_with`` makes the next sends fail."""

    def __init__(self):
        self.sent = []
        self.fail_with = None
        self._counter = 0

    def reset(self):
        self.sent.clear()
        self.fail_with = None

    def send(self, number, text):
        if self.fail_with:
            raise SmsGatewayError(self.fail_with)
        self._counter += 1
        message_id = f"test-{self._counter}"
        self.sent.append({"number": number, "text": text, "message_id": message_id})
        return message_id


#: The double the Odoo side uses in test mode (one per process, like a real provider account).
TEST_GATEWAY = RecordingSmsGateway()
