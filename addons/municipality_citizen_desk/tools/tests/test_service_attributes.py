from municipality_citizen_desk_tools.lookup_code import code_matches, hash_code, new_code, normalize_code
from municipality_citizen_desk_tools.service_attributes import attributes_from_form, check_value, parse_value_list


def test_value_list_lines():
    assert parse_value_list("small = Small pothole\n\nlarge=Large\nother") == [
        ("small", "Small pothole"), ("large", "Large"), ("other", "other")]


def test_attributes_from_form():
    assert attributes_from_form({"attribute[SIZE]": "large", "description": "x", "attribute[]": "y"}) == {
        "SIZE": "large"}


def test_check_value():
    assert check_value("number", " 12.5 ") == "12.5"
    assert check_value("number", "twelve") is None
    assert check_value("singlevaluelist", "large", ("small", "large")) == "large"
    assert check_value("singlevaluelist", "huge", ("small", "large")) is None
    assert check_value("string", "x" * 501) is None


def test_lookup_codes_are_bound_to_the_number():
    code = new_code()
    assert len(code) == 6 and code.isdigit()
    stored = hash_code("secret", "09121234567", code)
    assert code not in stored
    assert code_matches("secret", "09121234567", code, stored)
    assert not code_matches("secret", "09351234567", code, stored)
    assert normalize_code("۱۲۳ ۴۵۶") == "123456"
