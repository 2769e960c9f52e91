"""One-time codes a citizen receives by SMS to list their own requests."""

import hashlib
import hmac
import secrets

#: Digits of a code.
CODE_DIGITS = 6


def new_code():
    """A random code of ``CODE_DIGITS`` digits (leading zeros kept)."""
    return str(secrets.randbelow(10 ** CODE_DIGITS)).zfill(CODE_DIGITS)


def hash_code(secret, number, code):
    """How a code is stored: keyed with the database secret and bound to the mobile number it was sent to."""
    return hmac.new(str(secret).encode(), f"{number}:{code}".encode(), hashlib.sha256).hexdigest()


#: Persian and Arabic-Indic digits as typed on a phone's keyboard.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def normalize_code(text):
    """The code as typed, with Persian digits and spaces tolerated."""
    return "".join(str(text or "").translate(DIGITS).split())


def code_matches(secret, number, code, stored_hash):
    return hmac.compare_digest(hash_code(secret, number, normalize_code(code)), stored_hash or "")
