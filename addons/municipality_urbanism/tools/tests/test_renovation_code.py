import pytest

from municipality_urbanism_tools.renovation_code import (
    MAX_PART_DIGITS, MESSAGES, RenovationCode, RenovationCodeError, format_renovation_code,
    normalize_renovation_code, parse_renovation_code, renovation_code_search_key)


@pytest.mark.parametrize("text, expected", [
    ("5-123-45", "5-123-45"),
    ("05-0123-045", "5-123-45"),
    ("۵-۱۲۳-۴۵", "5-123-45"),                 # Persian digits
    ("٥-١٢٣-٤٥", "5-123-45"),                 # Arabic-Indic digits
    ("۵-123-٤٥", "5-123-45"),                 # mixed, as copied from several sources
    ("5/123/45", "5-123-45"),
    ("5.123.45", "5-123-45"),
    ("5 123 45", "5-123-45"),
    ("5 - 123 - 45", "5-123-45"),
    ("5–123—45", "5-123-45"),                 # en and em dashes from a word processor
    ("۵،۱۲۳،۴۵", "5-123-45"),                 # Persian comma
    ("5_123_45", "5-123-45"),
    ("  5-123-45\n", "5-123-45"),
    ("\u200f۵-۱۲۳-۴۵\u200f", "5-123-45"),     # right-to-left marks around a pasted code
    ("5\u200c-123-45", "5-123-45"),           # ZWNJ
    ("5-123-45-1-3-12", "5-123-45-1-3-12"),
    ("22/1840/32/01/00/02", "22-1840-32-1-0-2"),  # ground floor 0
    ("۲۲-۱۸۴۰-۳۲-۱-۰-۲", "22-1840-32-1-0-2"),
])
def test_normalize(text, expected):
    assert normalize_renovation_code(text) == expected


def test_parse_parcel_and_unit():
    parcel = parse_renovation_code("۰۵/۱۲۳/۴۵")
    assert parcel == RenovationCode(5, 123, 45)
    assert parcel.parts == (5, 123, 45)
    assert not parcel.is_unit
    assert parcel.parcel_code == parcel
    unit = parse_renovation_code("5-123-45-2-0-7")
    assert (unit.district, unit.block, unit.parcel, unit.building, unit.floor, unit.unit) == (5, 123, 45, 2, 0, 7)
    assert unit.is_unit
    assert unit.parcel_code == parcel
    assert str(unit) == "5-123-45-2-0-7"


def test_format():
    assert format_renovation_code("۵-۱۲۳-۴۵") == "5-123-45"
    assert format_renovation_code("5-123-45-1-3-12", separator="/") == "5/123/45/1/3/12"
    assert format_renovation_code("") == ""
    assert format_renovation_code(False) == ""
    with pytest.raises(RenovationCodeError):
        format_renovation_code("abc")


def test_round_trip():
    for text in ("1-1-1", "99-999999-1-0-0-0", "7-20-3-1-4-15"):
        assert normalize_renovation_code(parse_renovation_code(text).format("/")) == text


@pytest.mark.parametrize("text, code", [
    (None, "empty"),
    (False, "empty"),
    ("", "empty"),
    ("   ", "empty"),
    ("5-123", "part_count"),
    ("5-123-45-1", "part_count"),
    ("5-123-45-1-3", "part_count"),
    ("5-123-45-1-3-12-1", "part_count"),
    ("5123", "part_count"),
    ("5--123-45", "empty_part"),
    ("5-123-45-1--1-3", "empty_part"),          # no basement by minus sign: it would be misread
    ("-5-123-45", "empty_part"),
    ("5-123-45-", "empty_part"),
    ("5-/123-45", "empty_part"),
    ("5-123-45a", "letters"),
    ("5-ب-45", "letters"),
    ("x5-123-45", "letters"),
    ("0-123-45", "zero"),
    ("5-000-45", "zero"),
    ("5-123-0", "zero"),
    ("5-1234567-45", "too_long"),
    ("1-2-" + "3" * 100, "too_long_text"),
])
def test_refused(text, code):
    with pytest.raises(RenovationCodeError) as info:
        parse_renovation_code(text)
    assert info.value.code == code
    assert str(info.value) == MESSAGES[code] % info.value.params


def test_messages_name_the_problem():
    with pytest.raises(RenovationCodeError) as info:
        parse_renovation_code("5-1234567-45")
    assert str(info.value) == (f"The block of the renovation code “5-1234567-45” has more than {MAX_PART_DIGITS} "
                               "digits.")
    with pytest.raises(RenovationCodeError) as info:
        parse_renovation_code(" 5-123 ")
    assert "“5-123” has 2" in str(info.value)
    with pytest.raises(RenovationCodeError) as info:
        parse_renovation_code("5-123-45a")
    assert info.value.params == {"text": "5-123-45a", "character": "a"}


def test_leading_zeros_do_not_count_against_the_length():
    assert normalize_renovation_code("5-0000123456-45") == "5-123456-45"


def test_search_key():
    assert renovation_code_search_key("۵/۱۲۳/۰۴۵") == ("5-123-45", True)
    assert renovation_code_search_key("5-123-45-1-3-12") == ("5-123-45-1-3-12", True)
    assert renovation_code_search_key("۵-۱۲۳") == ("5-123", False)       # the parcels of a block
    assert renovation_code_search_key("5-123-45-1") == ("5-123-45-1", False)
    assert renovation_code_search_key("5") == ("5", False)


@pytest.mark.parametrize("text", [None, False, "", "Tehran", "5--123", "5-123-45-1-3-12-9", "0-1", "12a"])
def test_search_key_of_anything_else_is_none(text):
    assert renovation_code_search_key(text) is None


def test_search_key_prefix_matches_only_the_codes_under_it():
    """The ``=like key-%`` pattern the search builds: block 12 must not match block 123."""
    stored = ["5-12-1", "5-12-7-1-0-1", "5-123-1", "5-1-12"]
    key, complete = renovation_code_search_key("5/12")
    assert not complete
    assert [code for code in stored if code == key or code.startswith(key + "-")] == ["5-12-1", "5-12-7-1-0-1"]
