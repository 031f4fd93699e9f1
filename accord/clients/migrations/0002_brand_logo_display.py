import io
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import migrations, models

import accord.clients.models

DISPLAY_SIZE = 512
MAX_JPEG_SCANS = 40  # as accord.clients.images: more scans cost minutes to decode


def shrink_existing_logos(apps, schema_editor):
    """The display copy of every logo already stored, within the pixel limit; a logo past it
    gets none, so it is shown and printed nowhere until someone uploads a smaller one."""
    from PIL import Image, ImageOps

    BrandProfile = apps.get_model("clients", "BrandProfile")
    for brand in BrandProfile.objects.exclude(logo="").filter(logo_display=""):
        try:
            with brand.logo.open("rb") as handle:
                content = handle.read(settings.LOGO_MAX_BYTES + 1)
            if len(content) > settings.LOGO_MAX_BYTES:
                continue
            if content[:2] == b"\xff\xd8" and content.count(b"\xff\xda") > MAX_JPEG_SCANS:
                continue
            formats = ["PNG", "JPEG", "WEBP", "GIF"]
            with Image.open(io.BytesIO(content), formats=formats) as image:
                width, height = image.size
                if width * height > settings.LOGO_MAX_PIXELS:
                    continue
                image.draft("RGB", (DISPLAY_SIZE, DISPLAY_SIZE))
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "RGBA"):
                    image = image.convert("RGBA")
                image.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            continue
        name = f"logos/{uuid.uuid4().hex}.png"
        brand.logo_display.save(name, ContentFile(buffer.getvalue()), save=False)
        brand.save(update_fields=["logo_display"])


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="brandprofile",
            name="logo_display",
            field=models.ImageField(blank=True, upload_to=accord.clients.models.logo_path),
        ),
        migrations.RunPython(shrink_existing_logos, migrations.RunPython.noop),
    ]
