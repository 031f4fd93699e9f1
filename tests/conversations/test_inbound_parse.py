"""Reading emails: the shapes real mail clients send, quoted history and signatures, HTML with
scripts, broken MIME, odd charsets, files large and small, and automatic mail."""

from email.message import EmailMessage

import pytest

from accord.conversations.inbound import parse, text

CAROL = "Carol Acme <carol@acme.test>"


def mail(body: str = "Yes, bigger please.", *, html: str | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = headers.pop("From", CAROL)
    message["To"] = "reply+token@reply.localhost"
    message["Subject"] = headers.pop("Subject", "Re: Logo size")
    message["Message-ID"] = "<c1@acme.test>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message.as_bytes()


def words(body: str) -> str:
    return text.strip_reply(body)


# --- Headers ---------------------------------------------------------------------------------


def test_the_sender_subject_and_ids_are_read():
    found = parse.read(
        mail(In_Reply_To="<n2@accord>", References="<n1@accord> <n2@accord>"),
        mail_from="carol@acme.test",
    )
    assert (found.sender, found.sender_name) == ("carol@acme.test", "Carol Acme")
    assert found.subject == "Re: Logo size"
    assert found.message_id == "<c1@acme.test>"
    assert found.referenced[:2] == ["<n2@accord>", "<n2@accord>"]
    assert "<n1@accord>" in found.referenced
    assert found.automatic is None


def test_the_sender_is_lower_cased_and_an_encoded_name_decoded():
    raw = mail(From="=?utf-8?q?Ren=C3=A9e_M=C3=BCller?= <Renee@ACME.test>")
    found = parse.read(raw, mail_from="renee@acme.test")
    assert (found.sender, found.sender_name) == ("renee@acme.test", "Renée Müller")


# --- Quoted history --------------------------------------------------------------------------

QUOTES = {
    "gmail": "On Mon, 3 Mar 2025 at 10:00, Alice Northwind <alice@northwind.test> wrote:",
    "gmail wrapped": "On Mon, 3 Mar 2025 at 10:00, Alice Northwind <\nalice@northwind.test> wrote:",
    "apple": "On 3 Mar 2025, at 10:00, Alice Northwind <alice@northwind.test> wrote:",
    "thunderbird": "Alice Northwind <alice@northwind.test> wrote:",
    "thunderbird dated": "On 03/03/2025 10:00, Alice Northwind wrote:",
    "french": "Le lun. 3 mars 2025 à 10:00, Alice Northwind <alice@northwind.test> a écrit :",
    "german": "Am 03.03.2025 um 10:00 schrieb Alice Northwind <alice@northwind.test>:",
    "spanish": "El lun, 3 mar 2025 a las 10:00, Alice (<alice@northwind.test>) escribió:",
    "italian": "Il giorno lun 3 mar 2025 alle ore 10:00 Alice <alice@northwind.test> ha scritto:",
    "dutch": "Op ma 3 mrt. 2025 om 10:00 schreef Alice <alice@northwind.test>:",
    "portuguese": "Em seg., 3 de mar. de 2025 às 10:00, Alice <alice@northwind.test> escreveu:",
    "swedish": "Den mån 3 mars 2025 kl 10:00 skrev Alice <alice@northwind.test>:",
    "outlook": (
        "-----Original Message-----\n"
        "From: Alice Northwind\n"
        "Sent: Monday, March 3, 2025 10:00 AM\n"
        "To: Carol\n"
        "Subject: Logo size"
    ),
    "outlook german": (
        "-----Ursprüngliche Nachricht-----\n"
        "Von: Alice\n"
        "Gesendet: Montag, 3. März 2025 10:00\n"
        "An: Carol\n"
        "Betreff: Logo"
    ),
    "outlook web": (
        "________________________________\n"
        "From: Alice Northwind <alice@northwind.test>\n"
        "Sent: Monday, March 3, 2025 10:00\n"
        "To: Carol\n"
        "Subject: Logo size"
    ),
    "outlook bare headers": (
        "From: Alice Northwind <alice@northwind.test>\n"
        "Sent: Monday, March 3, 2025 10:00\n"
        "To: Carol Acme\n"
        "Subject: Logo size"
    ),
    "outlook french": (
        "De : Alice Northwind\nEnvoyé : lundi 3 mars 2025 10:00\nÀ : Carol\nObjet : Logo"
    ),
    "outlook bold": (
        "**From:** Alice Northwind\n"
        "**Sent:** Monday, March 3, 2025\n"
        "**To:** Carol\n"
        "**Subject:** Logo"
    ),
}


@pytest.mark.parametrize("header", QUOTES.values(), ids=QUOTES.keys())
def test_quoted_history_is_taken_off(header):
    history = "> Can the logo be bigger?\n> Alice\n\nCan the logo be bigger?\nAlice"
    body = f"Yes, bigger please.\nAnd the tagline too.\n\n{header}\n{history}"
    assert words(body) == "Yes, bigger please.\nAnd the tagline too."


def test_lines_quoted_with_a_marker_are_taken_off_and_answers_between_them_kept():
    body = "> Can the logo be bigger?\nYes.\n\n> And the colour?\nRed, as agreed.\n>> older"
    assert words(body) == "Yes.\n\nRed, as agreed."


def test_prose_that_mentions_writing_is_not_taken_for_a_quote():
    body = "On reflection, Dan wrote a great line:\nFresh from the farm.\n\nThanks!"
    assert words(body) == body


def test_from_in_prose_is_not_taken_for_outlook_headers():
    body = "From: the brief, we need three posts.\nThat is all.\nThanks"
    assert words(body) == body


def test_a_forwarded_message_is_kept():
    body = (
        "See below.\n"
        "\n"
        "---------- Forwarded message ---------\n"
        "From: Boss <b@acme.test>\n"
        "Date: Mon\n"
        "Subject: Spring\n"
        "To: Carol\n"
        "\n"
        "Please brief the agency."
    )
    assert "Please brief the agency." in words(body)


def test_when_only_quotes_remain_the_whole_text_is_kept():
    body = "> Can the logo be bigger?\n> Alice"
    assert words(body) == body


# --- Signatures ------------------------------------------------------------------------------

SIGNATURES = {
    "delimiter": "-- \nCarol Acme\nHead of Marketing\n+44 20 7946 0000",
    "delimiter without space": "--\nCarol",
    "iphone": "Sent from my iPhone",
    "outlook mobile": "Get Outlook for iOS",
    "android": "Sent from my Samsung Galaxy smartphone.",
    "french iphone": "Envoyé de mon iPhone",
    "german iphone": "Von meinem iPhone gesendet",
    "spanish": "Enviado desde mi iPhone",
    "proton": "Sent with Proton Mail secure email.",
}


@pytest.mark.parametrize("signature", SIGNATURES.values(), ids=SIGNATURES.keys())
def test_signatures_are_taken_off(signature):
    assert words(f"Approved, thanks.\n\n{signature}") == "Approved, thanks."


def test_signature_and_quote_together():
    body = (
        "Approved.\n"
        "\n"
        "Sent from my iPhone\n"
        "\n"
        "On 3 Mar 2025, at 10:00, Alice <alice@northwind.test> wrote:\n"
        "> v3?"
    )
    assert words(body) == "Approved."


def test_a_dash_dash_in_the_middle_of_a_sentence_is_not_a_signature():
    body = "Option A -- the red one -- please."
    assert words(body) == body


# --- HTML ------------------------------------------------------------------------------------


def test_html_only_mail_is_made_text_without_scripts_or_styles():
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<p>Yes, <b>bigger</b> please.</p><script>alert('x')</script>"
        "<p onclick='steal()'>Thanks &amp; regards</p><img src=x onerror=alert(1)></body></html>"
    )
    message = EmailMessage()
    message["From"], message["Subject"] = CAROL, "Re: Logo"
    message.set_content(html, subtype="html")
    found = parse.read(message.as_bytes(), mail_from="carol@acme.test")
    assert found.words == "Yes, bigger please.\n\nThanks & regards"
    assert "alert" not in found.full_text and "color" not in found.full_text


