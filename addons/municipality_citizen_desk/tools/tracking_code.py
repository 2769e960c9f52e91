"""Tracking codes of citizen requests (سامانه ۱۳۷).

A tracking code is what a citizen keeps to follow a request without an
account, so it must be unguessable (drawn with ``secrets``), short enough to
read over the phone and free of characters people mix up (0/O, 1/I/L, 5/S,
8/B, 2/Z, U/V). Ten characters of a 23-symbol alphabet give about 45 bits:
with the portal's rate limit a stranger cannot find someone else's request by
trying codes. It is shown in two groups (``K7P3M-QX4HN``); dashes, spaces,
lower case and Persian digits are accepted back.
"""

import re
import secrets

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.digits import normalize_digits

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
LENGTH = 10
GROUP = 5

_NOISE = re.compile(r"[\s\-_.]")
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_tracking_code():
    """A fresh random code (``LENGTH`` symbols of ``ALPHABET``), as stored: no dash."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_tracking_code(text):
    """The stored form of a typed code, or ``None`` when it cannot be one."""
    if not isinstance(text, str):
        return None
    code = _NOISE.sub("", normalize_digits(text)).upper()
    return code if _VALID.match(code) else None


def format_tracking_code(code):
    """``K7P3MQX4HN`` → ``K7P3M-QX4HN``, easier to read out and copy."""
    if not code:
        return ""
    return "-".join(code[start:start + GROUP] for start in range(0, len(code), GROUP))
