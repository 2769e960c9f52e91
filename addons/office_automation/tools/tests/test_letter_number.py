import pytest

from office_automation_tools.letter_number import InvalidPattern, check_pattern, format_number


@pytest.mark.parametrize(("pattern", "expected"), [
    ("{jyear}/{seq}/ص", "1404/123/ص"),
    ("{code}-{jy}{jmonth}-{seq}", "DM-0412-123"),
    ("ن/{seq}/{jyear}", "ن/123/1404"),
])
def test_format(pattern, expected):
    assert format_number(pattern, 123, 1404, 12, code="DM") == expected


def test_padding_and_short_year():
    assert format_number("{jy}/{seq}", 7, 1405, 1, padding=4) == "05/0007"


@pytest.mark.parametrize(("pattern", "reason"), [
    ("{jyear}/ص", "no_seq"),
    ("{seq}/ص", "no_year"),
    ("{jyear}/{seq}/{seq}", "many_seq"),
    ("{jyear}/{seq}/{year}", "unknown"),
    ("{jyear}/{seq:05d}", "unknown"),
    ("{jyear}/{seq", "syntax"),
    ("", "no_seq"),
    (None, "no_seq"),
])
def test_bad_patterns_are_refused(pattern, reason):
    with pytest.raises(InvalidPattern) as error:
        check_pattern(pattern)
    assert error.value.reason == reason


def test_serial_starts_at_one():
    with pytest.raises(ValueError):
        format_number("{jyear}/{seq}", 0, 1404, 1)
