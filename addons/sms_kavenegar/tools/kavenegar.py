"""Kavenegar's REST API (https://kavenegar.com/rest.html): a small client and what its answers mean.

No Odoo here: ``SmsApiKavenegar`` (``sms_api.py``) turns these answers into Odoo's SMS states.

* ``send.json``: ``receptor``, ``sender``, ``message`` and ``localid`` (one per receptor, comma separated).
  Kavenegar never sends a ``localid`` twice: sending it again returns the first message, so a retry after a
  time-out does not reach the citizen twice.
* ``status.json`` (``messageid``) and ``statuslocalmessageid.json`` (``localid``): the delivery status.

Every answer is ``{"return": {"status": <code>, "message": <text>}, "entries": [...]}``, with the HTTP
status equal to the return code on errors.
"""

import requests

DEFAULT_BASE_URL = "https://api.kavenegar.com/v1"
DEFAULT_TIMEOUT = 10
#: Kavenegar accepts at most this many receptors (and ids) in one call.
MAX_RECEPTORS = 200

#: Message statuses (``status`` of an entry).
STATUS_QUEUED, STATUS_SCHEDULED, STATUS_SENT_TO_OPERATOR, STATUS_SENT_TO_OPERATOR_2 = 1, 2, 4, 5
STATUS_FAILED, STATUS_DELIVERED, STATUS_UNDELIVERED, STATUS_CANCELED, STATUS_BLOCKED = 6, 10, 11, 13, 14
STATUS_INVALID_ID = 100

#: What a message status means for the municipality: still on its way, delivered, or why not.
STATUS_OUTCOME = {
    STATUS_QUEUED: "pending",
    STATUS_SCHEDULED: "pending",
    STATUS_SENT_TO_OPERATOR: "pending",
    STATUS_SENT_TO_OPERATOR_2: "pending",
    STATUS_FAILED: "undelivered",
    STATUS_DELIVERED: "delivered",
    STATUS_UNDELIVERED: "undelivered",
    STATUS_CANCELED: "canceled",
    STATUS_BLOCKED: "blocked",
    STATUS_INVALID_ID: "unknown",
}
FINAL_STATUSES = frozenset(status for status, outcome in STATUS_OUTCOME.items() if outcome != "pending")

#: Error codes of a call (``return.status``), grouped by what the municipality must do about them.
ERROR_KIND = {
    401: "account",  # account disabled
    403: "account",  # invalid API key
    407: "account",  # no access to this information
    412: "account",  # the sender line is not the account's
    416: "account",  # the server's IP is not allowed
    426: "account",  # needs an advanced account
    501: "account",  # test accounts send to their owner only
    411: "invalid_number",  # receptor invalid
    418: "credit",  # not enough credit
    413: "content",  # message empty or too long
    420: "content",  # links are not allowed
    422: "content",  # invalid characters
    409: "server",  # the server cannot answer right now
    451: "server",  # too many calls: wait and retry
}


def outcome_of_status(status):
    """``pending``, ``delivered``, ``undelivered``, ``canceled``, ``blocked`` or ``unknown``."""
    try:
        return STATUS_OUTCOME.get(int(status), "unknown")
    except (TypeError, ValueError):
        return "unknown"


def error_kind(code):
    """What an error code means: ``account``, ``invalid_number``, ``credit``, ``content``, ``server`` (retry
    later) or ``unknown``. Any 5xx, and no answer at all (``None``), is the server's."""
    if code is None:
        return "server"
    try:
        code = int(code)
    except (TypeError, ValueError):
        return "unknown"
    return ERROR_KIND.get(code) or ("server" if code >= 500 else "unknown")


def receptor_number(number):
    """The number as Kavenegar reads it: Iranian numbers in the national form (``09…``), others with ``00``."""
    number = "".join(char for char in (number or "") if char.isdigit() or char == "+")
    if number.startswith("+98"):
        return "0" + number[3:]
    if number.startswith("0098"):
        return "0" + number[4:]
    if number.startswith("+"):
        return "00" + number[1:]
    return number


def number_forms(number):
    """The forms a number may be stored in by others (as typed, national ``09…``, E.164 ``+98…``, ``98…``,
    ``0098…``), to find it in a list such as Odoo's phone blacklist."""
    forms = {number} if number else set()
    local = receptor_number(number)
    if local.startswith("0") and not local.startswith("00"):
        forms |= {local, "+98" + local[1:], "98" + local[1:], "0098" + local[1:]}
    return sorted(forms)


class KavenegarError(Exception):
    """A call failed: ``code`` is Kavenegar's return status (``None`` when the server did not answer)."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}" if code is not None else message)
        self.code = code
        self.message = message

    @property
    def kind(self):
        return error_kind(self.code)


class KavenegarClient:
    def __init__(self, api_key, base_url=DEFAULT_BASE_URL, timeout=DEFAULT_TIMEOUT, session=None):
        if not api_key:
            raise KavenegarError(403, "No Kavenegar API key is configured.")
        base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        if not base_url.startswith(("https://", "http://")):
            raise KavenegarError(403, f"The Kavenegar address {base_url!r} is not an http(s) address.")
        self.api_key = api_key
        self.base_url = base_url
        self.timeout = timeout
        self.session = session or requests.Session()

    def _call(self, method, data):
        url = f"{self.base_url}/{self.api_key}/sms/{method}.json"
        try:
            response = self.session.post(url, data=data, timeout=self.timeout)
        except requests.RequestException as error:
            raise KavenegarError(None, f"Kavenegar could not be reached: {error.__class__.__name__}") from error
        try:
            answer = response.json()
        except ValueError:
            answer = None
        result = answer.get("return") if isinstance(answer, dict) else None
        code = result.get("status") if isinstance(result, dict) else None
        if not response.ok or code != 200:
            message = (result or {}).get("message") or response.reason or ""
            raise KavenegarError(code if code not in (None, 200) else response.status_code, message)
        entries = answer.get("entries")
        return entries if isinstance(entries, list) else []

    def send(self, receptors, message, sender=None, localids=None):
        """Send ``message`` to each receptor (``localids`` aligned with them); one entry per receptor:
        ``messageid``, ``status``, ``receptor``…"""
        data = {"receptor": ",".join(receptor_number(number) for number in receptors), "message": message}
        if sender:
            data["sender"] = sender
        if localids:
            data["localid"] = ",".join(localids)
        return self._call("send", data)

    def status(self, messageids):
        return self._call("status", {"messageid": ",".join(str(mid) for mid in messageids)})

    def status_by_localid(self, localids):
        return self._call("statuslocalmessageid", {"localid": ",".join(localids)})
