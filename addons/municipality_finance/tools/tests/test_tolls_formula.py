from decimal import Decimal

import pytest

from municipality_finance_tools.toll_formula import (
    MAX_EXPONENT, FormulaError, check_formula, evaluate, percent_of, round_rial)

INPUTS = {"area", "regional_value", "floors", "use", "value", "rate"}


@pytest.mark.parametrize("formula, values, expected", [
    ("value * 5 / 1000", {"value": 1_000_000_000}, Decimal("5000000")),
    ("value * 0.005", {"value": 1_000_000_000}, Decimal("5000000")),
    ("area * regional_value * (2.5 if use == 'commercial' else 1)",
     {"area": 120, "regional_value": 1_500_000, "use": "commercial"}, Decimal("450000000")),
    ("area * regional_value * (2.5 if use == 'commercial' else 1)",
     {"area": 120, "regional_value": 1_500_000, "use": "residential"}, Decimal("180000000")),
    ("max(area - 100, 0) * 10", {"area": 80}, Decimal("0")),
    ("min(area, 100, floors)", {"area": 80, "floors": 3}, Decimal("3")),
    ("ceil(area / 3)", {"area": 10}, Decimal("4")),
    ("floor(area / 3)", {"area": 10}, Decimal("3")),
    ("floor(-area / 3)", {"area": 10}, Decimal("-4")),
    ("round(area / 4)", {"area": 10}, Decimal("3")),
    ("round(area / 3, 2)", {"area": 10}, Decimal("3.33")),
    ("abs(-area)", {"area": 7}, Decimal("7")),
    ("area // 3 + area % 3", {"area": 10}, Decimal("4")),
    ("-area % 3", {"area": 10}, Decimal("2")),
    ("area ** 2", {"area": 12}, Decimal("144")),
    ("1 if 10 <= area < 100 and not floors > 5 else 0", {"area": 50, "floors": 2}, Decimal("1")),
    ("1 if 10 <= area < 100 and not floors > 5 else 0", {"area": 50, "floors": 6}, Decimal("0")),
    ("1 if area > 100 or floors > 3 else 2", {"area": 5, "floors": 4}, Decimal("1")),
    ("(use != 'residential') * 1000", {"use": "commercial"}, Decimal("1000")),
    ("area * rate\n + 1", {"area": 2, "rate": 0.1}, Decimal("1.2")),
    ("area", {"area": Decimal("12.5")}, Decimal("12.5")),
    ("floors > 2", {"floors": 3}, Decimal("1")),
])
def test_evaluate(formula, values, expected):
    assert evaluate(formula, values) == expected


def test_decimal_arithmetic_is_exact():
    assert evaluate("area * 0.1 * 3", {"area": 1}) == Decimal("0.3")


def test_check_formula_returns_the_inputs_used():
    assert check_formula("area * regional_value", INPUTS) == {"area", "regional_value"}
    assert check_formula("1000", INPUTS) == set()


@pytest.mark.parametrize("formula, code", [
    ("", "empty"),
    ("   \n ", "empty"),
    ("area *", "syntax"),
    ("area = 3", "syntax"),
    ("import os", "syntax"),
    ("__import__('os')", "function"),
    ("__import__('os').system('ls')", "forbidden"),
    ("().__class__", "forbidden"),
    ("area.__class__", "forbidden"),
    ("open('/etc/passwd')", "function"),
    ("eval('1')", "function"),
    ("area[0]", "forbidden"),
    ("(lambda: 1)()", "forbidden"),
    ("[x for x in area]", "forbidden"),
    ("sum(x for x in (1, 2))", "function"),
    ("{'a': 1}", "forbidden"),
    ("(1, 2)", "forbidden"),
    ("f'{area}'", "forbidden"),
    ("(x := 3)", "forbidden"),
    ("area & 1", "forbidden"),
    ("~area", "forbidden"),
    ("use in ('a', 'b')", "forbidden"),
    ("area is None", "forbidden"),
    ("None", "forbidden"),
    ("True", "forbidden"),
    ("b'x'", "forbidden"),
    ("1j", "forbidden"),
    ("volume * 2", "unknown_name"),
    ("__builtins__", "unknown_name"),
    ("round(area, ndigits=2)", "forbidden"),
    ("max(area)", "arguments"),
    ("abs(area, 1)", "arguments"),
    ("round()", "arguments"),
    ("min(*area)", "forbidden"),
    ("'x' * 10", None),  # valid syntax, refused when computed
    ("'" + "x" * 100 + "'", "text_too_long"),
    ("1 +" + " 1 +" * 1200 + " 1", "too_long"),
])
def test_check_formula_refuses(formula, code):
    if code is None:
        check_formula(formula, INPUTS)
        return
    with pytest.raises(FormulaError) as info:
        check_formula(formula, INPUTS)
    assert info.value.code == code
    assert str(info.value)


