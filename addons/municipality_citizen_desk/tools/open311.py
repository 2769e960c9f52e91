"""Input parsing for the Open311 GeoReport v2 API and the 137 portal (no Odoo
import).

Every parser raises ``ValueError`` with an English message that says what is
wrong; the Odoo layer turns it into a translated error answer.
"""

import datetime
import hashlib
import re
import secrets

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.digits import normalize_digits
# The rate limits' arithmetic lives in municipality_base (``municipality.rate.limit``); re-exported here.
try:
    from odoo.addons.municipality_base.tools.rate_limit import (  # noqa: F401
        client_key, client_network, hashed_key, parse_positive_int, window_start)
except ImportError:
    from municipality_base_tools.rate_limit import (  # noqa: F401
        client_key, client_network, hashed_key, parse_positive_int, window_start)

#: Open311 request statuses, as the spec names them.
STATUSES = ("open", "closed")

#: At most this many ``service_request_id`` values in one GET.
MAX_IDS = 50

_DECIMAL_SEPARATOR = str.maketrans("٫", ".")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_coordinate(text, kind):
    """Parse a latitude (``kind='lat'``) or longitude (``kind='long'``) in
    decimal degrees. Empty text gives ``None`` (no location). Persian and
    Arabic-Indic digits are accepted."""
    if kind not in ("lat", "long"):
        raise ValueError(f"Unknown coordinate kind {kind!r}.")
    if text is None or not str(text).strip():
        return None
    cleaned = normalize_digits(str(text).strip()).translate(_DECIMAL_SEPARATOR)
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{kind} must be a number in decimal degrees, got {text!r}.")
    value = float(cleaned)
    bound = 90.0 if kind == "lat" else 180.0
    if not -bound <= value <= bound:
        raise ValueError(f"{kind} must lie between -{bound:g} and {bound:g}, got {value:g}.")
    return value


def parse_location(lat_text, long_text):
    """Both coordinates or none: ``(lat, long)`` or ``(None, None)``."""
    latitude = parse_coordinate(lat_text, "lat")
    longitude = parse_coordinate(long_text, "long")
    if (latitude is None) != (longitude is None):
        raise ValueError("lat and long must be given together.")
    return latitude, longitude


def parse_id_list(text, max_items=MAX_IDS):
    """A comma-separated list of identifiers, stripped, without blanks or
    repeats, in the order given."""
    if not text:
        return []
    ids = list(dict.fromkeys(part.strip() for part in str(text).split(",") if part.strip()))
    if len(ids) > max_items:
        raise ValueError(f"At most {max_items} identifiers may be asked for at once, got {len(ids)}.")
    return ids


def parse_status_filter(text):
    """``open``, ``closed`` or both, comma-separated; empty gives both."""
    statuses = {part.strip().lower() for part in str(text or "").split(",") if part.strip()}
    unknown = statuses - set(STATUSES)
    if unknown:
        raise ValueError(f"status must be open or closed, got {', '.join(sorted(unknown))}.")
    return statuses or set(STATUSES)


def parse_w3c_datetime(text):
    """Parse a W3C/ISO 8601 date-time (``2026-11-05T08:15:30+03:30``, ``…Z``,
    or a plain date ``2026-11-05``) into a naive UTC ``datetime``, the way Odoo
    stores date-times. A date-time without offset is taken as UTC."""
    if text is None or not str(text).strip():
        return None
    cleaned = str(text).strip()
    if cleaned[-1:] in ("Z", "z"):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        value = datetime.datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a W3C date-time; write it like 2026-11-05T08:15:30+03:30 or 2026-11-05T04:45:30Z."
        ) from None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


def format_w3c_datetime(value):
    """A naive UTC ``datetime`` (as Odoo stores it) in W3C form with ``Z``;
    ``None`` stays ``None``. A ``date`` is written as its day."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


#: Prefix of the API keys given to city apps (tells a key from other secrets in a leak scan).
API_KEY_PREFIX = "o311_"


def new_api_key():
    """A fresh API key for a city app: 256 random bits, URL-safe."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def hash_api_key(key):
    """How a key is stored: its SHA-256 (the key has 256 random bits, so a
    fast hash is enough; the clear key is shown once and never stored)."""
    return hashlib.sha256(str(key or "").encode()).hexdigest()


#: The GeoReport v2 specification, as Open311 discovery names it.
GEOREPORT_V2_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def discovery_document(endpoint_url, contact, key_service, changeset):
    """The Open311 discovery document (``discovery.json``) of one production
    GeoReport v2 endpoint that speaks JSON."""
    return {
        "changeset": changeset,
        "contact": contact,
        "key_service": key_service,
        "endpoints": [{
            "specification": GEOREPORT_V2_SPECIFICATION,
            "url": endpoint_url,
            "changeset": changeset,
            "type": "production",
            "formats": ["application/json"],
        }],
    }
