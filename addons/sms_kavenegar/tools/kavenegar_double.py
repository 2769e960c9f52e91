"""A stand-in for Kavenegar's REST API on a local port, for tests and demos (real HTTP, real sockets).

    double = KavenegarDouble(api_key="test-key").start()
    double.base_url          # http://127.0.0.1:<port>/v1, to put in the ``sms_kavenegar.base_url`` parameter
    double.invalid_numbers   # numbers refused at sending (error 411)
    double.undelivered_numbers  # numbers accepted but never delivered (status 11)
    double.down = 2          # the next 2 calls answer HTTP 502 (the provider is down), then it is up again
    double.deliver_all()     # the operators report: delivered (10) or undelivered (11)
    double.stop()

It answers ``send.json``, ``status.json`` and ``statuslocalmessageid.json`` as Kavenegar does, never sends a
``localid`` twice, and keeps every message it accepted in ``messages`` (and every call in ``calls``).
"""

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .kavenegar import STATUS_DELIVERED, STATUS_INVALID_ID, STATUS_QUEUED, STATUS_UNDELIVERED


class KavenegarDouble:
    def __init__(self, api_key="test-key"):
        self.api_key = api_key
        self.lock = threading.Lock()
        self.reset()
        self._server = None
        self._thread = None

    def reset(self):
        self.messages = {}  # messageid -> {receptor, message, sender, localid, status}
        self.calls = []  # (method, params)
        self.invalid_numbers = set()
        self.undelivered_numbers = set()
        self.down = 0
        self.credit = None  # None: unlimited; an int: messages left before error 418
        self._ids = itertools.count(80001)

    # ------------------------------------------------------------------ server

    def start(self):
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer(parse_qs(urlparse(self.path).query))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(parse_qs(self.rfile.read(length).decode()))

            def _answer(self, query):
                params = {key: values[-1] for key, values in query.items()}
                status, payload = double._handle(urlparse(self.path).path, params)
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # ------------------------------------------------------------------ behaviour

    def deliver_all(self):
        """The operators' reports arrive: every message still on its way is delivered, or not."""
        with self.lock:
            for message in self.messages.values():
                if message["status"] == STATUS_QUEUED:
                    undelivered = message["receptor"] in self.undelivered_numbers
                    message["status"] = STATUS_UNDELIVERED if undelivered else STATUS_DELIVERED

    def sent_to(self, receptor):
        return [message for message in self.messages.values() if message["receptor"] == receptor]

    @staticmethod
    def _error(code, message):
        return code, {"return": {"status": code, "message": message}, "entries": None}

    @staticmethod
    def _entry(messageid, message):
        return {"messageid": messageid, "localid": message["localid"], "status": message["status"],
                "statustext": str(message["status"]), "receptor": message["receptor"],
                "sender": message["sender"], "message": message["message"], "cost": 120}

    def _handle(self, path, params):
        with self.lock:
            parts = path.strip("/").split("/")  # v1, key, sms, method.json
            self.calls.append((parts[-1] if parts else "", params))
            if self.down:
                self.down -= 1
                return 502, {"error": "Bad Gateway"}
            if len(parts) != 4 or parts[0] != "v1" or parts[2] != "sms":
                return self._error(404, "method not found")
            if parts[1] != self.api_key:
                return self._error(403, "invalid API key")
            method = parts[3]
            if method == "send.json":
                return self._send(params)
            if method == "status.json":
                ids = [mid for mid in params.get("messageid", "").split(",") if mid]
                entries = []
                for mid in ids:
                    message = self.messages.get(int(mid)) if mid.isdigit() else None
                    entries.append(self._entry(int(mid), message) if message
                                   else {"messageid": mid, "status": STATUS_INVALID_ID, "statustext": "invalid"})
                return 200, {"return": {"status": 200, "message": "ok"}, "entries": entries}
            if method == "statuslocalmessageid.json":
                entries = []
                for localid in [lid for lid in params.get("localid", "").split(",") if lid]:
                    found = [(mid, m) for mid, m in self.messages.items() if m["localid"] == localid]
                    entries.append(self._entry(*found[0]) if found
                                   else {"localid": localid, "messageid": 0, "status": STATUS_INVALID_ID})
                return 200, {"return": {"status": 200, "message": "ok"}, "entries": entries}
            return self._error(404, "method not found")

    def _send(self, params):
        receptors = [number for number in params.get("receptor", "").split(",") if number]
        localids = [lid for lid in params.get("localid", "").split(",") if lid]
        if not receptors or not params.get("message"):
            return self._error(406, "required parameters are empty")
        if localids and len(localids) != len(receptors):
            return self._error(419, "receptor and localid lengths differ")
        if any(number in self.invalid_numbers for number in receptors):
            return self._error(411, "receptor invalid")
        entries = []
        for index, receptor in enumerate(receptors):
            localid = localids[index] if localids else None
            known = [(mid, m) for mid, m in self.messages.items() if localid and m["localid"] == localid]
            if known:  # Kavenegar never sends a localid twice
                entries.append(self._entry(*known[0]))
                continue
            if self.credit is not None:
                if self.credit <= 0:
                    return self._error(418, "not enough credit")
                self.credit -= 1
            messageid = next(self._ids)
            self.messages[messageid] = {"receptor": receptor, "message": params["message"], "localid": localid,
                                        "sender": params.get("sender"), "status": STATUS_QUEUED}
            entries.append(self._entry(messageid, self.messages[messageid]))
        return 200, {"return": {"status": 200, "message": "ok"}, "entries": entries}
