import pytest

from sms_kavenegar_tools.kavenegar import (
    KavenegarClient, KavenegarError, error_kind, number_forms, outcome_of_status, receptor_number)
from sms_kavenegar_tools.kavenegar_double import KavenegarDouble


@pytest.fixture
def double():
    double = KavenegarDouble(api_key="k1").start()
    yield double
    double.stop()


def test_receptor_number():
    assert receptor_number("+989121234567") == "09121234567"
    assert receptor_number("00989121234567") == "09121234567"
    assert receptor_number("09121234567") == "09121234567"
    assert receptor_number("+44 20 7946 0000") == "00442079460000"


def test_meanings():
    assert outcome_of_status(10) == "delivered"
    assert outcome_of_status("11") == "undelivered"
    assert outcome_of_status(1) == "pending"
    assert outcome_of_status(14) == "blocked"
    assert outcome_of_status("x") == "unknown"
    assert error_kind(418) == "credit"
    assert error_kind(411) == "invalid_number"
    assert error_kind(403) == "account"
    assert error_kind(502) == "server"
    assert error_kind(None) == "server"
    assert error_kind(499) == "unknown"


def test_send_and_status_round_trip(double):
    client = KavenegarClient("k1", double.base_url, timeout=3)
    entries = client.send(["+989121234567", "09350000000"], "سلام", sender="3000", localids=["a1", "a2"])
    assert [entry["receptor"] for entry in entries] == ["09121234567", "09350000000"]
    assert [entry["status"] for entry in entries] == [1, 1]
    # the same localid is never sent twice
    again = client.send(["09121234567"], "سلام", localids=["a1"])
    assert again[0]["messageid"] == entries[0]["messageid"]
    assert len(double.messages) == 2
    double.undelivered_numbers.add("09350000000")
    double.deliver_all()
    statuses = client.status([entry["messageid"] for entry in entries])
    assert [entry["status"] for entry in statuses] == [10, 11]
    by_localid = client.status_by_localid(["a2", "nope"])
    assert [entry["status"] for entry in by_localid] == [11, 100]


def test_errors(double):
    with pytest.raises(KavenegarError) as error:
        KavenegarClient("wrong", double.base_url, timeout=3).send(["09121234567"], "x")
    assert error.value.code == 403 and error.value.kind == "account"
    client = KavenegarClient("k1", double.base_url, timeout=3)
    double.invalid_numbers.add("09120000000")
    with pytest.raises(KavenegarError) as error:
        client.send(["09120000000"], "x")
    assert error.value.kind == "invalid_number"
    double.down = 1
    with pytest.raises(KavenegarError) as error:
        client.send(["09121234567"], "x")
    assert error.value.code == 502 and error.value.kind == "server"
    assert client.send(["09121234567"], "x")[0]["status"] == 1, "up again"
    double.credit = 0
    with pytest.raises(KavenegarError) as error:
        client.send(["09121234568"], "x")
    assert error.value.kind == "credit"


def test_unreachable_and_bad_settings(double):
    port = double._server.server_address[1]
    double.stop()
    with pytest.raises(KavenegarError) as error:
        KavenegarClient("k1", f"http://127.0.0.1:{port}/v1", timeout=2).send(["09121234567"], "x")
    assert error.value.code is None and error.value.kind == "server"
    with pytest.raises(KavenegarError):
        KavenegarClient("", "https://api.kavenegar.com/v1")
    with pytest.raises(KavenegarError):
        KavenegarClient("k", "ftp://example")


def test_number_forms():
    assert number_forms("+989121234567") == ["+989121234567", "00989121234567", "09121234567", "989121234567"]
    assert number_forms("09121234567") == ["+989121234567", "00989121234567", "09121234567", "989121234567"]
    assert number_forms("+442079460000") == ["+442079460000"]
    assert number_forms(False) == []
