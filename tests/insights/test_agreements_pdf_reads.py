"""Asking for the record's PDF reads no more of each entry than it prints: the first
characters of each summary, in one query, and the HTML is the same as from the whole text."""

import dataclasses
import re

import pytest
from django.db import connection
from hypothesis import example, given
from hypothesis import strategies as st

from accord.insights import pdf_agreements
from accord.insights.models import Agreement, AgreementsPdf
from accord.insights.services.agreements import bounded
from tests.insights.agreements_data import approvals

LIMIT = pdf_agreements.PRINTED_SUMMARY
READ = pdf_agreements.READ_SUMMARY
SUMMARIES = [
    "Agreed.",
    "a" * LIMIT,
    "a" * (LIMIT + 1),
    ("Launch moves to 14 April.\n" * 400).strip(),
    "é😀" * 1_500,  # characters, not bytes, are counted in the database as here
    "z" * 2_050 + "\n" + "z" * 100,
    "x" * 1_990 + " " * 500 + "y",  # blanks past what is read, then more: read whole
    " " * 3_000 + "Agreed.",  # blanks before it (not as Accord writes them): read whole
    "Agreed." + " \n" * 2_000,
    ("Word " * 4_000).strip(),
]
UNCLEAR = 3  # the last three but one begin or end with more blanks than the margin


def _as_before(summary: str) -> str:
    """The summary as printed when the whole of it was read."""
    return bounded(summary, limit=LIMIT, rest=pdf_agreements.REST)


def _entries(world, summaries: list[str]) -> dict[str, str]:
    """Acme's entries with these summaries, newest first; the summaries by SHA-256."""
    approvals(world.acme, summaries)
    return {f"{n:064x}": summary for n, summary in enumerate(summaries)}


@pytest.fixture
def long_entries(world) -> dict[str, str]:
    return _entries(world, SUMMARIES)


def test_the_printed_html_is_the_same_as_from_the_whole_summaries(world, long_entries):
    record = pdf_agreements.printed(world.acme)
    assert len(record.entries) == len(SUMMARIES)
    before = dataclasses.replace(
        record,
        entries=[
            dataclasses.replace(e, summary=_as_before(long_entries[e.sha256]))
            for e in record.entries
        ],
    )
    assert [e.summary for e in record.entries] == [e.summary for e in before.entries]
    html = pdf_agreements.pdf_source(world.acme, record)
    assert html == pdf_agreements.pdf_source(world.acme, before)
    assert "Launch moves to 14 April." in html and "the whole text is in Accord" in html


def test_summaries_are_read_only_as_far_as_they_print(
    world, long_entries, django_assert_max_num_queries
):
    # Those whose first characters cannot tell are read whole, in one more query.
    with django_assert_max_num_queries(2) as queries:
        pdf_agreements.printed(world.acme)
    first, whole = (q["sql"] for q in queries.captured_queries)
    column = '"insights_agreement"."summary"'
    head = re.compile(rf"SUBSTR(ING)?\({re.escape(column)}, 1, {READ}\)")  # SQLite, PostgreSQL
    assert first.count(column) == len(head.findall(first)) == 1
    assert whole.count(column) == 1 and "SUBSTR" not in whole
    Agreement.objects.filter(summary__in=SUMMARIES[-1 - UNCLEAR : -1]).delete()
    with django_assert_max_num_queries(1):
        pdf_agreements.printed(world.acme)


def test_many_long_entries_are_read_in_one_query(world, django_assert_max_num_queries):
    _entries(world, [("Agreed, line by line.\n" * 900).strip()] * 60)
    with django_assert_max_num_queries(1):
        record = pdf_agreements.printed(world.acme)
    assert len(record.entries) == 60
    assert all(len(e.summary) <= LIMIT for e in record.entries)


PIECES = st.sampled_from(["a", "word ", " ", "\n", "é", "😀", "\t"])
TEXTS = st.lists(st.tuples(PIECES, st.integers(0, 1_200)), max_size=8).map(
    lambda runs: "".join(piece * times for piece, times in runs)
)


@given(TEXTS)
@example("a" * 10 + " " * (READ - 10))  # exactly as long as what is read: it may go on
@example("a" * 10 + " " * (READ - 11))
def test_the_first_characters_print_as_the_whole_or_say_they_cannot_tell(text):
    printed = pdf_agreements.printed_summary(text[:READ])
    assert printed in (None, _as_before(text))
    if len(text) < READ:  # shorter than what is read, so read whole: always told
        assert printed == _as_before(text)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.django_db
def test_record_pdf_files_are_looked_up_by_name_through_the_index():
    names = ["agreements/1/pdf/a.pdf", "agreements/2/pdf/b.pdf"]
    plan = AgreementsPdf.objects.filter(file__in=names).values_list("file", flat=True).explain()
    assert "agreements_pdf_file" in plan
