"""Logo images: checked by what they are and by their pixel count, read from the header
before anything is decoded, and shrunk once on upload to the copy pages and PDFs use."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageFile, UnidentifiedImageError

from accord.core.errors import InvalidInput
from accord.core.previews import MAX_JPEG_SCANS, shrunk_png, too_many_scans

LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
NOT_AN_IMAGE = "The logo must be a PNG, JPEG, WebP or GIF image."
UNREADABLE = (
    "The logo is a {kind} image that could not be read to the end (it may be damaged, or use a "
    "colour format we cannot show). Save it again as an ordinary PNG or JPEG and upload it again."
)
# The longest side of the copy shown on pages and printed in PDFs.
DISPLAY_SIZE = 512
# A progressive JPEG decodes every scan over the whole image: a normal one has about ten, a
# hostile one thousands in a few hundred KB (minutes of work): see `previews.too_many_scans`.
# Pillow refuses (rather than warns about) anything past this when it opens a file, even
# outside the logo check: no image anywhere in Accord decodes to more than ~1 GB.
Image.MAX_IMAGE_PIXELS = 128_000_000


@dataclass(frozen=True)
class CheckedLogo:
    extension: str  # of the original: png, jpg, webp or gif
    width: int
    height: int
    display: ContentFile  # a PNG at most DISPLAY_SIZE pixels on its longer side


def _refuse_large(width: int, height: int) -> None:
    limit = settings.LOGO_MAX_PIXELS
    if width * height > limit:
        raise InvalidInput(
            f"The logo is {width:,}×{height:,} pixels; a logo may have at most "
            f"{limit / 1_000_000:.1f} million pixels (e.g. {_side(limit):,}×{_side(limit):,}). "
            "Save it smaller and upload it again.",
            field="logo",
        )


def _refuse_many_scans(upload: UploadedFile) -> None:
    upload.seek(0)
    content = upload.read()  # at most LOGO_MAX_BYTES, checked before
    scans = too_many_scans(content)
    if scans:
        raise InvalidInput(
            f"The logo is a JPEG of {scans:,} scans; a logo may have at most {MAX_JPEG_SCANS}. "
            "Save it again as an ordinary (baseline) JPEG or a PNG and upload it again.",
            field="logo",
        )


def _side(pixels: int) -> int:
    return int(pixels**0.5)


def check_logo(upload: UploadedFile) -> CheckedLogo:
    """Refuse anything that is not a real PNG, JPEG, WebP or GIF within the size and pixel
    limits; the pixel count comes from the header, so a small file that would decode to a
    huge image is refused without being decoded. Returns the display copy, made once here."""
    limit = settings.LOGO_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise InvalidInput(f"The logo must be at most {filesizeformat(limit)}.", field="logo")
    _refuse_many_scans(upload)
    try:
        upload.seek(0)
        # Only the four formats' readers are tried: no other decoder ever sees the bytes.
        with Image.open(upload, formats=list(LOGO_FORMATS)) as image:  # lazy: reads the header only
            kind, (width, height) = image.format or "", image.size
            if kind not in LOGO_FORMATS:
                raise InvalidInput(NOT_AN_IMAGE, field="logo")
            _refuse_large(width, height)
            # Decoding the whole image once, for the display copy, also proves it is whole:
            # a truncated or corrupt file fails here (no separate verify() pass).
            try:
                display = _display_copy(image)
            except (OSError, SyntaxError, ValueError) as exc:
                raise InvalidInput(UNREADABLE.format(kind=kind), field="logo") from exc
    except Image.DecompressionBombError as exc:  # past even Pillow's own limit
        raise InvalidInput(
            f"The logo has far more than {settings.LOGO_MAX_PIXELS / 1_000_000:.1f} million "
            "pixels. Save it smaller and upload it again.",
            field="logo",
        ) from exc
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise InvalidInput(NOT_AN_IMAGE, field="logo") from exc
    finally:
        upload.seek(0)
    return CheckedLogo(LOGO_FORMATS[kind], width, height, display)


def _display_copy(image: Image.Image) -> ContentFile:
    image.draft("RGB", (DISPLAY_SIZE, DISPLAY_SIZE))  # JPEG: decode at a fraction of the size
    # WeasyPrint, once imported, tells Pillow to accept truncated files process-wide: a logo
    # is checked whole whichever modules this process has loaded.
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return ContentFile(shrunk_png(image, DISPLAY_SIZE), name="logo.png")
