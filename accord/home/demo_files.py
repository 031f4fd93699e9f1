"""Small real files for the demo's requests, drawn with Pillow: a mood board, a product
photo and a one-page spec sheet as a PDF, so thumbnails and downloads have something to show."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


def _upload(name: str, image: Image.Image, kind: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    return SimpleUploadedFile(name, buffer.getvalue())


def mood_board(name: str, colours: tuple[str, ...], words: tuple[str, ...]) -> SimpleUploadedFile:
    """A PNG grid of colour swatches, each with a word: the feel the client is after."""
    image = Image.new("RGB", (960, 640), "#FAFAF7")
    draw = ImageDraw.Draw(image)
    for n, (colour, word) in enumerate(zip(colours, words, strict=False)):
        x, y = 40 + (n % 3) * 300, 40 + (n // 3) * 300
        draw.rounded_rectangle((x, y, x + 280, y + 260), radius=18, fill=colour)
        draw.text((x + 140, y + 130), word, fill="#FFFFFF", anchor="mm", font_size=34)
    return _upload(name, image, "PNG")


def product_photo(name: str, colour: str, label: str) -> SimpleUploadedFile:
    """A JPEG "photo" of a product on a shelf: a jar, its label, the shelf edge."""
    image = Image.new("RGB", (1200, 900), "#E9E4DA")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, 1200, 900), fill="#B08968")
    draw.rounded_rectangle((450, 260, 750, 700), radius=40, fill=colour)
    draw.rectangle((470, 420, 730, 560), fill="#FFFFFF")
    draw.text((600, 490), label, fill="#1B1F2A", anchor="mm", font_size=40)
    return _upload(name, image, "JPEG")


def spec_sheet(name: str, title: str, lines: tuple[str, ...]) -> SimpleUploadedFile:
    """A one-page A4 PDF with a heading and a few lines, as a client would send a spec."""
    page = Image.new("RGB", (1240, 1754), "#FFFFFF")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 180), fill="#1B4332")
    draw.text((100, 90), title, fill="#FFFFFF", anchor="lm", font_size=56)
    for n, line in enumerate(lines):
        draw.text((100, 280 + n * 70), line, fill="#1B1F2A", font_size=36)
    return _upload(name, page, "PDF")
