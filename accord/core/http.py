"""What a request says about where it came from, read the same way everywhere."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, or None if it is unknown.

    Behind a proxy (settings.BEHIND_PROXY) it is the right-most X-Forwarded-For entry: the one
    our proxy appended. Entries to its left come from the client and can be forged.
    """
    if settings.BEHIND_PROXY:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
        if hops and (forwarded := _ip_or_none(hops[-1])):
            return forwarded
    return _ip_or_none(request.META.get("REMOTE_ADDR") or "")


def int_param(raw: object, default: int | None = None) -> int | None:
    """A small whole number from a query string or form field, else `default`.

    Only ASCII digits, fewer than ten: "²".isdigit() is true, and a number thousands of
    digits long is past what int() will read from a string.
    """
    if isinstance(raw, str) and 0 < len(raw) < 10 and raw.isascii() and raw.isdigit():
        return int(raw)
    return default
