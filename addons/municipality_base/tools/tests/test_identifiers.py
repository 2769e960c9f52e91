import pytest

from municipality_base_tools.identifiers import (
    national_id_check_digit,
    national_id_from_serial,
    normalize_national_id,
    is_valid_legal_id,
    is_valid_national_id,
    is_valid_postal_code,
    is_valid_sheba,
    normalize_digits,
    mobile_forms,
    normalize_mobile,
)


def test_normalize_digits():
    assert normalize_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize_digits("IR۸۲ abc") == "IR82 abc"
    assert normalize_digits("") == ""
    assert normalize_digits(None) is None
    assert normalize_digits(False) is False


@pytest.mark.parametrize("code", ["0499370899", "0790419904", "0084575948", "۰۴۹۹۳۷۰۸۹۹", "٠٧٩٠٤١٩٩٠٤", " 0084575948 "])
def test_valid_national_ids(code):
    assert is_valid_national_id(code)


@pytest.mark.parametrize("code", [
    "0684159415",            # checksum failure (docs/domain.md, Identifiers)
    "0499370898",            # last digit changed
    "0000000000", "1111111111", "9999999999",  # all digits equal
    "049937089", "04993708990",  # wrong length
    "04993708a9", "abcdefghij", "049-370899",  # letters and signs
    "", None, 499370899,
])
def test_invalid_national_ids(code):
    assert not is_valid_national_id(code)


@pytest.mark.parametrize("typed, stored", [
    ("0084575948", "0084575948"),
    ("۰۴۹۹-۳۷۰۸۹۹", "0499370899"),
    (" 049 937 0899 ", "0499370899"),
    ("499370899", "499370899"),        # typed: a missing digit is not guessed
    ("04993708991", "04993708991"),
    ("abc", "abc"),
])
def test_normalize_national_id(typed, stored):
    assert normalize_national_id(typed) == stored


@pytest.mark.parametrize("imported, stored", [
    ("84575948", "0084575948"),        # a spreadsheet dropped the zeros
    ("499370899", "0499370899"),
    ("0499370899", "0499370899"),
    ("4993708", "4993708"),            # too short to be a dropped zero: left for the validator
])
def test_normalize_national_id_restores_zeros_of_imported_ids(imported, stored):
    assert normalize_national_id(imported, restore_leading_zeros=True) == stored


def test_normalize_national_id_leaves_non_text_alone():
    assert normalize_national_id(None) is None
    assert normalize_national_id(False) is False


def test_national_id_check_digit():
    assert national_id_check_digit("049937089") == 9
    assert national_id_check_digit("079041990") == 4
    assert national_id_check_digit("008457594") == 8
    for body in ("123456789", "987654321", "000000001"):
        check = national_id_check_digit(body)
        if check < 10:
            assert is_valid_national_id(body + str(check))
            assert not is_valid_national_id(body + str((check + 1) % 10))


def test_national_id_from_serial():
    ids = {national_id_from_serial(71, serial) for serial in range(1, 200)}
    assert len(ids) == 199
    assert all(is_valid_national_id(code) and code.startswith("71") for code in ids)
    with pytest.raises(ValueError):
        national_id_from_serial(71, 10**7)


def test_legal_ids():
    assert is_valid_legal_id("10380284790")
    assert is_valid_legal_id("۱۰۳۸۰۲۸۴۷۹۰")
    for code in ("10380284791", "1038028479", "103802847900", "1038028479a", "00000000000", "", None,
                 "10300000012"):  # passes the checksum, but digits 4-9 are all zero
        assert not is_valid_legal_id(code), code


def test_sheba():
    assert is_valid_sheba("IR820540102680020817909002")
    assert is_valid_sheba("IR062960000000100324200001")
    assert is_valid_sheba("ir06 2960 0000 0010 0324 2000 01")
    assert is_valid_sheba("IR۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱")
    for sheba in ("IR820540102680020817909003", "DE820540102680020817909002", "IR82054010268002081790900",
                  "IR8205401026800208179090021", "IRAB0540102680020817909002", "820540102680020817909002", "", None):
        assert not is_valid_sheba(sheba), sheba


def test_postal_code():
    assert is_valid_postal_code("1234567890")
    assert is_valid_postal_code("۱۲۳۴۵۶۷۸۹۰")
    assert is_valid_postal_code("12345-67890")
    for code in ("123456789", "12345678901", "12345a7890", "", None):
        assert not is_valid_postal_code(code), code


@pytest.mark.parametrize("number", [
    "09121234567", "+989121234567", "00989121234567", "989121234567", "9121234567",
    "۰۹۱۲۱۲۳۴۵۶۷", "+98 912 123 4567", "0912-123-4567", "(0912) 1234567", "+98 0912 123 4567",
    "0098-0912-123-4567",
])
def test_mobiles_are_normalised(number):
    assert normalize_mobile(number) == "09121234567"


@pytest.mark.parametrize("number", ["02112345678", "0912123456", "091212345678", "+449121234567", "09a21234567", "", None,
                                    9121234567, "+98 00912 123 4567", "+33612345678"])
def test_non_mobiles_are_refused(number):
    assert normalize_mobile(number) is None


def test_mobile_forms():
    assert mobile_forms("+98 912 123 4567") == ["09121234567", "+989121234567", "989121234567", "00989121234567"]
    assert mobile_forms("02112345678") == []
    assert mobile_forms(None) == []