def test_gmail_html_quote_and_signature_are_taken_off():
    html = (
        '<div dir="ltr">Looks good.<br><div><br></div>-- <br>'
        '<div class="gmail_signature">Carol Acme<br>Acme Foods</div></div><br>'
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, 3 Mar 2025 at 10:00, Alice '
        "&lt;alice@northwind.test&gt; wrote:<br></div>"
        '<blockquote class="gmail_quote">Can the logo be bigger?</blockquote></div>'
    )
    assert text.strip_reply(text.html_to_text(html)) == "Looks good."


def test_outlook_html_reply_is_cut_at_its_header_block():
    html = (
        '<div class="WordSection1"><p class="MsoNormal">Fine by me.<o:p></o:p></p>'
        '<div id="divRplyFwdMsg"><hr><p><b>From:</b> Alice Northwind<br><b>Sent:</b> Monday'
        "<br><b>To:</b> Carol<br><b>Subject:</b> Logo</p></div><p>Can the logo be bigger?</p></div>"
    )
    assert text.strip_reply(text.html_to_text(html)) == "Fine by me."


def test_apple_mail_blockquote_is_a_quote():
    html = (
        "<div>Great.</div><div><br><blockquote type='cite'><div>On 3 Mar, Alice wrote:</div>"
        "<div>v2?</div></blockquote></div>"
    )
    assert text.strip_reply(text.html_to_text(html)) == "Great."


