from decimal import Decimal

import pytest

from municipality_base_tools.amount_words import amount_to_words_fa, number_to_words_fa


@pytest.mark.parametrize("number, words", [
    (0, "صفر"),
    (1, "یک"),
    (10, "ده"),
    (11, "یازده"),
    (12, "دوازده"),
    (13, "سیزده"),
    (14, "چهارده"),
    (15, "پانزده"),
    (16, "شانزده"),
    (17, "هفده"),
    (18, "هجده"),
    (19, "نوزده"),
    (20, "بیست"),
    (21, "بیست و یک"),
    (99, "نود و نه"),
    (100, "صد"),
    (101, "صد و یک"),
    (119, "صد و نوزده"),
    (200, "دویست"),
    (305, "سیصد و پنج"),
    (999, "نهصد و نود و نه"),
    (1000, "هزار"),
    (1001, "هزار و یک"),
    (1500, "هزار و پانصد"),
    (2000, "دو هزار"),
    (19000, "نوزده هزار"),
    (1_000_000, "یک میلیون"),
    (1_001_000, "یک میلیون و یک هزار"),
    (1_250_000, "یک میلیون و دویست و پنجاه هزار"),
    (2_000_000_000, "دو میلیارد"),
    (3_000_000_000_000, "سه تریلیون"),
    (1_000_000_001, "یک میلیارد و یک"),
])
def test_number_to_words(number, words):
    assert number_to_words_fa(number) == words


def test_domain_examples_with_the_rial():
    assert amount_to_words_fa(1_250_000) == "یک میلیون و دویست و پنجاه هزار ریال"
    assert amount_to_words_fa(0) == "صفر ریال"
    assert amount_to_words_fa(19) == "نوزده ریال"
    assert amount_to_words_fa(1000) == "هزار ریال"


def test_unit_is_configurable():
    assert amount_to_words_fa(15, unit="ریال جدید") == "پانزده ریال جدید"
    assert amount_to_words_fa(15, unit="") == "پانزده"
    assert amount_to_words_fa(15, unit=None) == "پانزده"


def test_integral_floats_decimals_and_strings_are_accepted():
    assert amount_to_words_fa(1_250_000.0) == amount_to_words_fa(Decimal("1250000.00")) == amount_to_words_fa("1250000")


def test_negative_amounts_are_said_as_negative():
    assert amount_to_words_fa(-1_250_000) == "منفی یک میلیون و دویست و پنجاه هزار ریال"


@pytest.mark.parametrize("amount", [1.5, Decimal("0.01"), "12.3", "abc", "", None, True, float("nan"), float("inf"), 10 ** 18])
def test_bad_amounts_raise_value_error(amount):
    with pytest.raises(ValueError):
        amount_to_words_fa(amount)


def test_no_word_is_doubled_or_joined_badly():
    for number in range(0, 1_000_000, 997):
        words = number_to_words_fa(number)
        assert "  " not in words and not words.startswith(" و") and not words.endswith(" و")
        assert " و و " not in words
