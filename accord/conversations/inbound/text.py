"""The words a person wrote in an email: HTML made plain text (scripts, styles and markup
dropped), then quoted history and signatures taken off.

Stripping is conservative: a line is cut only where mail clients are known to start a quote
or a signature, and if nothing would be left the whole text is kept (the words matter more
than the tidiness). Every pattern is bounded, so the cost grows with the text's length only.
"""

import re
from html.parser import HTMLParser

# Text past this many characters is not looked at (the raw email keeps it all).
MAX_CHARS = 200_000
_DROPPED = {"script", "style", "head", "title", "template", "noscript", "svg", "object"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr", "source"}
_BLOCKS = {
    "p", "div", "br", "hr", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "section", "article", "header", "footer", "address", "dd", "dt",
}  # fmt: skip
# Containers mail clients put quoted history in (Gmail, Yahoo, Thunderbird, Apple Mail, Outlook).
_QUOTE_CLASSES = {"gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote"}
# Outlook's: the reply's header block, with the history after it (not inside it).
_HISTORY_IDS = {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"}
HISTORY_MARK = "-----Original Message-----"
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature", "signature"}


class _Plain(HTMLParser):
    """HTML to lines of text; quoted containers' lines start with "> ", a signature container
    is preceded by the "-- " delimiter."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, whether it opened a quote)
        self.dropping = 0
        self.quoting = 0
        self.line: list[str] = []

    def _newline(self) -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", "".join(self.line)).strip()
        self.line = []
        if text or (self.out and self.out[-1] != ""):
            self.out.append(("> " * min(self.quoting, 1) + text) if text else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr") and not self.dropping:
                self._newline()
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").lower().split())
        if (values.get("id") or "").lower() in _HISTORY_IDS and not self.dropping:
            self._newline()
            self.out.append(HISTORY_MARK)
        quote = tag == "blockquote" or bool(classes & _QUOTE_CLASSES)
        if tag in _DROPPED:
            self.dropping += 1
        if tag in _BLOCKS and not self.dropping:
            self._newline()
        if classes & _SIGNATURE_CLASSES and not self.dropping and not self.quoting:
            self._newline()
            self.out.append("-- ")
        if tag == "li" and not self.dropping:
            self.line.append("- ")
        self.quoting += quote
        if len(self.stack) < 500:
            self.stack.append((tag, quote))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Close up to the matching tag (mail HTML is often unbalanced).
        for index in range(len(self.stack) - 1, max(-1, len(self.stack) - 50), -1):
            if self.stack[index][0] == tag:
                for closed, quote in self.stack[index:]:
                    self.quoting -= quote
                    if closed in _DROPPED:
                        self.dropping = max(0, self.dropping - 1)
                del self.stack[index:]
                break
        if tag in _BLOCKS and not self.dropping:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.line.append(data)

    def text(self) -> str:
        self._newline()
        return "\n".join(self.out).strip()


def html_to_text(html: str) -> str:
    """The visible text of an email's HTML: no script, style or markup survives."""
    parser = _Plain()
    parser.feed(html[:MAX_CHARS])
    parser.close()
    return parser.text()


# "On Mon, 3 Mar 2025 at 10:00, Alice <alice@…> wrote:" and its cousins, in the languages
# clients most often use; the date or the address in it (a digit or an @) tells it from prose.
_WROTE = re.compile(
    r"^(?:on|le|am|el|il|op|em|den|w dniu|på|dne|el día)\b.{0,300}?"
    r"(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|skrev|napisał\(a\)|"
    r"napisał|pisze|napsal|kirjoitti|írta)\b.{0,200}?:\s*$",
    re.IGNORECASE,
)
_WROTE_SHORT = re.compile(r"^.{0,200}?<[^<>@\s]+@[^<>\s]+>\s+(?:wrote|a écrit|schrieb):\s*$", re.I)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|"
    r"mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|"
    r"opprinnelig melding|oprindelig meddelelse|mensagem original|wiadomość oryginalna)"
    r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\s*\**(?:from|von|de|da|van|från|fra|od)\s*\**\s*:\s*\S", re.I)
_HEADER_NEXT = re.compile(
    r"^\s*\**(?:sent|date|to|subject|gesendet|datum|an|betreff|envoyé|date|à|objet|enviado|"
    r"para|asunto|inviato|data|a|oggetto|verzonden|aan|onderwerp|skickat|ämne|sendt|emne)"
    r"(?:\s+\w+)?\s*\**\s*:",
    re.IGNORECASE,
)
_FORWARDED = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré|"
    r"mensaje reenviado|messaggio inoltrato|doorgestuurd bericht)\s*-{2,}|"
    r"begin forwarded message:|anfang der weitergeleiteten nachricht:|"
    r"début du message réexpédié\s*:)\s*$",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")
_SIGNATURE = re.compile(r"^--\s?$")
_MOBILE = re.compile(
    r"^\s*(?:sent from|sent with|sent via|get outlook for|envoyé de|envoyé depuis|"
    r"von meinem|gesendet von|enviado desde|enviado de|inviato da|verstuurd vanaf|"
    r"skickat från|sendt fra|wysłane z)\b.{0,80}$",
    re.IGNORECASE,
)


def _quote_starts(lines: list[str], index: int) -> bool:
    """Whether a quoted message's header starts at `lines[index]`."""
    line = lines[index].strip()
    if not line:
        return False
    if _ORIGINAL.match(line):
        return True
    if _WROTE_SHORT.match(line):
        return True
    # A wrapped "On … wrote:" spans up to three lines (of one paragraph).
    for span in (1, 2, 3):
        parts = [part.strip() for part in lines[index : index + span]]
        if len(parts) < span or not all(parts):
            break
        joined = " ".join(parts)
        if _WROTE.match(joined) and re.search(r"[\d@]", joined):
            return True
    if _UNDERSCORES.match(line) and index + 1 < len(lines):
        return bool(_HEADER_FROM.match(lines[index + 1]))
    if _HEADER_FROM.match(line):
        before = [n for n in lines[max(0, index - 3) : index] if n.strip()]
        if before and _FORWARDED.match(before[-1]):
            return False  # a forwarded message is what the person sends, not history
        following = [n for n in lines[index + 1 : index + 6] if n.strip()][:4]
        return sum(1 for n in following if _HEADER_NEXT.match(n)) >= 2
    return False


def strip_reply(text: str) -> str:
    """What the person wrote, without the history quoted under it or their signature; the
    whole text when stripping would leave nothing."""
    text = text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    cut = next((i for i in range(len(lines)) if _quote_starts(lines, i)), len(lines))
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    signature = max((i for i, line in enumerate(kept) if _SIGNATURE.match(line)), default=None)
    if signature is not None:
        kept = kept[:signature]
    while kept and (not kept[-1].strip() or _MOBILE.match(kept[-1]) or _SIGNATURE.match(kept[-1])):
        kept.pop()
    words = "\n".join(kept).strip()
    words = re.sub(r"\n{3,}", "\n\n", words)
    return words or text.strip()
