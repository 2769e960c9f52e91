"""The Mellat client against the local double, over real HTTP."""

import datetime

import pytest

from payment_behpardakht_tools.mellat import MellatGateway, MellatUnreachable
from payment_behpardakht_tools.mellat_double import MellatDouble


@pytest.fixture
def double():
    bank = MellatDouble().start()
    yield bank
    bank.stop()


def gateway(bank, timeout=5, password="secret"):
    return MellatGateway(bank.terminal_id, bank.username, password, bank.wsdl_url, timeout)


def test_pay_verify_settle(double):
    bank = gateway(double)
    code, ref_id = bank.pay_request(91, 1250000, datetime.datetime(2026, 5, 10, 14, 30), "http://shahr/return")
    assert code == "0" and ref_id
    assert double.calls[0][1]["amount"] == "1250000" and double.calls[0][1]["localDate"] == "20260510"
    paid = double.pay(ref_id)
    assert bank.verify(91, paid["SaleReferenceId"]) == "0"
    assert bank.settle(91, paid["SaleReferenceId"]) == "0"
    assert bank.settle(91, paid["SaleReferenceId"]) == "45"
    assert bank.reversal(91, paid["SaleReferenceId"]) == "47"


def test_duplicate_order_and_wrong_password(double):
    bank = gateway(double)
    assert bank.pay_request(92, 1000, datetime.datetime(2026, 5, 10), "http://x")[0] == "0"
    assert bank.pay_request(92, 1000, datetime.datetime(2026, 5, 10), "http://x") == ("41", None)
    assert gateway(double, password="wrong").pay_request(93, 1000, datetime.datetime(2026, 5, 10), "http://x") \
        == ("24", None)


def test_unverified_forged_reference_is_not_found(double):
    assert gateway(double).verify(94, "123456789") == "42"


def test_timeout_and_unreachable(double):
    double.delays["bpVerifyRequest"] = 2
    with pytest.raises(MellatUnreachable):
        gateway(double, timeout=1).verify(95, "1")
    closed = MellatGateway(1, "u", "p", "http://127.0.0.1:9/pgw?wsdl", 1)
    with pytest.raises(MellatUnreachable):
        closed.verify(95, "1")


def test_lost_answer_is_unreachable_but_done_at_the_bank(double):
    bank = gateway(double)
    _code, ref_id = bank.pay_request(96, 5000, datetime.datetime(2026, 5, 10), "http://x")
    paid = double.pay(ref_id)
    double.lost_answers.add("bpVerifyRequest")
    with pytest.raises(MellatUnreachable):
        bank.verify(96, paid["SaleReferenceId"])
    assert bank.inquiry(96, paid["SaleReferenceId"]) == "0"
