"""Links for long lists: a route reversed once, its id filled in per row with `str.format`
(a `reverse()` per row is most of a long list's time)."""

from django.urls import reverse

_ID = 2_147_483_647


def url_pattern(name: str, kwarg: str) -> str:
    """`name`'s path with `{}` in place of its id `kwarg`, e.g. "/work/tasks/{}/"."""
    return reverse(name, kwargs={kwarg: _ID}).replace(str(_ID), "{}")


# Pages of a thing that a higher app owns (a deliverable's review page belongs to reviews, while
# the job's page that lists deliverables belongs to work): the higher app registers the route
# from its AppConfig.ready, and lower apps link to it without importing that app.
_pages: dict[str, tuple[str, str]] = {}


def register_page(what: str, name: str, kwarg: str) -> None:
    _pages[what] = (name, kwarg)


def page_pattern(what: str) -> str:
    """The `url_pattern` of the page registered for `what`, or "" when no app offers one."""
    return url_pattern(*_pages[what]) if what in _pages else ""
