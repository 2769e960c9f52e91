"""Behpardakht Mellat's SOAP gateway (``bpPayRequest``, ``bpVerifyRequest``,
``bpSettleRequest``, ``bpInquiryRequest``, ``bpReversalRequest``) through
``zeep``, without Odoo.

Every call returns the bank's result code as a string (``"0"`` is success);
a bank that does not answer in time, or cannot be reached, raises
:class:`MellatUnreachable`, so that the caller decides (inquiry, reversal,
a message to the citizen) instead of guessing.
"""

import threading

import requests
import zeep
import zeep.exceptions
from zeep.transports import Transport

#: Behpardakht's production endpoints.
WSDL_URL = "https://bpm.shaparak.ir/pgwchannel/services/pgw?wsdl"
PAYMENT_URL = "https://bpm.shaparak.ir/pgwchannel/startpay.mellat"

SUCCESS = "0"
USER_CANCELLED = "17"
ALREADY_VERIFIED = "43"
ALREADY_SETTLED = "45"

class MellatUnreachable(Exception):
    """The gateway did not answer (connection refused, timeout, a SOAP fault or an answer that is not
    Mellat's)."""


_clients = {}
_clients_lock = threading.Lock()


def _client(wsdl_url, timeout):
    """A zeep client for ``wsdl_url``, its WSDL read once per process and timeout."""
    key = (wsdl_url, timeout)
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            transport = Transport(timeout=timeout, operation_timeout=timeout)
            try:
                client = zeep.Client(wsdl_url, transport=transport)
            except (requests.RequestException, zeep.exceptions.Error, OSError) as error:
                raise MellatUnreachable(f"cannot read the gateway's WSDL at {wsdl_url}: {error}") from error
            _clients[key] = client
        return client


class MellatGateway:
    """One merchant terminal of Behpardakht Mellat."""

    def __init__(self, terminal_id, username, password, wsdl_url=WSDL_URL, timeout=20):
        self.terminal_id = int(terminal_id)
        self.username = username
        self.password = password
        self.wsdl_url = wsdl_url
        self.timeout = timeout

    def _call(self, operation, **params):
        client = _client(self.wsdl_url, self.timeout)
        try:
            answer = getattr(client.service, operation)(
                terminalId=self.terminal_id, userName=self.username, userPassword=self.password, **params)
        except (requests.RequestException, zeep.exceptions.Error, OSError) as error:
            raise MellatUnreachable(f"{operation}: {error}") from error
        if answer is None:
            raise MellatUnreachable(f"{operation}: empty answer")
        return str(answer).strip()

    def pay_request(self, order_id, amount, local_datetime, callback_url, payer_id=0, additional_data=""):
        """Ask for a payment token: ``(code, ref_id)``, ``ref_id`` None unless ``code`` is ``"0"``.

        :param int order_id: unique per terminal, forever
        :param int amount: whole rials
        :param local_datetime: the merchant's local (Tehran) date and time
        """
        answer = self._call(
            "bpPayRequest", orderId=int(order_id), amount=int(amount),
            localDate=local_datetime.strftime("%Y%m%d"), localTime=local_datetime.strftime("%H%M%S"),
            additionalData=additional_data, callBackUrl=callback_url, payerId=int(payer_id))
        code, _comma, ref_id = answer.partition(",")
        code = code.strip()
        return code, (ref_id.strip() or None) if code == SUCCESS else None

    def _follow_up(self, operation, order_id, sale_reference_id):
        return self._call(operation, orderId=int(order_id), saleOrderId=int(order_id),
                          saleReferenceId=int(sale_reference_id))

    def verify(self, order_id, sale_reference_id):
        return self._follow_up("bpVerifyRequest", order_id, sale_reference_id)

    def settle(self, order_id, sale_reference_id):
        return self._follow_up("bpSettleRequest", order_id, sale_reference_id)

    def inquiry(self, order_id, sale_reference_id):
        return self._follow_up("bpInquiryRequest", order_id, sale_reference_id)

    def reversal(self, order_id, sale_reference_id):
        return self._follow_up("bpReversalRequest", order_id, sale_reference_id)
