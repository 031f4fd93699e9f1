"""Where a request comes from: one reading of the client's IP for every limit."""

import pytest
from django.test import RequestFactory

from accord.core.http import client_ip, int_param


def _request(remote: str = "10.0.0.2", forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_socket_address_is_the_client(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(_request("198.51.100.4", forwarded="203.0.113.1")) == "198.51.100.4"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.50", "203.0.113.50"),
        # The client can write anything to the left; our proxy appends the real address.
        ("1.1.1.1, 203.0.113.50", "203.0.113.50"),
        ("forged, 1.1.1.1,203.0.113.50 ", "203.0.113.50"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_a_proxy_the_right_most_forwarded_address_is_the_client(
    settings, forwarded, expected
):
    settings.BEHIND_PROXY = True
    assert client_ip(_request(forwarded=forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not-an-ip", "1.1.1.1, garbage"])
def test_behind_a_proxy_without_a_usable_header_the_socket_address_is_used(settings, forwarded):
    settings.BEHIND_PROXY = True
    assert client_ip(_request("10.0.0.2", forwarded=forwarded)) == "10.0.0.2"


def test_an_unknown_socket_address_is_none(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(_request("")) is None


# --- int_param: whole numbers from query strings and form fields ---------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", 1), ("42", 42), ("007", 7), ("999999999", 999999999)]
)
def test_int_param_reads_small_whole_numbers(raw, expected):
    assert int_param(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [None, "", "²", "٣", "１", "-1", "+1", " 1", "1.0", "1e3", "x", "1234567890", "9" * 5000],
)
def test_int_param_gives_the_default_for_anything_else(raw):
    assert int_param(raw) is None
    assert int_param(raw, 3) == 3
