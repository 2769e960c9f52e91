import pytest

from municipality_finance_tools.toll_payment_id import (
    check_digit, is_valid_payment_id, make_payment_id, normalize_payment_id)


def test_check_digit_mod_11_with_weights_2_to_7():
    # 1*2 + 2*3 + 3*4 + 4*5 + 5*6 + 6*7 + 7*2 = 126; 126 % 11 = 5; 11 - 5 = 6
    assert check_digit("7654321") == "6"
    # remainder 0 or 1 gives 0: "1" -> 1*2 = 2 -> 9; "0" -> 0 -> 0; "6" -> 12 % 11 = 1 -> 0
    assert check_digit("1") == "9"
    assert check_digit("0") == "0"
    assert check_digit("6") == "0"


def test_make_payment_id():
    payment_id = make_payment_id(1405, 42)
    assert payment_id[:11] == "05000000042"
    assert len(payment_id) == 12
    assert payment_id[-1] == check_digit("05000000042")
    assert is_valid_payment_id(payment_id)
    assert make_payment_id(1404, 10 ** 10).startswith("0410000000000")


def test_every_single_digit_error_is_caught():
    payment_id = make_payment_id(1404, 123456)
    for position in range(len(payment_id)):
        for digit in "0123456789":
            if digit != payment_id[position]:
                mistyped = payment_id[:position] + digit + payment_id[position + 1:]
                if is_valid_payment_id(mistyped):
                    # mod 11 catches every single substitution except on a weight
                    # whose difference is a multiple of 11: none with weights 2..7
                    pytest.fail(f"{mistyped} passes for {payment_id}")


def test_validator_accepts_persian_digits_and_spaces():
    payment_id = make_payment_id(1405, 7)
    persian = payment_id.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert is_valid_payment_id(persian)
    assert is_valid_payment_id(payment_id[:4] + " " + payment_id[4:])
    assert normalize_payment_id(persian) == payment_id


@pytest.mark.parametrize("text", ["", None, "abc", "12345", "05000000000" + check_digit("05000000000"), "0500000004x3"])
def test_validator_refuses(text):
    assert not is_valid_payment_id(text)


@pytest.mark.parametrize("year, serial", [(1405, 0), (1405, -1), (1405, "1"), (0, 1), (1405, True)])
def test_make_refuses_bad_arguments(year, serial):
    with pytest.raises(ValueError):
        make_payment_id(year, serial)


def test_check_digit_refuses_non_digits():
    with pytest.raises(ValueError):
        check_digit("12a")
    with pytest.raises(ValueError):
        check_digit("")


def test_the_digit_table_is_municipality_base_s():
    """One Persian digit table in the suite (review L-6): the payment ID reads digits with municipality_base's."""
    import municipality_base_tools.digits
    import municipality_finance_tools.toll_payment_id

    assert municipality_finance_tools.toll_payment_id.normalize_digits is municipality_base_tools.digits.normalize_digits
    assert not hasattr(municipality_finance_tools.toll_payment_id, "_TO_LATIN")
