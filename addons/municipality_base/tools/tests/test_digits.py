from municipality_base_tools.digits import format_rials, normalize_digits


def test_format_rials_groups_in_persian_digits():
    assert format_rials(48_000_000) == "۴۸,۰۰۰,۰۰۰"
    assert format_rials(999) == "۹۹۹"
    assert format_rials(1000.6) == "۱,۰۰۱"
    assert format_rials(-1_250_000) == "-۱,۲۵۰,۰۰۰"
    assert format_rials(None) == format_rials(False) == "۰"


def test_format_rials_latin_and_back():
    assert format_rials(48_000_000, persian_digits=False) == "48,000,000"
    assert normalize_digits(format_rials(7_654_321)) == "7,654,321"
