"""Uploads on S3-compatible storage, against a real S3 HTTP server on loopback (moto's server).

The settings are the production ones (`accord/settings.py` read with `ACCORD_STORAGE=s3`), the
files travel over HTTP, and downloads still pass Accord's access checks."""

import io
import runpy
import socket
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer
from PIL import Image

from accord.accounts.services import create_api_token
from accord.clients import services as clients
from accord.clients.models import BrandProfile
from accord.core.uploads import STORE_DOWN
from accord.intake.models import Attachment, BriefPdf, Request
from accord.intake.services import pdfs
from tests.intake.view_helpers import PDF, pdf_file, signed_brief, url
from tests.test_settings import REPO, _env, _run

KEYS = {"ACCORD_S3_ACCESS_KEY_ID": "accord-test", "ACCORD_S3_SECRET_ACCESS_KEY": "not-a-secret"}
REGION = "eu-west-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """moto's S3 server on a free loopback port, for this module."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _storage_settings(monkeypatch: pytest.MonkeyPatch, endpoint: str, bucket: str) -> Any:
    """The `default` storage exactly as production's settings build it from the environment."""
    env = {
        "ACCORD_STORAGE": "s3",
        "ACCORD_S3_BUCKET": bucket,
        "ACCORD_S3_ENDPOINT_URL": endpoint,
        "ACCORD_S3_REGION": REGION,
        **KEYS,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "accord" / "settings.py"))["STORAGES"]["default"]


class Bucket:
    def __init__(self, endpoint: str, name: str) -> None:
        self.name = name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=KEYS["ACCORD_S3_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["ACCORD_S3_SECRET_ACCESS_KEY"],
        )

    def stored(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, request, tmp_path) -> Bucket:
    """A fresh, empty bucket that Accord's default storage now writes to; local media is an
    empty folder, to show nothing lands there."""
    name = f"accord-{request.node.name[:30].lower().replace('_', '-')}-{id(request) % 10**6}"
    made = Bucket(s3_server, name)
    made.client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _storage_settings(monkeypatch, s3_server, name),
    }
    return made


@pytest.fixture
def store_down(bucket, settings, monkeypatch) -> None:
    """The same settings pointed at a port where nothing answers: the store is down."""
    closed = f"http://127.0.0.1:{_free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _storage_settings(monkeypatch, closed, bucket.name),
    }


