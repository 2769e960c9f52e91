"""Safe evaluation of toll tariff formulas (فرمول تعرفه عوارض).

A tariff book line is a formula over the case's named inputs, for example
``area * regional_value * (2.5 if use == 'commercial' else 1)``. Formulas are
data typed by the municipality's staff, so they are parsed with :mod:`ast`
and only a small, explicit language is accepted:

* numbers (computed as :class:`decimal.Decimal`, so ``0.005`` is exact) and
  short text literals;
* the declared input names;
* ``+ - * / // % **``, unary ``-`` and ``+``;
* comparisons ``== != < <= > >=`` (chains allowed), ``and``, ``or``, ``not``;
* ``x if condition else y``;
* calls to ``min``, ``max``, ``abs``, ``round``, ``ceil`` and ``floor``.

Text exists only for selection inputs (``use == 'commercial'``): text may be
compared with ``==`` and ``!=`` and nothing else, so no formula can build a
large string. Anything else (attributes, subscripts, lambdas, comprehensions,
keyword arguments, undeclared names) is refused. Exponents are limited to
``MAX_EXPONENT`` and every intermediate result to ``MAX_MAGNITUDE``, so that
``9**9**9`` fails at once instead of exhausting the server.

Errors are :class:`FormulaError` with a ``code`` and ``params``, so that the
caller can show a translated message; ``str(error)`` is an English message.

``check_formula(formula, input_names)`` validates a formula when a tariff is
saved; ``evaluate(formula, values)`` computes it for one case.
"""

import ast
import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

MAX_LENGTH = 2000
#: How deeply a formula may nest (``1+1+…`` nests once per ``+``): checking and computing recurse that deep.
MAX_DEPTH = 100
MAX_EXPONENT = 64
#: The largest result: 2**53 (about 9 × 10**15 rials), the largest whole number a float (which Odoo's amount fields
#: are in Python) holds exactly; a larger result would be rounded silently on its way to the invoice.
MAX_MAGNITUDE = Decimal(2) ** 53
MAX_TEXT_LENGTH = 64
FUNCTIONS = ("min", "max", "abs", "round", "ceil", "floor")

MESSAGES = {
    "empty": "The formula is empty.",
    "too_long": "The formula is longer than %(max)s characters.",
    "too_deep": "The formula nests more than %(max)s levels deep; split it or simplify it.",
    "syntax": "The formula is not valid at line %(line)s, column %(column)s: %(detail)s.",
    "forbidden": "%(element)s is not allowed in a formula.",
    "unknown_name": "“%(name)s” is not an input of this toll type (its inputs are: %(names)s).",
    "function": "The function “%(name)s” is not allowed; use only min, max, abs, round, ceil or floor.",
    "arguments": "The function “%(name)s” was called with %(count)s arguments.",
    "exponent": "The exponent %(value)s is too large; it may be at most %(max)s.",
    "too_large": "A result of the formula is larger than %(max)s.",
    "division_by_zero": "The formula divides by zero.",
    "text_operation": "Text (a selection input or a quoted value) can only be compared with == or !=.",
    "text_too_long": "A text value in the formula is longer than %(max)s characters.",
    "missing_value": "The input “%(name)s” has no value.",
    "bad_value": "The input “%(name)s” must be a number or a text, not %(type)s.",
    "not_a_number": "The formula must give a number, but it gives a text.",
    "invalid": "The formula cannot be computed: %(detail)s.",
}


