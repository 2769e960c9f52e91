"""A stand-in for Behpardakht Mellat's gateway, for tests and local trials: a
real HTTP server on 127.0.0.1 (a thread, real sockets) that serves the
gateway's WSDL, answers its SOAP operations and plays the bank's payment page.

It keeps what a bank keeps: each token (RefId) with its order and amount, the
sales paid with their sale reference, which were verified, settled or
reversed. A test chooses the bank's behaviour:

* ``pay(ref_id)`` is the citizen paying on the bank's page (``pay(ref_id,
  res_code="17")`` cancelling): it returns what the bank posts back to the
  merchant's callback URL;
* ``codes["bpVerifyRequest"] = "415"`` makes an operation answer that code;
* ``delays["bpVerifyRequest"] = 3`` makes it answer that many seconds late
  (a timeout for a client that waits less; the bank did the operation);
* ``lost_answers.add("bpVerifyRequest")`` makes the bank do it but its answer
  never arrive (the connection drops: what a client sees at a timeout);
* ``calls`` lists the operations received, in order; ``reset()`` forgets
  the behaviour chosen and the calls (the sales stay).

No Odoo here, so that both Odoo's tests and pytest use it.
"""

import html
import socket
import itertools
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree

NAMESPACE = "http://interfaces.core.sw.bps.com/"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
OPERATIONS = ("bpPayRequest", "bpVerifyRequest", "bpSettleRequest", "bpInquiryRequest", "bpReversalRequest")
_PAY_FIELDS = [("terminalId", "long"), ("userName", "string"), ("userPassword", "string"), ("orderId", "long"),
               ("amount", "long"), ("localDate", "string"), ("localTime", "string"),
               ("additionalData", "string"), ("callBackUrl", "string"), ("payerId", "long")]
_FOLLOW_UP_FIELDS = [("terminalId", "long"), ("userName", "string"), ("userPassword", "string"),
                     ("orderId", "long"), ("saleOrderId", "long"), ("saleReferenceId", "long")]


def _wsdl(location):
    types, messages, port_ops, binding_ops = [], [], [], []
    for operation in OPERATIONS:
        fields = _PAY_FIELDS if operation == "bpPayRequest" else _FOLLOW_UP_FIELDS
        elements = "".join(f'<xs:element name="{name}" type="xs:{kind}" minOccurs="0"/>' for name, kind in fields)
        types.append(
            f'<xs:element name="{operation}"><xs:complexType><xs:sequence>{elements}</xs:sequence>'
            f'</xs:complexType></xs:element>'
            f'<xs:element name="{operation}Response"><xs:complexType><xs:sequence>'
            f'<xs:element name="return" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>'
            f'</xs:element>')
        messages.append(
            f'<wsdl:message name="{operation}"><wsdl:part name="parameters" element="tns:{operation}"/>'
            f'</wsdl:message><wsdl:message name="{operation}Response">'
            f'<wsdl:part name="parameters" element="tns:{operation}Response"/></wsdl:message>')
        port_ops.append(
            f'<wsdl:operation name="{operation}"><wsdl:input message="tns:{operation}"/>'
            f'<wsdl:output message="tns:{operation}Response"/></wsdl:operation>')
        binding_ops.append(
            f'<wsdl:operation name="{operation}"><soap:operation soapAction=""/>'
            f'<wsdl:input><soap:body use="literal"/></wsdl:input>'
            f'<wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" '
        'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:tns="{NAMESPACE}" targetNamespace="{NAMESPACE}" name="PaymentGatewayImplService">'
        f'<wsdl:types><xs:schema targetNamespace="{NAMESPACE}" elementFormDefault="unqualified">'
        f'{"".join(types)}</xs:schema></wsdl:types>{"".join(messages)}'
        f'<wsdl:portType name="IPaymentGateway">{"".join(port_ops)}</wsdl:portType>'
        '<wsdl:binding name="PaymentGatewayImplServiceSoapBinding" type="tns:IPaymentGateway">'
        '<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>'
        f'{"".join(binding_ops)}</wsdl:binding>'
        '<wsdl:service name="PaymentGatewayImplService">'
        '<wsdl:port name="PaymentGatewayImplPort" binding="tns:PaymentGatewayImplServiceSoapBinding">'
        f'<soap:address location="{location}"/></wsdl:port></wsdl:service></wsdl:definitions>')


def _soap_answer(operation, value):
    return (f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{SOAP_ENV}"><soap:Body>'
            f'<ns2:{operation}Response xmlns:ns2="{NAMESPACE}"><return>{html.escape(value)}</return>'
            f'</ns2:{operation}Response></soap:Body></soap:Envelope>')