def _png(size: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def _nothing_local(settings) -> bool:
    root = Path(settings.MEDIA_ROOT)
    return not root.exists() or not any(p.is_file() for p in root.rglob("*"))


# --- Request attachments ---------------------------------------------------------------------


def _portal_request(http: HttpClient, world, files: list[SimpleUploadedFile]):
    return http.post(
        url("request_create"),
        {
            "client": world.acme.pk,
            "title": "Spring launch posts",
            "what": "Posts for the plant-based launch.",
            "needed_by": (timezone.localdate() + timedelta(days=40)).isoformat(),
            "attachments": files,
        },
    )


def test_a_clients_attachment_goes_to_the_bucket_and_comes_back_only_to_its_readers(
    client, world, bucket, settings
):
    client.force_login(world.carol)
    response = _portal_request(client, world, [pdf_file("store-list.pdf")])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert bucket.stored() == [attachment.file.name]
    assert bucket.read(attachment.file.name) == PDF
    assert _nothing_local(settings)

    for reader in (world.carol, world.alice):
        client.force_login(reader)
        download = client.get(url("attachment", attachment_id=attachment.pk))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert download["Cache-Control"] == "private, no-store"
        assert 'attachment; filename="store-list.pdf"' in download["Content-Disposition"]
    for outsider in (world.gus, world.max):
        client.force_login(outsider)
        assert client.get(url("attachment", attachment_id=attachment.pk)).status_code == 404


def test_the_api_hands_out_the_attachment_from_the_bucket_after_the_access_check(world, bucket):
    from tests.intake.view_helpers import new_request

    attachment = new_request(world).attachments.get()
    assert bucket.stored() == [attachment.file.name]
    address = f"/api/v1/attachments/{attachment.pk}"
    for person, status in ((world.carol, 200), (world.alice, 200), (world.gus, 404)):
        _, token = create_api_token(user=person, name="s3")
        answer = HttpClient().get(address, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == status
        if status == 200:
            assert b"".join(answer.streaming_content) == PDF


def _api_upload(person, request_id: int) -> tuple[Any, str]:
    """`menu.pdf` added to a request through the API, as `person`; the answer and the token."""
    _, token = create_api_token(user=person, name="s3")
    answer = HttpClient().post(
        f"/api/v1/requests/{request_id}/attachments",
        {"attachments": [pdf_file("menu.pdf")]},
        headers={"Authorization": f"Bearer {token}"},
    )
    return answer, token


def test_a_client_adds_a_file_through_the_api_into_the_bucket(world, bucket, settings):
    from tests.intake.view_helpers import new_request

    request = new_request(world)
    answer, token = _api_upload(world.carol, request.pk)
    assert answer.status_code == 201
    added = request.attachments.get(original_name="menu.pdf")
    assert added.file.name in bucket.stored() and len(bucket.stored()) == 2
    assert _nothing_local(settings)
    download = HttpClient().get(
        f"/api/v1/attachments/{added.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert b"".join(download.streaming_content) == PDF


def test_an_s3_outage_during_an_api_upload_is_a_503_with_a_reason(world, bucket, store_down):
    from accord.intake.models import Request as IntakeRequest

    request = IntakeRequest.objects.create(
        client=world.acme, title="Menu", what="A menu.", requested_by=world.carol
    )
    answer, _ = _api_upload(world.carol, request.pk)
    assert answer.status_code == 503
    assert answer.json() == {"detail": STORE_DOWN, "field": "attachments"}
    assert not Attachment.objects.exists()


def test_the_bucket_keeps_attachments_private(world, bucket):
    from tests.intake.view_helpers import new_request

    attachment = new_request(world).attachments.get()
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=attachment.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    # If anything ever asks the storage for an address, it is signed and short-lived.
    address = attachment.file.url
    assert "X-Amz-Signature=" in address and "X-Amz-Expires=60" in address


def test_an_s3_outage_during_a_request_keeps_the_form_and_stores_nothing(
    client, world, store_down, settings
):
    client.force_login(world.carol)
    response = _portal_request(client, world, [pdf_file("store-list.pdf")])
    assert response.status_code == 503
    assert STORE_DOWN in response.text
    assert 'value="Spring launch posts"' in response.text
    assert "Posts for the plant-based launch." in response.text
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()
    assert _nothing_local(settings)


def test_a_second_file_failing_takes_the_first_back_out_of_the_bucket(world, bucket, monkeypatch):
    from storages.backends.s3 import S3Storage

    saved: list[str] = []
    real_save = S3Storage._save

    def save_once_then_fail(storage, name, content):  # the store dies mid-way
        if saved:
            raise ConnectionResetError("Connection reset by peer")
        saved.append(real_save(storage, name, content))
        return saved[-1]

    monkeypatch.setattr(S3Storage, "_save", save_once_then_fail)
    from accord.core.errors import Unavailable
    from accord.intake import services

    with pytest.raises(Unavailable) as refused:
        services.submit_request(
            by=world.carol,
            client=world.acme,
            title="Two files",
            what="Posts for the plant-based launch.",
            attachments=[pdf_file("one.pdf"), pdf_file("two.pdf")],
        )
    assert refused.value.field == "attachments" and refused.value.status == 503
    assert len(saved) == 1
    assert bucket.stored() == []
    assert not Request.objects.exists()


# --- Client logos ------------------------------------------------------------------------------


def test_a_logo_is_stored_in_the_bucket_and_served_only_to_those_who_see_the_client(
    client, world, bucket, settings
):
    client.force_login(world.alice)
    response = client.post(
        reverse("clients:brand", kwargs={"client_id": world.acme.pk}),
        {"voice_and_tone": "Warm.", "logo": SimpleUploadedFile("acme.png", _png())},
    )
    assert response.status_code == 302
    brand = BrandProfile.objects.get(client=world.acme)
    assert bucket.stored() == sorted([brand.logo.name, brand.logo_display.name])
    assert _nothing_local(settings)
    shown = bucket.read(brand.logo_display.name)
    for reader in (world.alice, world.carol):
        client.force_login(reader)
        logo = client.get(reverse("clients:logo", kwargs={"client_id": world.acme.pk}))
        assert logo.status_code == 200
        assert b"".join(logo.streaming_content) == shown
    client.force_login(world.gus)
    assert (
        client.get(reverse("clients:logo", kwargs={"client_id": world.acme.pk})).status_code == 404
    )


def test_an_s3_outage_during_a_logo_upload_keeps_the_old_logo_and_the_text(
    client, world, bucket, settings, monkeypatch
):
    old = clients.update_brand(
        by=world.alice, client=world.acme, logo=SimpleUploadedFile("old.png", _png())
    )
    old_names = (old.logo.name, old.logo_display.name)
    closed = f"http://127.0.0.1:{_free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _storage_settings(monkeypatch, closed, bucket.name),
    }
    client.force_login(world.alice)
    response = client.post(
        reverse("clients:brand", kwargs={"client_id": world.acme.pk}),
        {"voice_and_tone": "Bolder, still warm.", "logo": SimpleUploadedFile("new.png", _png(80))},
    )
    assert response.status_code == 503
    assert "The file store is not answering" in response.text
    assert "Bolder, still warm." in response.text
    brand = BrandProfile.objects.get(client=world.acme)
    assert (brand.logo.name, brand.logo_display.name) == old_names
    assert brand.voice_and_tone != "Bolder, still warm."
    assert sorted(bucket.stored()) == sorted(old_names)


def test_an_s3_outage_during_a_download_is_a_503_not_a_500(
    client, world, bucket, settings, monkeypatch
):
    from tests.intake.view_helpers import new_request

    attachment = new_request(world).attachments.get()
    closed = f"http://127.0.0.1:{_free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _storage_settings(monkeypatch, closed, bucket.name),
    }
    client.force_login(world.carol)
    response = client.get(url("attachment", attachment_id=attachment.pk))
    assert response.status_code == 503
    assert "The file store is not answering" in response.text
    _, token = create_api_token(user=world.carol, name="s3")
    answer = HttpClient().get(
        f"/api/v1/attachments/{attachment.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 503
    assert "not answering" in answer.json()["detail"]


# --- The worker's brief PDFs ---------------------------------------------------------------------


def _weasyprint_or_skip() -> None:
    from accord.intake import pdf

    try:
        pdf._weasyprint()
    except pdf.PdfUnavailable:
        pytest.skip("WeasyPrint cannot load its system libraries (Pango) here.")


def test_the_worker_stores_a_brief_pdf_in_the_bucket(client, world, bucket, settings):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    made = pdfs.requested_pdf(brief=brief, reader=world.carol)  # tests run tasks at once
    made.refresh_from_db()
    assert made.state == BriefPdf.State.READY
    assert made.file.name in bucket.stored()
    assert _nothing_local(settings)
    client.force_login(world.carol)
    download = client.get(url("brief_pdf", brief_id=brief.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == bucket.read(made.file.name)


def test_a_pdf_the_store_refuses_is_failed_with_a_reason_and_asked_for_again(world, store_down):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    made = pdfs.requested_pdf(brief=brief, reader=world.carol)
    made.refresh_from_db()
    assert made.state == BriefPdf.State.FAILED
    assert made.error == pdfs.COULD_NOT_STORE
    assert not made.file


# --- Settings -------------------------------------------------------------------------------------


def _s3_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    return _env(
        tmp_path,
        ACCORD_STORAGE="s3",
        ACCORD_S3_BUCKET="accord-files",
        ACCORD_S3_ENDPOINT_URL="https://s3.eu-west-1.amazonaws.com",
        ACCORD_S3_REGION=REGION,
        **KEYS,
        **overrides,
    )


@pytest.mark.parametrize(
    "missing", ["ACCORD_S3_BUCKET", "ACCORD_S3_ENDPOINT_URL", "ACCORD_S3_SECRET_ACCESS_KEY"]
)
def test_an_incomplete_s3_configuration_is_refused_naming_what_is_missing(tmp_path, missing):
    env = _s3_env(tmp_path)
    del env[missing]
    result = _run([sys.executable, "-c", "import accord.settings"], env)
    assert result.returncode != 0
    assert f"ACCORD_STORAGE=s3 needs {missing}" in result.stderr


def test_an_unknown_storage_is_refused(tmp_path):
    result = _run(
        [sys.executable, "-c", "import accord.settings"], _env(tmp_path, ACCORD_STORAGE="s4")
    )
    assert result.returncode != 0
    assert "ACCORD_STORAGE must be local or s3, not 's4'" in result.stderr


def test_production_with_s3_passes_the_deploy_check(tmp_path):
    env = _s3_env(tmp_path)
    accord = [sys.executable, "-m", "accord.cli"]
    steps = [["collectstatic", "--noinput"], ["check", "--deploy", "--fail-level", "WARNING"]]
    results = [_run(accord + step, env) for step in steps]
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert "no issues" in results[-1].stdout
    shown = _run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from django.core.files.storage import storages\n"
            "s = storages['default']\n"
            "print(type(s).__name__, s.bucket_name, s.default_acl, s.file_overwrite)",
        ],
        env,
    )
    assert shown.stdout.split() == ["S3Storage", "accord-files", "None", "False"], shown.stderr
