import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from municipality_citizen_desk_tools.sms_gateway import JsonHttpSmsGateway, RecordingSmsGateway, SmsGatewayError


class Provider(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((body, self.headers.get("Authorization")))
        status, payload = self.server.replies.pop(0)
        data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    server.received, server.replies = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def gateway(server):
    return JsonHttpSmsGateway(f"http://127.0.0.1:{server.server_address[1]}/sms", "key", "3000123", timeout=3)


def test_success_returns_the_provider_id(provider):
    provider.replies.append((200, {"message_id": "m-1"}))
    assert gateway(provider).send("09121234567", "سلام") == "m-1"
    assert provider.received == [({"sender": "3000123", "receptor": "09121234567", "message": "سلام"}, "Bearer key")]


@pytest.mark.parametrize(("reply", "message"), [
    ((500, {"error": "down"}), r"HTTP 500\): down"),
    ((401, "unauthorised"), r"HTTP 401\): unauthorised"),
    ((200, {"ok": True}), "without a message id"),
    ((200, "not json"), "without a message id"),
])
def test_failures_raise_a_gateway_error(provider, reply, message):
    provider.replies.append(reply)
    with pytest.raises(SmsGatewayError, match=message):
        gateway(provider).send("09121234567", "x")


def test_unreachable_provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    port = server.server_address[1]
    server.server_close()
    with pytest.raises(SmsGatewayError, match="could not be reached"):
        JsonHttpSmsGateway(f"http://127.0.0.1:{port}/sms", "k", "s", timeout=2).send("09121234567", "x")


def test_bad_url_is_refused():
    with pytest.raises(SmsGatewayError, match="not an http"):
        JsonHttpSmsGateway("", "k", "s")


def test_double_records_and_fails_on_demand():
    double = RecordingSmsGateway()
    first = double.send("09121234567", "a")
    assert double.sent == [{"number": "09121234567", "text": "a", "message_id": first}]
    double.fail_with = "no credit"
    with pytest.raises(SmsGatewayError, match="no credit"):
        double.send("09121234567", "b")
    assert len(double.sent) == 1
    double.reset()
    assert double.sent == [] and double.fail_with is None