class FormulaError(ValueError):
    """A formula that is refused or cannot be computed."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params)


_BIN_OPS = {ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow}
_UNARY_OPS = {ast.USub, ast.UAdd, ast.Not}
_COMPARE_OPS = {ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE}

#: Human names of the constructs people most often try, for the error message.
_ELEMENT_NAMES = {
    ast.Attribute: "Attribute access (a dot after a name)",
    ast.Subscript: "Indexing with [ ]",
    ast.Lambda: "lambda",
    ast.ListComp: "A comprehension",
    ast.SetComp: "A comprehension",
    ast.DictComp: "A comprehension",
    ast.GeneratorExp: "A comprehension",
    ast.List: "A list",
    ast.Tuple: "A tuple",
    ast.Set: "A set",
    ast.Dict: "A dictionary",
    ast.JoinedStr: "An f-string",
    ast.NamedExpr: "The := operator",
    ast.Starred: "The * unpacking",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.BitAnd: "The & operator",
    ast.BitOr: "The | operator",
    ast.BitXor: "The ^ operator",
    ast.LShift: "The << operator",
    ast.RShift: "The >> operator",
    ast.MatMult: "The @ operator",
    ast.Invert: "The ~ operator",
    ast.In: "The in operator",
    ast.NotIn: "The not in operator",
    ast.Is: "The is operator",
    ast.IsNot: "The is not operator",
}


def _forbidden(node):
    name = _ELEMENT_NAMES.get(type(node), type(node).__name__)
    return FormulaError("forbidden", element=name)


def _parse(formula):
    if not isinstance(formula, str) or not formula.strip():
        raise FormulaError("empty")
    if len(formula) > MAX_LENGTH:
        raise FormulaError("too_long", max=MAX_LENGTH)
    # Several lines are fine for readability: the formula is one expression.
    text = " ".join(formula.strip().splitlines())
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise FormulaError("syntax", line=error.lineno or 1, column=error.offset or 0,
                           detail=error.msg) from None
    except (RecursionError, MemoryError):  # the parser's own limits on nesting
        raise FormulaError("too_deep", max=MAX_DEPTH) from None
    if _depth(tree.body) > MAX_DEPTH:
        raise FormulaError("too_deep", max=MAX_DEPTH)
    return tree.body


def _depth(root):
    """How deep the tree under ``root`` nests, walked without recursion (stops just past ``MAX_DEPTH``)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _check(node, input_names):
    """Refuse everything outside the formula language (see the module doc)."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or value is None or not isinstance(value, (int, float, str)):
            raise FormulaError("forbidden", element=repr(value))
        if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
            raise FormulaError("text_too_long", max=MAX_TEXT_LENGTH)
    elif isinstance(node, ast.Name):
        if node.id not in input_names:
            raise FormulaError("unknown_name", name=node.id, names=", ".join(sorted(input_names)) or "-")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BIN_OPS:
            raise _forbidden(node.op)
        _check(node.left, input_names)
        _check(node.right, input_names)
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY_OPS:
            raise _forbidden(node.op)
        _check(node.operand, input_names)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, input_names)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE_OPS:
                raise _forbidden(op)
        _check(node.left, input_names)
        for comparator in node.comparators:
            _check(comparator, input_names)
    elif isinstance(node, ast.IfExp):
        for part in (node.test, node.body, node.orelse):
            _check(part, input_names)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            raise _forbidden(node.func)
        if node.func.id not in FUNCTIONS:
            raise FormulaError("function", name=node.func.id)
        if node.keywords:
            raise FormulaError("forbidden", element="A keyword argument")
        for arg in node.args:
            _check(arg, input_names)
        count = len(node.args)
        if (node.func.id in ("min", "max") and count < 2) or (
                node.func.id in ("abs", "ceil", "floor") and count != 1) or (
                node.func.id == "round" and count not in (1, 2)):
            raise FormulaError("arguments", name=node.func.id, count=count)
    else:
        raise _forbidden(node)


def _used_names(tree):
    """The input names a parsed formula reads (function names excluded)."""
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in called}


def check_formula(formula, input_names):
    """Raise :class:`FormulaError` unless ``formula`` is a valid formula over
    ``input_names``; return the set of input names it uses."""
    names = set(input_names)
    tree = _parse(formula)
    _check(tree, names)
    return _used_names(tree)


def _number(value):
    """A number to compute with, or :class:`FormulaError` for text."""
    if isinstance(value, str):
        raise FormulaError("text_operation")
    if isinstance(value, bool):
        return Decimal(int(value))
    return value


def _bounded(value):
    if isinstance(value, Decimal) and (not value.is_finite() or abs(value) > MAX_MAGNITUDE):
        raise FormulaError("too_large", max=f"{MAX_MAGNITUDE:,.0f}")
    return value


def _to_value(name, value):
    if isinstance(value, str):
        if len(value) > MAX_TEXT_LENGTH:
            raise FormulaError("text_too_long", max=MAX_TEXT_LENGTH)
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, (int, Decimal)):
        return _bounded(Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FormulaError("too_large", max=f"{MAX_MAGNITUDE:,.0f}")
        # repr gives the shortest text that reads back as the float: 0.1 -> Decimal('0.1').
        return _bounded(Decimal(repr(value)))
    raise FormulaError("bad_value", name=name, type=type(value).__name__)


def _round(value, digits=None):
    digits = 0 if digits is None else int(_number(digits))
    if abs(digits) > 18:
        raise FormulaError("invalid", detail="round() to more than 18 digits")
    return _number(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _evaluate(node, values):
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else _bounded(Decimal(repr(node.value)))
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        left = _number(_evaluate(node.left, values))
        right = _number(_evaluate(node.right, values))
        op = type(node.op)
        if op in (ast.Div, ast.FloorDiv, ast.Mod) and right == 0:
            raise FormulaError("division_by_zero")
        if op is ast.Pow:
            if abs(right) > MAX_EXPONENT:
                raise FormulaError("exponent", value=right, max=MAX_EXPONENT)
            if left == 0 and right < 0:
                raise FormulaError("division_by_zero")
            if left < 0 and right != right.to_integral_value():
                raise FormulaError("invalid", detail="a fractional power of a negative number")
        operation = {
            ast.Add: lambda a, b: a + b,
            ast.Sub: lambda a, b: a - b,
            ast.Mult: lambda a, b: a * b,
            ast.Div: lambda a, b: a / b,
            ast.FloorDiv: lambda a, b: Decimal(math.floor(a / b)),
            ast.Mod: lambda a, b: a - b * Decimal(math.floor(a / b)),
            ast.Pow: lambda a, b: a ** b,
        }[op]
        return _bounded(operation(left, right))
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        if isinstance(node.op, ast.Not):
            return not operand
        operand = _number(operand)
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BoolOp):
        is_and = isinstance(node.op, ast.And)
        result = None
        for part in node.values:
            result = _evaluate(part, values)
            if bool(result) != is_and:
                return result
        return result
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, values)
        for op, comparator in zip(node.ops, node.comparators):
            right = _evaluate(comparator, values)
            op = type(op)
            if op in (ast.Eq, ast.NotEq):
                if isinstance(left, str) != isinstance(right, str):
                    outcome = op is ast.NotEq
                else:
                    outcome = (left == right) == (op is ast.Eq)
            else:
                a, b = _number(left), _number(right)
                outcome = {ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b, ast.GtE: a >= b}[op]
            if not outcome:
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _evaluate(node.body if _evaluate(node.test, values) else node.orelse, values)
    if isinstance(node, ast.Call):
        args = [_evaluate(arg, values) for arg in node.args]
        name = node.func.id
        if name == "round":
            return _round(*args)
        args = [_number(arg) for arg in args]
        if name == "min":
            return min(args)
        if name == "max":
            return max(args)
        if name == "abs":
            return abs(args[0])
        if name == "ceil":
            return args[0].to_integral_value(rounding=ROUND_CEILING)
        return args[0].to_integral_value(rounding=ROUND_FLOOR)
    raise _forbidden(node)  # unreachable after _check


def evaluate(formula, values):
    """Compute ``formula`` with ``values`` (input name → number or text).

    Every name the formula uses must have a value; numbers may be ``int``,
    ``float`` or ``Decimal``. Returns a :class:`~decimal.Decimal`, not rounded.
    """
    tree = _parse(formula)
    missing = sorted(_used_names(tree) - set(values))
    if missing:
        raise FormulaError("missing_value", name=missing[0])
    _check(tree, set(values))
    prepared = {name: _to_value(name, value) for name, value in values.items()}
    try:
        result = _evaluate(tree, prepared)
    except (InvalidOperation, OverflowError, ArithmeticError) as error:
        if isinstance(error, FormulaError):
            raise
        raise FormulaError("invalid", detail=type(error).__name__) from None
    if isinstance(result, str):
        raise FormulaError("not_a_number")
    return _bounded(_number(result) if isinstance(result, bool) else result)


def round_rial(value):
    """Round an amount to whole rials, half up (2.5 → 3), as a Decimal."""
    return Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def percent_of(amount, percent):
    """``percent`` % of ``amount`` in whole rials, half up, computed in decimals: a float percent such as
    2.3 is taken as written (``2.3 % of 1,500`` is 34.5 → 35, where floats give 34.499… → 34)."""
    return round_rial(as_decimal(amount) * as_decimal(percent) / 100)


def as_decimal(value):
    """A number as the Decimal it is written as (``0.1`` → ``Decimal('0.1')``, not the float's binary value)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))
