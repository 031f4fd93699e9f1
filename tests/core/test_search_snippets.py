"""Words typed become terms, never query syntax; snippets mark the words found and escape
everything else."""

from hypothesis import given
from hypothesis import strategies as st

from accord.core.search.snippets import highlight, snippet
from accord.core.search.terms import Terms, fts5_match, parse, tsquery


def test_words_are_letters_and_digits_lower_cased_and_the_last_a_prefix() -> None:
    assert parse('Logo "NEAR" (banner*') == Terms(("logo", "near", "banner"), prefix=True)
    assert parse("a") == Terms(("a",), prefix=False)
    assert parse("  ?! () * ") == Terms((), prefix=False)


def test_the_engines_get_quoted_words_only() -> None:
    terms = parse('logo" OR tokens:x')
    assert fts5_match(terms, None) == '{title body} : ("logo" AND "or" AND "tokens" AND "x")'
    assert tsquery(parse("logo ba"), ["sabc"]) == "'logo':AB & 'ba':*AB & ('sabc':D)"


@given(st.text(max_size=200))
def test_any_text_parses_to_safe_words(text: str) -> None:
    try:
        terms = parse(text)
    except Exception as exc:  # only the reasoned refusal
        assert "10 words" in str(exc)
        return
    for word in terms.words:
        assert word.isalnum()
        assert '"' not in word and "'" not in word


def test_a_snippet_marks_the_words_and_escapes_the_rest() -> None:
    html = snippet("A zephyr of <b>summer</b> & fun.", parse("summer"))
    assert html == "A zephyr of &lt;b&gt;<mark>summer</mark>&lt;/b&gt; &amp; fun."


def test_markers_in_the_text_cannot_forge_a_mark() -> None:
    html = highlight("x\x02<script>\x03 logo", parse("logo"))
    assert html == "x&lt;script&gt; <mark>logo</mark>"


def test_prefixes_and_accents_are_marked_as_the_index_matches_them() -> None:
    assert highlight("Café crème", parse("cafe cr")) == "<mark>Café</mark> <mark>crème</mark>"


def test_a_long_body_is_cut_around_the_first_match() -> None:
    body = "word " * 200 + "needle " + "word " * 200
    html = snippet(body, parse("needle"))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>needle</mark>" in html
    assert len(html) < 260


@given(st.text(max_size=400), st.text(max_size=40))
def test_only_mark_tags_are_ever_html(body: str, typed: str) -> None:
    try:
        terms = parse(typed)
    except Exception:
        return
    html = str(snippet(body, terms)).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in html and ">" not in html