class MellatDouble:
    """The double; ``start()`` it, read ``wsdl_url`` and ``payment_url``, ``stop()`` it."""

    def __init__(self, terminal_id=1234567, username="shahr", password="secret"):
        self.terminal_id, self.username, self.password = int(terminal_id), username, password
        self.codes, self.delays, self.calls, self.lost_answers = {}, {}, [], set()
        self.sales = {}  # ref_id → {"order_id", "amount", "callback_url", "sale_reference", state flags}
        self._serials = itertools.count(770000001)
        self._lock = threading.Lock()
        self._server = self._thread = None

    # -- server -----------------------------------------------------------
    def start(self):
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, body, content_type):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped waiting (a timeout): as a bank's late answer, lost

            def do_GET(self):  # noqa: N802 - http.server's name
                if self.path.endswith("?wsdl"):
                    self._send(200, _wsdl(double.service_url), "text/xml; charset=utf-8")
                else:
                    self._send(404, "not found", "text/plain")

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/pgwchannel/startpay.mellat"):
                    fields = urllib.parse.parse_qs(body.decode())
                    status, page = double._payment_page((fields.get("RefId") or [""])[0])
                    self._send(status, page, "text/html; charset=utf-8")
                    return
                try:
                    operation, params = double._parse(body)
                except (ElementTree.ParseError, ValueError):
                    self._send(400, "bad request", "text/plain")
                    return
                answer = double._operate(operation, params)
                if operation in double.lost_answers:  # the bank did it, its answer never arrives
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                delay = double.delays.get(operation)
                if delay:  # the bank did it, but its answer comes late (or never, for a client that gave up)
                    time.sleep(delay)
                self._send(200, _soap_answer(operation, answer), "text/xml; charset=utf-8")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def reset(self):
        with self._lock:
            self.codes.clear()
            self.delays.clear()
            self.lost_answers.clear()
            self.calls.clear()

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def service_url(self):
        return f"{self.base_url}/pgwchannel/services/pgw"

    @property
    def wsdl_url(self):
        return f"{self.service_url}?wsdl"

    @property
    def payment_url(self):
        return f"{self.base_url}/pgwchannel/startpay.mellat"

    # -- the bank -----------------------------------------------------------
    @staticmethod
    def _parse(body):
        envelope = ElementTree.fromstring(body)
        body_element = envelope.find(f"{{{SOAP_ENV}}}Body")
        call = list(body_element)[0]
        operation = call.tag.split("}")[-1]
        if operation not in OPERATIONS:
            raise ValueError(operation)
        return operation, {child.tag.split("}")[-1]: (child.text or "") for child in call}

    def _operate(self, operation, params):
        with self._lock:
            self.calls.append((operation, params))
            if (int(params.get("terminalId") or 0) != self.terminal_id or params.get("userName") != self.username
                    or params.get("userPassword") != self.password):
                return "24"
            if operation in self.codes:
                return self.codes[operation]
            if operation == "bpPayRequest":
                order_id = int(params["orderId"])
                if any(sale["order_id"] == order_id for sale in self.sales.values()):
                    return "41"
                if int(params["amount"]) <= 0:
                    return "25"
                ref_id = f"AF82041{next(self._serials)}"
                self.sales[ref_id] = {"order_id": order_id, "amount": int(params["amount"]),
                                      "callback_url": params["callBackUrl"], "sale_reference": None,
                                      "verified": False, "settled": False, "reversed": False}
                return f"0,{ref_id}"
            sale = next((sale for sale in self.sales.values()
                         if sale["order_id"] == int(params["saleOrderId"])
                         and sale["sale_reference"] == params["saleReferenceId"]), None)
            if sale is None:
                return "42" if operation in ("bpVerifyRequest", "bpInquiryRequest") else "54"
            if sale["reversed"]:
                return "48"
            if operation == "bpVerifyRequest":
                if sale["verified"]:
                    return "43"
                sale["verified"] = True
                return "0"
            if operation == "bpInquiryRequest":
                return "0" if sale["verified"] else "44"
            if operation == "bpSettleRequest":
                if not sale["verified"]:
                    return "44"
                if sale["settled"]:
                    return "45"
                sale["settled"] = True
                return "0"
            # bpReversalRequest
            if sale["settled"]:
                return "47"
            sale["reversed"] = True
            return "0"

    def pay(self, ref_id, res_code="0"):
        """The citizen at the bank's page: pays (or cancels with ``res_code="17"``). Returns the fields the
        bank posts to the merchant's callback URL."""
        with self._lock:
            sale = self.sales[ref_id]
            data = {"RefId": ref_id, "ResCode": res_code, "SaleOrderId": str(sale["order_id"])}
            if res_code == "0":
                sale["sale_reference"] = sale["sale_reference"] or str(next(self._serials) * 10 + 7)
                data.update(SaleReferenceId=sale["sale_reference"], FinalAmount=str(sale["amount"]),
                            CardHolderPan="603799******1234")
            else:
                data["SaleReferenceId"] = ""
            return data

    def _payment_page(self, ref_id):
        """The bank's page answers the browser's POST of RefId with the form it posts back once paid."""
        if ref_id not in self.sales:
            return 404, "<html><body>unknown RefId</body></html>"
        data = self.pay(ref_id)
        inputs = "".join(f'<input type="hidden" name="{html.escape(key)}" value="{html.escape(value)}"/>'
                         for key, value in data.items())
        action = html.escape(self.sales[ref_id]["callback_url"])
        return 200, (f'<html><body onload="document.forms[0].submit()"><form method="post" action="{action}">'
                     f"{inputs}</form></body></html>")

    def sale(self, ref_id):
        with self._lock:
            return dict(self.sales[ref_id])
