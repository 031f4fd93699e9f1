"""The search engine on its own (SQLite FTS5 or PostgreSQL, whichever the suite runs on):
documents in, entries out, newest first, narrowed by scope keys, whatever is typed."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core import search
from accord.core.search import engine
from accord.core.search.models import SearchEntry
from accord.core.search.registry import Document, Source

pytestmark = pytest.mark.django_db
KIND = "note"
NOW = timezone.now()


@pytest.fixture(autouse=True)
def note_kind(monkeypatch: Any) -> None:
    """A kind of document of the test's own, searchable by scope key (gone after the test)."""
    source = Source(
        kind=KIND,
        label="Note",
        scopes=lambda user: user,
        visible=lambda user, ids: set(ids),
        documents=lambda: iter(()),
    )
    monkeypatch.setitem(search.registry._sources, KIND, source)


def note(object_id: int, title: str, body: str = "", *, scopes: list[str] | None = None) -> None:
    search.index(
        Document(
            kind=KIND,
            object_id=object_id,
            client_id=None,
            title=title,
            body=body,
            url=f"/notes/{object_id}/",
            created_at=NOW - timedelta(minutes=100 - object_id),
            scopes=scopes if scopes is not None else ["team:a"],
        )
    )


def found(text: str, scopes: list[str] | None = None, **more: Any) -> list[int]:
    keys = {KIND: scopes if scopes is not None else ["team:a"]}
    rows = search.query(text, scopes=keys, kinds=[KIND], **more)
    return [row.object_id for row in rows]


def test_a_document_is_found_by_any_word_of_its_title_or_body() -> None:
    note(1, "Spring launch", "The logo sits higher on the banner.")
    assert found("spring") == [1]
    assert found("LOGO banner") == [1]
    assert found("autumn") == []


def test_every_word_must_match() -> None:
    note(1, "Spring launch", "logo")
    note(2, "Autumn launch", "logo")
    assert found("launch logo") == [2, 1]
    assert found("spring logo") == [1]


def test_the_last_word_matches_as_a_prefix_once_it_has_two_letters() -> None:
    note(1, "Headline copy")
    assert found("head") == [1]
    assert found("copy hea") == [1]
    assert found("h") == []  # one letter: the word itself only
    assert found("he ad") == []  # only the last word is a prefix


def test_accents_and_case_are_ignored_on_sqlite() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's simple configuration keeps accents")
    note(1, "Café crème")
    assert found("cafe CREME") == [1]


def test_newest_first_and_a_cursor_pages_back() -> None:
    for n in range(1, 8):
        note(n, f"Banner {n}")
    first = search.query("banner", scopes={KIND: ["team:a"]}, limit=3)
    assert [r.object_id for r in first] == [7, 6, 5]
    older = search.query("banner", scopes={KIND: ["team:a"]}, limit=3, before=first[-1].pk)
    assert [r.object_id for r in older] == [4, 3, 2]


def test_scope_keys_narrow_what_is_found() -> None:
    note(1, "Logo", scopes=["team:a"])
    note(2, "Logo", scopes=["team:b"])
    note(3, "Logo", scopes=["team:a", "team:b"])
    assert found("logo", ["team:a"]) == [3, 1]
    assert found("logo", ["team:b"]) == [3, 2]
    assert found("logo", ["team:c"]) == []
    assert found("logo", []) == []
    unrestricted = search.query("logo", scopes=None)
    assert [r.object_id for r in unrestricted] == [3, 2, 1]


def test_scope_keys_are_kept_apart_by_kind() -> None:
    note(1, "Logo", scopes=["team:a"])
    assert search.query("logo", scopes={"other": ["team:a"]}) == []


def test_typing_a_scope_word_finds_nothing_it_could_not_find_anyway() -> None:
    note(1, "Logo", scopes=["team:b"])
    token = search.terms.scope_token(KIND, "team:b")
    assert found(token, ["team:a"]) == []
    assert found(token, ["team:b"]) == []  # scope words are not the document's text


def test_editing_a_document_replaces_its_words_and_removing_it_forgets_it() -> None:
    note(1, "Spring launch")
    note(1, "Autumn launch")
    assert found("spring") == []
    assert found("autumn") == [1]
    assert SearchEntry.objects.count() == 1
    search.remove(KIND, 1)
    assert found("autumn") == []


def test_an_unchanged_document_is_not_written_again() -> None:
    note(1, "Spring launch")
    with CaptureQueriesContext(connection) as queries:
        note(1, "Spring launch")
    assert len(queries) == 1  # read, found the same


HOSTILE = [
    '"',
    '"logo',
    "logo NEAR banner",
    "NEAR(logo banner)",
    "logo*",
    "*",
    "(logo",
    "logo) OR (1=1",
    "title:logo",
    "{title body}: logo",
    "tokens: x",
    "logo AND NOT banner",
    "-logo",
    "^logo",
    "logo's",
    "' OR 1=1 --",
    "logo & banner | !x",
    "logo:*",
    "\\",
    "\x00logo",
    "🙂 logo",
    "ロゴ",
    "l\u0301ogo",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_query_syntax_typed_in_is_searched_for_as_words(text: str) -> None:
    note(1, "Logo banner", "NEAR the title")
    found(text)  # never an engine error


def test_operators_are_plain_words() -> None:
    note(1, "Logo", "not near")
    note(2, "Banner")
    assert found("logo NOT") == [1]  # NOT is a word here, found in the body
    assert found("logo OR banner") == []  # OR is a word too, and no document has it
    assert found("NEAR(logo banner)") == []


def test_long_input_is_refused_with_a_reason() -> None:
    with pytest.raises(search.BadSearch, match="200 characters"):
        found("logo " * 2000)
    with pytest.raises(search.BadSearch, match="10 words"):
        found(" ".join(f"w{n}" for n in range(11)))


def test_nothing_to_search_for_asks_the_engine_nothing() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert found("") == []
        assert found("  ?! () * ") == []
    assert len(queries) == 0


def test_a_search_running_too_long_is_stopped_with_a_reason(monkeypatch: Any) -> None:
    note(1, "Logo")
    monkeypatch.setattr(engine, "MAX_SECONDS", -1.0)  # already late
    monkeypatch.setattr(engine, "PROGRESS_STEPS", 1)
    slow = "SELECT e.* FROM core_searchentry e, pg_sleep(0.1) WHERE %s <> '' AND e.id < %s LIMIT %s"
    monkeypatch.setattr(engine, "_POSTGRES_QUERY", slow)
    with pytest.raises(search.BadSearch, match="too long"):
        found("logo")


def test_reindex_adds_rewrites_and_removes(monkeypatch: Any) -> None:
    now = timezone.now()
    docs = {
        n: Document(KIND, n, None, f"Note {n}", "", f"/n/{n}/", now, ["team:a"]) for n in (1, 2)
    }
    note(3, "Gone")  # its object no longer exists
    note(1, "Old words")
    source = search.registry.source(KIND)
    assert source is not None
    monkeypatch.setitem(
        search.registry._sources,
        KIND,
        Source(KIND, "Note", source.scopes, source.visible, lambda: iter(docs.values())),
    )
    done = search.reindex([KIND])[KIND]
    assert (done.written, done.unchanged, done.removed) == (2, 0, 1)
    assert found("note") == [2, 1]
    assert found("old") == found("gone") == []
    again = search.reindex([KIND])[KIND]
    assert (again.written, again.unchanged, again.removed) == (0, 2, 0)
