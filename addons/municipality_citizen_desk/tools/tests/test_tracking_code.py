import re

from municipality_citizen_desk_tools.tracking_code import (
    ALPHABET, LENGTH, format_tracking_code, new_tracking_code, normalize_tracking_code,
)


def test_codes_have_the_length_and_alphabet_and_no_ambiguous_characters():
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert re.fullmatch(f"[{ALPHABET}]{{{LENGTH}}}", code)
    assert not set(ALPHABET) & set("01OIL5S8B2ZUV")


def test_codes_use_the_whole_alphabet():
    seen = set("".join(new_tracking_code() for _ in range(500)))
    assert seen == set(ALPHABET)


def test_format_and_normalize_round_trip():
    code = new_tracking_code()
    shown = format_tracking_code(code)
    assert shown == f"{code[:5]}-{code[5:]}"
    assert normalize_tracking_code(shown) == code
    assert normalize_tracking_code(f"  {shown.lower()} ") == code
    assert normalize_tracking_code(shown.replace("-", " ")) == code


def test_persian_digits_are_read():
    assert normalize_tracking_code("۳۴۶۷۹-ACDEF") == "34679ACDEF"


def test_malformed_codes_are_none():
    for bad in (None, 42, "", "ABC", "34679ACDEF1", "34679ACDE0", "OR 1=1 --", "34679ACDEI"):
        assert normalize_tracking_code(bad) is None
    assert format_tracking_code("") == ""