def test_error_names_the_problem():
    with pytest.raises(FormulaError, match="“volume” is not an input.*area, floors"):
        check_formula("volume * 2", INPUTS)
    with pytest.raises(FormulaError, match="Attribute access"):
        check_formula("().__class__", INPUTS)
    with pytest.raises(FormulaError, match="“__import__”"):
        check_formula("__import__('os')", INPUTS)


@pytest.mark.parametrize("formula, values, code", [
    ("9**9**9", {}, "exponent"),
    ("area ** 65", {"area": 2}, "exponent"),
    ("area ** -65", {"area": 2}, "exponent"),
    ("10 ** 19", {}, "too_large"),
    ("2 ** 53 + 1", {}, "too_large"),  # beyond what a float amount holds exactly (review L-11)
    ("area * 1000", {"area": 10 ** 13}, "too_large"),
    ("area * area * area", {"area": 10 ** 7}, "too_large"),
    ("area", {"area": 10 ** 19}, "too_large"),
    ("area", {"area": float("inf")}, "too_large"),
    ("area", {"area": float("nan")}, "too_large"),
    ("area / 0", {"area": 1}, "division_by_zero"),
    ("area // (floors - 2)", {"area": 1, "floors": 2}, "division_by_zero"),
    ("area % 0", {"area": 1}, "division_by_zero"),
    ("0 ** -1", {}, "division_by_zero"),
    ("(-area) ** 0.5", {"area": 4}, "invalid"),
    ("round(area, 30)", {"area": 4}, "invalid"),
    ("use * 1000", {"use": "commercial"}, "text_operation"),
    ("use + 'x'", {"use": "commercial"}, "text_operation"),
    ("-use", {"use": "commercial"}, "text_operation"),
    ("use < 'b'", {"use": "a"}, "text_operation"),
    ("max(use, 1)", {"use": "a"}, "text_operation"),
    ("'x' * 10", {}, "text_operation"),
    ("use", {"use": "commercial"}, "not_a_number"),
    ("area * 2", {}, "missing_value"),
    ("area * 2", {"area": None}, "bad_value"),
    ("area * 2", {"area": [1]}, "bad_value"),
    ("area * 2", {"area": "x" * 100}, "text_too_long"),
])
def test_evaluate_refuses(formula, values, code):
    with pytest.raises(FormulaError) as info:
        evaluate(formula, values)
    assert info.value.code == code, str(info.value)


def test_values_for_unused_inputs_are_fine():
    assert evaluate("area", {"area": 3, "floors": 2}) == 3


def test_text_equality_with_a_number_is_false_not_an_error():
    assert evaluate("1 if use == 2 else 0", {"use": "2"}) == 0
    assert evaluate("1 if use != 2 else 0", {"use": "2"}) == 1


def test_round_rial_is_half_up():
    assert round_rial(Decimal("2.5")) == 3
    assert round_rial(Decimal("2.4999")) == 2
    assert round_rial(Decimal("-2.5")) == -3
    assert round_rial(4999999.5) == 5000000


def test_max_exponent_itself_is_allowed():
    assert evaluate(f"1.5 ** {MAX_EXPONENT}", {}) == Decimal("1.5") ** MAX_EXPONENT


@pytest.mark.parametrize("formula", [
    "+".join(["1"] * 1000),  # 1,999 characters, 999 nested additions
    "-" * 999 + "1",
    "(" * 250 + "1" + ")" * 250,
    "min(" * 120 + "1" + ", 2)" * 120,
])
def test_deep_nesting_is_a_formula_error_not_a_recursion_error(formula):
    for call in (lambda: check_formula(formula, INPUTS), lambda: evaluate(formula, {})):
        with pytest.raises(FormulaError) as error:
            call()
        assert error.value.code in ("too_deep", "syntax")


def test_reasonable_nesting_is_fine():
    assert evaluate("+".join(["1"] * 40), {}) == 40
    assert evaluate("(" * 30 + "value" + ")" * 30, {"value": 7}) == 7


@pytest.mark.parametrize("amount, percent, expected", [
    (1500, 2.3, 35),  # 34.5 → 35; in floats 1500 * 2.3 / 100 is 34.499… → 34
    (5500, 0.7, 39),  # 38.5 → 39
    (1500, Decimal("6.9"), 104),  # 103.5 → 104
    (1_000_000, 10, 100_000),
])
def test_percent_of_is_computed_in_decimals(amount, percent, expected):
    assert percent_of(amount, percent) == expected
