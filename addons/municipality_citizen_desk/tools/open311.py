"""Input parsing for the Open311 GeoReport v2 API and the 137 portal, and the
fixed-window arithmetic of their rate limits (no Odoo import).

Every parser raises ``ValueError`` with an English message that says what is
wrong; the Odoo layer turns it into a translated error answer.
"""

import datetime
import hashlib
import hmac
import ipaddress
import re
import secrets

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.digits import normalize_digits

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


def window_start(moment, window_seconds):
    """Start of the fixed rate-limit window of ``window_seconds`` that holds
    ``moment`` (a naive UTC ``datetime``); windows are aligned on the epoch so
    that every worker computes the same one."""
    if window_seconds <= 0:
        raise ValueError("A rate-limit window lasts at least one second.")
    epoch = datetime.datetime(1970, 1, 1)
    elapsed = int((moment - epoch).total_seconds())
    return epoch + datetime.timedelta(seconds=elapsed - elapsed % window_seconds)


#: An IPv6 client is counted by its network: one subscriber gets a whole /64.
IPV6_CLIENT_PREFIX = 64


def client_network(address):
    """What a rate limit counts as one client: an IPv4 address itself, an
    IPv6 address by its /64 network (a subscriber chooses freely among the
    2^64 addresses of their prefix), an IPv4-mapped IPv6 address as the IPv4
    address. Anything unparsable is kept as given."""
    text = str(address or "").strip()
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(ip)


def client_key(secret, address):
    """A keyed hash of a client (its IPv4 address or IPv6 /64 network):
    counters need to tell clients apart, not to store who they are."""
    return hmac.new(str(secret).encode(), client_network(address).encode(), hashlib.sha256).hexdigest()[:40]


def hashed_key(secret, kind, value):
    """A keyed hash of anything else a rate limit counts (a mobile number, an
    API client): ``kind`` keeps the counters of different kinds apart."""
    text = f"{kind}:{value}"
    return hmac.new(str(secret).encode(), text.encode(), hashlib.sha256).hexdigest()[:40]


#: Prefix of the API keys given to city apps (tells a key from other secrets in a leak scan).
API_KEY_PREFIX = "o311_"


def new_api_key():
    """A fresh API key for a city app: 256 random bits, URL-safe."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def hash_api_key(key):
    """How a key is stored: its SHA-256 (the key has 256 random bits, so a
    fast hash is enough; the clear key is shown once and never stored)."""
    return hashlib.sha256(str(key or "").encode()).hexdigest()


def parse_positive_int(text, default):
    """A configuration value as a whole number ``>= 0``; anything else (unset,
    garbage, negative) gives ``default``."""
    try:
        value = int(str(text).strip())
    except (TypeError, ValueError):
        return default
    return value if value >= 0 else default


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
