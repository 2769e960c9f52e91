"""The arithmetic of the public pages' rate limits (no Odoo import): fixed windows aligned on the epoch, what
counts as one client, and the keyed hashes stored instead of the values counted."""

import datetime
import hashlib
import hmac
import ipaddress
from typing import NamedTuple


class Limit(NamedTuple):
    """One counted action: the system parameters of its limit and window, their defaults, and whether its
    client is an IP address (else any value: a mobile number, a national ID, an API client)."""

    limit_param: str
    default_limit: int
    window_param: str
    default_window: int
    by_address: bool


def limit(param_prefix, default_limit, default_window, by_address=False):
    """The declaration of an action counted up to ``default_limit`` times per ``default_window`` seconds,
    both configurable in the system parameters ``<param_prefix>_limit`` and ``<param_prefix>_window``.

    >>> limit("my_addon.search", 60, 3600, by_address=True).window_param
    'my_addon.search_window'
    """
    return Limit(f"{param_prefix}_limit", default_limit, f"{param_prefix}_window", default_window, by_address)


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


def parse_positive_int(text, default):
    """A configuration value as a whole number ``>= 0``; anything else (unset,
    garbage, negative) gives ``default``."""
    try:
        value = int(str(text).strip())
    except (TypeError, ValueError):
        return default
    return value if value >= 0 else default
