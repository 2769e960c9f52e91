"""Open311 GeoReport v2 service attributes: what a category asks besides the
description (``attribute[code]=value`` on POST), as the spec defines them."""

import re

DATATYPES = ("string", "number", "singlevaluelist")
#: Longest text an attribute takes.
MAX_VALUE_LENGTH = 500
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
ATTRIBUTE_KEY = re.compile(r"^attribute\[(.+)\]$")


def parse_value_list(text):
    """The values of a list attribute, written one per line as ``key = name``
    (or just ``key``): ``[(key, name), …]`` in order, blank lines skipped."""
    values = []
    for line in (text or "").splitlines():
        key, _sep, name = line.partition("=")
        key, name = key.strip(), name.strip()
        if key:
            values.append((key, name or key))
    return values


def attributes_from_form(form):
    """``{code: value}`` of the ``attribute[code]`` keys of a posted form."""
    found = {}
    for key, value in form.items():
        match = ATTRIBUTE_KEY.match(str(key))
        if match:
            found[match.group(1)] = value if isinstance(value, str) else str(value)
    return found


def check_value(datatype, value, keys=()):
    """The value to store for ``value`` (stripped), or ``None`` when it does not
    fit the datatype (a number, one of ``keys`` for a list, text of at most
    ``MAX_VALUE_LENGTH`` characters)."""
    value = (value or "").strip()
    if datatype == "number":
        return value if NUMBER.match(value) else None
    if datatype == "singlevaluelist":
        return value if value in keys else None
    return value if len(value) <= MAX_VALUE_LENGTH else None


#: An attribute code (as a category code).
CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
