"""Versions of a deliverable: one of a file, copy or a link, fingerprinted; copy made safe;
the limits; and which deliverables take new versions at all."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.errors import IllegalTransition, InvalidInput
from accord.core.models import Event
from accord.reviews import copy
from accord.reviews.models import Version
from accord.reviews.services import versions
from accord.work.models import Deliverable, Job

from .helpers import chain_intact, status_of
from .review_data import banner_job, pdf, png, upload


@pytest.fixture
def banner(world):
    return banner_job(world)


def _add(world, banner, **given):
    return versions.add_version(by=world.dan, deliverable=banner, **given)


def test_a_file_version_is_numbered_and_fingerprinted(world, banner):
    file = png()
    expected = hashlib.sha256(file.read()).hexdigest()
    file.seek(0)
    v1 = upload(world, banner, file, note="  First cut ")
    assert (v1.number, v1.kind, v1.sha256, v1.note) == (1, "image", expected, "First cut")
    assert v1.content_type == "image/png" and v1.size == file.size
    assert v1.preview_state == "pending"
    assert upload(world, banner, pdf()).number == 2
    added = Event.objects.filter(verb="version.added").order_by("id").last()
    assert added.data["number"] == 2 and added.data["kind"] == "pdf"
    assert chain_intact()


def test_a_new_version_starts_production(world, banner):
    assert status_of(banner) == "not_started"
    upload(world, banner)
    assert status_of(banner) == "in_production"


def test_copy_is_sanitised(world, banner):
    version = _add(
        world,
        banner,
        copy_text='<p onclick="steal()">Fresh <a href="javascript:alert(1)">bread</a> daily</p>'
        '<script>alert("x")</script><p><a href="https://acme.test">Shop</a></p>',
    )
    assert version.kind == "copy"
    for unsafe in ("script", "onclick", "javascript:", "alert"):
        assert unsafe not in version.copy_html
    assert '<a href="https://acme.test" rel="noopener noreferrer">Shop</a>' in version.copy_html
    assert version.copy_text == "Fresh bread daily\nShop"
    assert version.sha256 == hashlib.sha256(version.copy_html.encode()).hexdigest()
    assert version.preview_state == "none"


def test_plain_text_copy_becomes_paragraphs(world, banner):
    version = _add(world, banner, copy_text="Bread & butter\nevery day.\n\n\nFrom 6 < 7 am.")
    assert version.copy_html == "<p>Bread &amp; butter<br>every day.</p><p>From 6 &lt; 7 am.</p>"
    assert version.copy_text == "Bread & butter\nevery day.\nFrom 6 < 7 am."


def test_markup_in_plain_text_is_shown_not_run(world, banner):
    version = _add(world, banner, copy_text='Say <script>alert("x")</script> here')
    assert "<script" not in version.copy_html
    assert "&lt;script&gt;" in version.copy_html


def test_copy_needs_words(world, banner):
    with pytest.raises(InvalidInput, match="no words"):
        _add(world, banner, copy_text="<p><script>alert(1)</script></p>")
    with pytest.raises(InvalidInput, match="Copy can be up to 50,000 characters"):
        _add(world, banner, copy_text="word " * 10_001)


def test_copy_plain_reads_block_ends_as_lines():
    safe = copy.sanitised("<h2>Title</h2><ul><li>One</li><li>Two</li></ul><p>End</p>")
    assert copy.plain(safe) == "Title\nOne\nTwo\nEnd"


def test_a_link_version(world, banner):
    version = _add(world, banner, link_url=" https://acme.test/preview?v=2 ")
    assert version.kind == "link" and version.link_url == "https://acme.test/preview?v=2"
    assert version.sha256 == hashlib.sha256(b"https://acme.test/preview?v=2").hexdigest()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://acme.test/file", "acme.test/preview", "https://"]
)
def test_links_are_http_or_https(world, banner, url):
    with pytest.raises(InvalidInput, match="starting with https://") as refused:
        _add(world, banner, link_url=url)
    assert refused.value.field == "link_url"
    assert not Version.objects.exists()


def test_a_link_has_a_length_limit(world, banner):
    with pytest.raises(InvalidInput, match="too long"):
        _add(world, banner, link_url="https://acme.test/" + "a" * 2_000)


@pytest.mark.parametrize(
    "given",
    [
        {},
        {"copy_text": "   ", "link_url": " "},
        {"copy_text": "Words", "link_url": "https://acme.test"},
        {"upload": png(), "copy_text": "Words"},
        {"upload": png(), "link_url": "https://acme.test"},
    ],
)
def test_exactly_one_of_a_file_copy_or_link(world, banner, given):
    with pytest.raises(InvalidInput, match="Give one of a file, the copy or a link"):
        _add(world, banner, **given)


def test_a_note_has_a_limit(world, banner):
    with pytest.raises(InvalidInput, match="Keep the note under 2,000"):
        _add(world, banner, link_url="https://acme.test", note="x" * 2_001)


def test_a_deliverable_keeps_a_bounded_number_of_versions(world, banner):
    Version.objects.bulk_create(
        Version(deliverable=banner, client=world.acme, number=n, kind="link", sha256="0" * 64)
        for n in range(1, versions.MAX_VERSIONS + 1)
    )
    with pytest.raises(InvalidInput, match="200 versions at most"):
        _add(world, banner, link_url="https://acme.test")


@pytest.mark.parametrize("status", ["delivered", "published", "cancelled", "on_hold"])
def test_a_finished_or_stopped_deliverable_takes_no_versions(world, banner, status):
    Deliverable.objects.filter(pk=banner.pk).update(status=status)
    with pytest.raises(IllegalTransition, match="it takes no new versions"):
        upload(world, banner)
    assert not Version.objects.exists()


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_a_finished_job_takes_no_versions(world, banner, status):
    Job.objects.filter(pk=banner.job_id).update(status=status)
    with pytest.raises(IllegalTransition, match="its work no longer changes"):
        upload(world, banner)


def test_a_bad_file_is_refused_with_its_name(world, banner):
    with pytest.raises(InvalidInput, match=r"“notes\.txt” is not a file type we review"):
        upload(world, banner, SimpleUploadedFile("notes.txt", b"just words", "text/plain"))
