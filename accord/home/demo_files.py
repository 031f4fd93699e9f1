"""Small real files for the demo, drawn with Pillow: for the requests a mood board, a product
photo and a one-page spec sheet as a PDF; for the reviews feed posts, a recipe card and a
presentation PDF. Thumbnails, previews and downloads have something to show."""

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


def social_post(name: str, headline: str, *, background: str, accent: str) -> SimpleUploadedFile:
    """A 1080×1350 feed post for Acme's plant-based range: a coloured ground, a bowl seen
    from above, leaves, a headline and the call to action."""
    image = Image.new("RGB", (1080, 1350), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((190, 330, 890, 1030), fill="#FFFFFF")  # the bowl
    draw.ellipse((250, 390, 830, 970), fill=accent)
    for n, (x, y) in enumerate(((400, 520), (600, 480), (520, 700), (680, 680), (380, 780))):
        leaf = "#2D6A4F" if n % 2 else "#52B788"
        draw.ellipse((x, y, x + 150, y + 90), fill=leaf)
    draw.ellipse((560, 600, 660, 700), fill="#E76F51")  # a tomato
    draw.text((540, 170), headline, fill="#FFFFFF", anchor="mm", font_size=78)
    draw.text((540, 250), "The new plant-based range", fill="#FFFFFF", anchor="mm", font_size=40)
    draw.rounded_rectangle((340, 1130, 740, 1230), radius=50, fill="#FFFFFF")
    draw.text((540, 1180), "Find it in store", fill=background, anchor="mm", font_size=40)
    draw.text((1020, 1300), "ACME FOODS", fill="#FFFFFF", anchor="rm", font_size=32)
    return _upload(name, image, "PNG")


def recipe_card(name: str, recipe: str, steps: tuple[str, ...]) -> SimpleUploadedFile:
    """An A6 tasting card (1240×1748): a photo block, the recipe, its steps and the allergen
    line at the foot."""
    image = Image.new("RGB", (1240, 1748), "#FFF8EC")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1240, 700), fill="#F4A261")
    draw.ellipse((320, 120, 920, 620), fill="#FFFFFF")
    draw.ellipse((380, 180, 860, 560), fill="#E9C46A")
    draw.text((80, 800), recipe, fill="#264653", font_size=72)
    for n, step in enumerate(steps):
        draw.text((80, 950 + n * 90), f"{n + 1}.  {step}", fill="#1B1F2A", font_size=44)
    draw.line((80, 1560, 1160, 1560), fill="#264653", width=3)
    draw.text((80, 1610), "Contains: soya, mustard.", fill="#264653", font_size=36)
    draw.text((1160, 1610), "acmefoods.test", fill="#264653", anchor="ra", font_size=36)
    return _upload(name, image, "PNG")


def presentation(name: str, title: str, pages: tuple[tuple[str, str], ...]) -> SimpleUploadedFile:
    """A landscape PDF deck, a page per (heading, line): a cover, then each page with a
    coloured artwork panel and a caption, as an agency presents a key visual."""
    palette = ("#0B3C5D", "#328CC1", "#D9B310", "#1D2731")
    images = []
    for n, (heading, line) in enumerate(((title, "Northwind Creative"), *pages)):
        page = Image.new("RGB", (1754, 1240), "#FFFFFF")
        draw = ImageDraw.Draw(page)
        colour = palette[n % len(palette)]
        if n == 0:
            draw.rectangle((0, 0, 1754, 1240), fill=colour)
            draw.text((120, 560), heading, fill="#FFFFFF", font_size=88)
            draw.text((120, 690), line, fill="#FFFFFF", font_size=44)
        else:
            draw.rectangle((120, 120, 1634, 900), fill=colour)
            draw.ellipse((1150, 220, 1550, 620), fill="#FFFFFF")
            draw.rectangle((200, 640, 900, 820), fill="#FFFFFF")
            draw.text((240, 730), "4.19% fixed", fill=colour, anchor="lm", font_size=80)
            draw.text((120, 980), heading, fill="#1D2731", font_size=56)
            draw.text((120, 1070), line, fill="#444444", font_size=36)
            draw.text((1634, 1160), f"{n + 1}", fill="#888888", anchor="rm", font_size=32)
        images.append(page)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return SimpleUploadedFile(name, buffer.getvalue())
