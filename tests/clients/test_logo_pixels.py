"""Logos are bounded by pixel count, not only by bytes, and shown from a small copy; the
brand profile's other fields are bounded too."""

import io
import struct
import zlib
from functools import cache

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accord.clients import images, services
from accord.clients.models import BrandProfile
from accord.core.errors import InvalidInput
from accord.intake.models import Brief


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@cache
def _png(width: int, height: int) -> bytes:
    """A real one-bit PNG: a few KB on disk however many pixels it holds."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _bomb_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width`×`height` and whose data is a few bytes: decoding it
    would be the attack; reading its header is all the check may do."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def _upload(content: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_a_small_file_of_9400_by_9400_pixels_is_refused(alice, acme):
    content = _png(9400, 9400)
    assert len(content) < 30_000  # small in bytes: the byte limit alone lets it through
    with pytest.raises(InvalidInput, match="9,400×9,400 pixels") as caught:
        services.update_brand(by=alice, client=acme, logo=_upload(content))
    assert caught.value.field == "logo"
    assert not BrandProfile.objects.filter(client=acme).exclude(logo="").exists()


def test_a_header_claiming_a_huge_image_is_refused_before_decoding(alice, acme):
    with pytest.raises(InvalidInput, match="million pixels"):
        services.update_brand(by=alice, client=acme, logo=_upload(_bomb_header(60_000, 60_000)))


def test_beyond_pillows_own_bomb_limit_is_a_clear_refusal_not_an_error(alice, acme, settings):
    settings.LOGO_MAX_PIXELS = 10**12  # even with our limit out of the way, Pillow's holds
    with pytest.raises(InvalidInput, match="far more than"):
        services.update_brand(by=alice, client=acme, logo=_upload(_bomb_header(60_000, 60_000)))


def test_a_logo_at_the_pixel_limit_is_accepted_and_shrunk_once(alice, acme, settings):
    side = int(settings.LOGO_MAX_PIXELS**0.5)
    brand = services.update_brand(by=alice, client=acme, logo=_image_upload(side, side // 2))
    with Image.open(brand.logo.path) as original:
        assert original.size == (side, side // 2)
    with Image.open(brand.logo_display.path) as shown:
        assert shown.format == "PNG"
        assert shown.size == (images.DISPLAY_SIZE, images.DISPLAY_SIZE // 2)


def test_a_small_logo_is_not_enlarged(alice, acme):
    brand = services.update_brand(by=alice, client=acme, logo=_image_upload(40, 20))
    with Image.open(brand.logo_display.path) as shown:
        assert shown.size == (40, 20)


def test_pages_and_the_api_serve_the_small_copy(client, alice, acme):
    services.update_brand(by=alice, client=acme, logo=_image_upload(2000, 1000, fmt="JPEG"))
    client.force_login(alice)
    for address in (
        reverse("clients:logo", kwargs={"client_id": acme.pk}),
        f"/api/v1/clients/{acme.pk}/logo",
    ):
        response = client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as shown:
            assert max(shown.size) == images.DISPLAY_SIZE


def test_the_brief_pdf_prints_the_small_copy(world):
    from accord.intake import pdf
    from tests.intake.view_helpers import draft_brief

    brand = services.update_brand(by=world.alice, client=world.acme, logo=_image_upload(3000, 3000))
    brief = Brief.objects.get(pk=draft_brief(world).pk)
    source = pdf.pdf_source(brief=brief, show_internal=False)
    assert brand.logo_display.name in source and brand.logo.name not in source
    printed = pdf._read_media(brand.logo_display.name)
    assert printed is not None
    with Image.open(io.BytesIO(printed)) as image:
        assert image.size == (images.DISPLAY_SIZE, images.DISPLAY_SIZE)


def test_the_brand_form_says_why_a_huge_logo_is_refused(client, alice, acme):
    client.force_login(alice)
    response = client.post(
        reverse("clients:brand", kwargs={"client_id": acme.pk}),
        {"voice_and_tone": "Cheerful.", "logo": _upload(_png(9400, 9400))},
    )
    assert response.status_code == 422
    assert "9,400×9,400 pixels" in response.text
    assert not BrandProfile.objects.filter(client=acme).exclude(logo="").exists()


def _image_upload(width: int, height: int, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue())


# --- The brand's repeated fields are bounded as in the API -----------------------------------


TOO_MUCH = {
    "dos": ("\n".join(f"Rule {n}" for n in range(services.MAX_RULES + 1)), "at most 50"),
    "donts": ("x" * (services.MAX_RULE + 1), "under 500 characters"),
    "voice_and_tone": ("v" * (services.MAX_VOICE + 1), "under 5,000 characters"),
}


@pytest.mark.parametrize("field", sorted(TOO_MUCH))
def test_brand_text_is_bounded_on_the_web_as_in_the_api(client, alice, acme, field):
    value, message = TOO_MUCH[field]
    client.force_login(alice)
    response = client.post(reverse("clients:brand", kwargs={"client_id": acme.pk}), {field: value})
    assert response.status_code == 422
    assert message in response.text


# --- A progressive JPEG's scans are counted before anything is decoded ------------------------


def _scan_bomb(scans: int) -> bytes:
    """A small progressive JPEG with its last scan repeated: each scan is decoded over the
    whole image, so thousands of them cost minutes in a file of a few hundred KB."""
    buffer = io.BytesIO()
    Image.new("RGB", (1024, 1024), (128, 128, 128)).save(
        buffer, format="JPEG", progressive=True, quality=90
    )
    content = buffer.getvalue()
    last = content[content.rindex(b"\xff\xda") : -2]
    extra = scans - content.count(b"\xff\xda")
    return content[:-2] + last * extra + content[-2:]


def test_a_progressive_jpeg_with_thousands_of_scans_is_refused_before_decoding(alice, acme):
    content = _scan_bomb(3000)
    assert len(content) < 2_000_000
    with pytest.raises(InvalidInput, match="3,000 scans") as caught:
        services.update_brand(by=alice, client=acme, logo=_upload(content, "logo.jpg"))
    assert caught.value.field == "logo"
    assert not BrandProfile.objects.filter(client=acme).exclude(logo="").exists()


def test_an_ordinary_progressive_jpeg_is_accepted(alice, acme):
    content = _scan_bomb(images.MAX_JPEG_SCANS)
    services.update_brand(by=alice, client=acme, logo=_upload(content, "logo.jpg"))
    assert BrandProfile.objects.get(client=acme).logo_display


def test_formats_outside_the_four_are_never_opened(alice, acme):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64)).save(buffer, format="TIFF")
    with pytest.raises(InvalidInput, match="PNG, JPEG, WebP or GIF"):
        services.update_brand(by=alice, client=acme, logo=_upload(buffer.getvalue(), "l.tif"))


def test_an_oversized_logo_stored_before_the_limits_is_never_served(client, alice, acme):
    brand, _ = BrandProfile.objects.get_or_create(client=acme)
    brand.logo.save("logo.png", ContentFile(_png(9400, 9400)), save=True)  # no display copy
    client.force_login(alice)
    for address in (
        reverse("clients:logo", kwargs={"client_id": acme.pk}),
        f"/api/v1/clients/{acme.pk}/logo",
    ):
        assert client.get(address).status_code == 404
    assert client.get(f"/api/v1/clients/{acme.pk}").json()["brand"]["logo_url"] is None
    for page in ("clients:detail", "clients:brand"):
        shown = client.get(reverse(page, kwargs={"client_id": acme.pk})).text
        assert "please upload the logo again" in shown
        assert reverse("clients:logo", kwargs={"client_id": acme.pk}) not in shown


def test_a_damaged_image_is_not_called_the_wrong_kind(alice, acme):
    whole = _image_upload(300, 300, fmt="PNG").read()
    with pytest.raises(InvalidInput, match="PNG image that could not be read to the end"):
        services.update_brand(by=alice, client=acme, logo=_upload(whole[: len(whole) // 2]))


def test_the_upgrade_makes_display_copies_but_never_decodes_a_scan_bomb(alice, acme, globex):
    from importlib import import_module

    from django.apps import apps

    upgrade = import_module("accord.clients.migrations.0002_brand_logo_display")
    bomb, _ = BrandProfile.objects.get_or_create(client=acme)
    bomb.logo.save("logo.jpg", ContentFile(_scan_bomb(3000)), save=True)
    fine, _ = BrandProfile.objects.get_or_create(client=globex)
    fine.logo.save("logo.png", ContentFile(_png(1024, 1024)), save=True)
    upgrade.shrink_existing_logos(apps, None)
    bomb.refresh_from_db()
    fine.refresh_from_db()
    assert not bomb.logo_display  # refused from its scan count: shown nowhere
    assert fine.logo_display
