import datetime

import pytest

from municipality_citizen_desk_tools import open311


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("35.6892", "lat", 35.6892),
    (" 51.389 ", "long", 51.389),
    ("-90", "lat", -90.0),
    ("180", "long", 180.0),
    ("۳۵٫۷", "lat", 35.7),
    ("", "lat", None),
    (None, "long", None),
])
def test_parse_coordinate(text, kind, expected):
    assert open311.parse_coordinate(text, kind) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("91", "lat"), ("-180.5", "long"), ("abc", "lat"), ("1e3", "long"), ("nan", "lat"), ("35,7", "lat"),
])
def test_parse_coordinate_refuses(text, kind):
    with pytest.raises(ValueError):
        open311.parse_coordinate(text, kind)


def test_location_needs_both_coordinates():
    assert open311.parse_location("35.7", "51.4") == (35.7, 51.4)
    assert open311.parse_location("", "") == (None, None)
    with pytest.raises(ValueError, match="together"):
        open311.parse_location("35.7", "")


def test_parse_id_list():
    assert open311.parse_id_list(" A1, B2,,A1 ") == ["A1", "B2"]
    assert open311.parse_id_list("") == []
    with pytest.raises(ValueError, match="At most 2"):
        open311.parse_id_list("a,b,c", max_items=2)


def test_parse_status_filter():
    assert open311.parse_status_filter("") == {"open", "closed"}
    assert open311.parse_status_filter("Open") == {"open"}
    assert open311.parse_status_filter("open,closed") == {"open", "closed"}
    with pytest.raises(ValueError, match="pending"):
        open311.parse_status_filter("open,pending")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-05T08:15:30+03:30", datetime.datetime(2026, 11, 5, 4, 45, 30)),
    ("2026-11-05T04:45:30Z", datetime.datetime(2026, 11, 5, 4, 45, 30)),
    ("2026-11-05T04:45:30", datetime.datetime(2026, 11, 5, 4, 45, 30)),
    ("2026-11-05", datetime.datetime(2026, 11, 5)),
    ("", None),
])
def test_parse_w3c_datetime(text, expected):
    assert open311.parse_w3c_datetime(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "05/11/2026"])
def test_parse_w3c_datetime_refuses(text):
    with pytest.raises(ValueError, match="W3C"):
        open311.parse_w3c_datetime(text)


def test_format_w3c_datetime():
    assert open311.format_w3c_datetime(datetime.datetime(2026, 11, 5, 4, 45, 30, 123)) == "2026-11-05T04:45:30Z"
    assert open311.format_w3c_datetime(datetime.date(2026, 11, 5)) == "2026-11-05"
    assert open311.format_w3c_datetime(False) is None


def test_api_keys_are_random_and_stored_hashed():
    key, other = open311.new_api_key(), open311.new_api_key()
    assert key != other and key.startswith(open311.API_KEY_PREFIX) and len(key) > 40
    assert open311.hash_api_key(key) == open311.hash_api_key(key)
    assert key not in open311.hash_api_key(key)
    assert open311.hash_api_key(key) != open311.hash_api_key(other)


def test_discovery_document_names_the_json_endpoint():
    document = open311.discovery_document("https://city.example/open311/v2", "City, 137", "Ask the desk.",
                                          "2026-11-01T08:00:00Z")
    assert document["changeset"] == "2026-11-01T08:00:00Z"
    assert document["contact"] == "City, 137"
    assert document["key_service"] == "Ask the desk."
    assert document["endpoints"] == [{
        "specification": "http://wiki.open311.org/GeoReport_v2", "url": "https://city.example/open311/v2",
        "changeset": "2026-11-01T08:00:00Z", "type": "production", "formats": ["application/json"]}]
