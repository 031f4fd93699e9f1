"""Links for long lists: a route reversed once, its id filled in per row with `str.format`
(a `reverse()` per row is most of a long list's time)."""

from django.urls import reverse

_ID = 2_147_483_647


def url_pattern(name: str, kwarg: str) -> str:
    """`name`'s path with `{}` in place of its id `kwarg`, e.g. "/work/tasks/{}/"."""
    return reverse(name, kwargs={kwarg: _ID}).replace(str(_ID), "{}")