def test_unbalanced_and_deep_html_is_read():
    html = "<div>" * 5000 + "Deep words" + "<b><i>unclosed" + "</p></p>"
    assert "Deep words" in text.html_to_text(html)


def test_the_plain_alternative_is_preferred_to_the_html_one():
    found = parse.read(mail("Plain words.", html="<p>HTML words.</p>"), mail_from="c@acme.test")
    assert found.words == "Plain words."
    assert found.files == []


def test_an_empty_plain_alternative_falls_back_to_html():
    found = parse.read(mail("\n", html="<p>Only in HTML.</p>"), mail_from="c@acme.test")
    assert found.words == "Only in HTML."


# --- Charsets --------------------------------------------------------------------------------


def test_latin1_and_windows_1252_bodies_are_decoded():
    raw = (
        b"From: carol@acme.test\nSubject: =?iso-8859-1?q?Caf=E9?=\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n"
    ) + "Le café “maison”, s’il vous plaît.\n".encode("cp1252")
    found = parse.read(raw, mail_from="carol@acme.test")
    assert found.subject == "Café"
    assert found.words == "Le café “maison”, s’il vous plaît."


def test_an_unknown_charset_is_read_as_utf8_with_replacements():
    raw = (
        b"From: carol@acme.test\nSubject: x\nContent-Type: text/plain; charset=x-klingon\n\n"
        b"Bonjour \xe9t\xc3\xa9\n"
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert found.words.startswith("Bonjour ") and "té" in found.words


def test_a_lying_base64_body_does_not_fail():
    raw = (
        b"From: carol@acme.test\nSubject: x\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\nnot base64 at all!!!\n"
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert isinstance(found.words, str)


# --- Attachments -----------------------------------------------------------------------------


def with_files(*files: tuple[str, bytes, str, str], body: str = "See attached.") -> bytes:
    message = EmailMessage()
    message["From"], message["Subject"] = CAROL, "Files"
    message.set_content(body)
    for name, data, maintype, subtype in files:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def test_attachments_are_kept_with_their_names_and_types():
    raw = with_files(
        ("brief.pdf", b"%PDF-1.4 " + b"x" * 100, "application", "pdf"),
        ("notes.txt", b"some notes", "text", "plain"),
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert [(f.name, f.content_type) for f in found.files] == [
        ("brief.pdf", "application/pdf"),
        ("notes.txt", "text/plain"),
    ]
    assert found.files[1].data == b"some notes"
    assert found.words == "See attached."


def test_an_attachment_over_the_limit_is_named_not_kept(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    raw = with_files(
        ("huge.mov", b"\x00" * 5000, "video", "quicktime"),
        ("small.png", b"\x89PNG" + b"\x00" * 20_000, "image", "png"),
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert [(b.name, b.size) for b in found.too_large] == [
        ("huge.mov", 5000),
        ("small.png", 20_004),
    ]
    assert found.files == []


def test_small_inline_signature_images_are_left_out_but_large_inline_images_kept():
    message = EmailMessage()
    message["From"], message["Subject"] = CAROL, "Photo"
    message.set_content("Here.")
    message.add_alternative('<p>Here.</p><img src="cid:logo"><img src="cid:photo">', subtype="html")
    html_part = message.get_payload()[1]
    html_part.add_related(b"\x89PNG" + b"\x00" * 500, "image", "png", cid="<logo>")
    html_part.add_related(b"\x89PNG" + b"\x00" * 50_000, "image", "png", cid="<photo>")
    found = parse.read(message.as_bytes(), mail_from="carol@acme.test")
    assert [len(f.data) for f in found.files] == [50_004]
    assert found.words == "Here."


def test_a_forwarded_email_is_kept_as_an_eml_file():
    inner = EmailMessage()
    inner["From"], inner["Subject"] = "Boss <b@acme.test>", "Spring"
    inner.set_content("Brief the agency please.")
    outer = EmailMessage()
    outer["From"], outer["Subject"] = CAROL, "Fwd: Spring"
    outer.set_content("FYI")
    outer.add_attachment(inner)
    found = parse.read(outer.as_bytes(), mail_from="carol@acme.test")
    assert found.words == "FYI"
    assert len(found.files) == 1 and found.files[0].name.endswith(".eml")
    assert b"Brief the agency please." in found.files[0].data


def test_a_file_name_with_a_path_or_control_characters_is_cleaned():
    raw = with_files(("../../etc/pass\x01wd.txt", b"x", "text", "plain"))
    found = parse.read(raw, mail_from="carol@acme.test")
    assert "/" not in found.files[0].name and "\x01" not in found.files[0].name


def test_apple_mail_text_around_an_inline_image_is_all_kept():
    raw = (
        b"From: carol@acme.test\nSubject: x\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="m"\n\n'
        b"--m\nContent-Type: text/plain\n\nBefore the photo.\n"
        b"--m\nContent-Type: image/jpeg\nContent-Disposition: inline; filename=p.jpg\n"
        b"Content-Transfer-Encoding: base64\n\n" + b"/9j/" + b"A" * 20_000 + b"\n"
        b"--m\nContent-Type: text/plain\n\nAfter the photo.\n--m--\n"
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert found.words == "Before the photo.\n\nAfter the photo."
    assert [f.name for f in found.files] == ["p.jpg"]


# --- Malformed -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \r\n", b"\x00\x01\x02 binary junk \xff\xfe", b"just some text without headers"],
    ids=["empty", "blank", "binary", "no headers"],
)
def test_what_is_not_an_email_is_unreadable(raw):
    with pytest.raises(parse.Unreadable):
        parse.read(raw, mail_from="x@acme.test")


def test_a_multipart_without_its_boundary_is_still_read():
    raw = (
        b"From: carol@acme.test\nSubject: x\nContent-Type: multipart/mixed; boundary=nope\n\n"
        b"Some words with no parts.\n"
    )
    found = parse.read(raw, mail_from="carol@acme.test")  # the parser records a defect
    assert isinstance(found.words, str)


def test_parts_nested_too_deep_are_unreadable():
    depth = 60
    head = b"From: carol@acme.test\nSubject: deep\nMIME-Version: 1.0\n"
    body = b""
    for level in range(depth):
        body += f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n'.encode()
    body += b"Content-Type: text/plain\n\nbottom\n"
    for level in reversed(range(depth)):
        body += f"--b{level}--\n".encode()
    with pytest.raises(parse.Unreadable, match="nested"):
        parse.read(head + body, mail_from="carol@acme.test")


def test_too_many_parts_are_unreadable():
    raw = with_files(*[(f"f{i}.txt", b"x", "text", "plain") for i in range(parse.MAX_PARTS + 5)])
    with pytest.raises(parse.Unreadable, match="parts"):
        parse.read(raw, mail_from="carol@acme.test")


def test_garbled_headers_do_not_fail():
    raw = (
        b"From: =?utf-8?b?!!!notbase64?= <<<carol@@acme.test>\nSubject: =?bogus?x?zz?=\n"
        b"Message-ID: not an id\nReferences: <<<>>>\n\nHello\n"
    )
    found = parse.read(raw, mail_from="carol@acme.test")
    assert found.message_id == ""
    assert found.words == "Hello"


# --- Automatic mail --------------------------------------------------------------------------

AUTOMATIC = {
    "auto-submitted": ({"Auto-Submitted": "auto-replied"}, "carol@acme.test"),
    "precedence bulk": ({"Precedence": "bulk"}, "carol@acme.test"),
    "precedence list": ({"Precedence": "list"}, "carol@acme.test"),
    "x-autoreply": ({"X-Autoreply": "yes"}, "carol@acme.test"),
    "x-autorespond": ({"X-Autorespond": "Out of office"}, "carol@acme.test"),
    "mailing list": ({"List-Id": "<news.acme.test>"}, "carol@acme.test"),
    "empty return path": ({}, ""),
    "null return path": ({}, "<>"),
    "mailer-daemon": ({}, "MAILER-DAEMON@mx.acme.test"),
    "postmaster sender": ({"From": "postmaster@acme.test"}, "bounces@acme.test"),
    "outlook automatic reply": ({"Subject": "Automatic reply: Logo size"}, "carol@acme.test"),
}


@pytest.mark.parametrize(("headers", "envelope"), AUTOMATIC.values(), ids=AUTOMATIC.keys())
def test_automatic_mail_is_recognised(headers, envelope):
    found = parse.read(
        mail(**{k.replace("-", "_"): v for k, v in headers.items()}), mail_from=envelope
    )
    assert found.automatic


def test_auto_submitted_no_is_a_person():
    found = parse.read(mail(Auto_Submitted="no"), mail_from="carol@acme.test")
    assert found.automatic is None


def test_a_delivery_report_is_a_bounce():
    raw = (
        b"From: Mail Delivery System <mailer@mx.acme.test>\nSubject: Undelivered\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\n\n'
        b"--r\nContent-Type: text/plain\n\nDelivery failed.\n"
        b"--r\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--r--\n"
    )
    found = parse.read(raw, mail_from="bounce@mx.acme.test")
    assert found.automatic == "A delivery report (a bounce)."
