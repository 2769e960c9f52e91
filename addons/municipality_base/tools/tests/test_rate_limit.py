"""The rate limits' arithmetic: fixed windows, what counts as one client, keyed hashes."""

import datetime

import pytest

from municipality_base_tools import rate_limit


def test_window_start_is_aligned():
    moment = datetime.datetime(2026, 11, 5, 10, 47, 12)
    assert rate_limit.window_start(moment, 3600) == datetime.datetime(2026, 11, 5, 10, 0)
    assert rate_limit.window_start(moment, 600) == datetime.datetime(2026, 11, 5, 10, 40)
    with pytest.raises(ValueError):
        rate_limit.window_start(moment, 0)


def test_client_key_is_keyed_and_stable():
    key = rate_limit.client_key("secret", "203.0.113.7")
    assert key == rate_limit.client_key("secret", "203.0.113.7")
    assert key != rate_limit.client_key("other", "203.0.113.7")
    assert "203" not in key and len(key) == 40


@pytest.mark.parametrize(("text", "expected"), [("12", 12), ("0", 0), ("-3", 7), ("x", 7), (None, 7)])
def test_parse_positive_int(text, expected):
    assert rate_limit.parse_positive_int(text, 7) == expected


def test_ipv6_clients_are_counted_by_their_64_prefix():
    first = rate_limit.client_key("secret", "2001:db8:1:2::1")
    assert first == rate_limit.client_key("secret", "2001:db8:1:2:ffff:ffff:ffff:fffe")
    assert first != rate_limit.client_key("secret", "2001:db8:1:3::1")
    assert rate_limit.client_network("2001:db8:1:2:a:b:c:d") == "2001:db8:1:2::/64"
    assert rate_limit.client_network("::ffff:203.0.113.7") == "203.0.113.7"
    assert rate_limit.client_network("203.0.113.7") == "203.0.113.7"
    assert rate_limit.client_key("secret", "203.0.113.7") != rate_limit.client_key("secret", "203.0.113.8")
    assert rate_limit.client_network("not an address") == "not an address"


def test_hashed_keys_are_keyed_and_kept_apart_by_kind():
    phone = rate_limit.hashed_key("secret", "submit_phone", "09121234567")
    assert phone == rate_limit.hashed_key("secret", "submit_phone", "09121234567")
    assert phone != rate_limit.hashed_key("other", "submit_phone", "09121234567")
    assert phone != rate_limit.hashed_key("secret", "api_post", "09121234567")
    assert "09121234567" not in phone


def test_limit_names_its_parameters_after_its_prefix():
    declared = rate_limit.limit("my_addon.search", 60, 3600, by_address=True)
    assert declared == ("my_addon.search_limit", 60, "my_addon.search_window", 3600, True)
    assert rate_limit.limit("my_addon.by_phone", 3, 86400).by_address is False
