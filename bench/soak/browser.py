"""A browser-like HTTP session: cookies, the CSRF token from the page, forms read from HTML.

Plain `http.client`, one connection per request (gunicorn's sync workers close it anyway).
Cookies are kept by hand because the production settings mark them Secure, and a standard
cookie jar would not send a Secure cookie back over the run's plain-HTTP loopback.
"""

import http.client
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    location: str
    body: str
    seconds: float


class FormFields(HTMLParser):
    """The named inputs, textareas and selects of the first form with `action` in it."""

    def __init__(self, action: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.fields: dict[str, str] = {}
        self._in_form = not action
        self._form_done = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action and not self._form_done:
            self._in_form = self.action in a.get("action", "")
            return
        if not self._in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.setdefault(name, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form and self.action:
            self._in_form, self._form_done = False, True
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str, action: str = "") -> dict[str, str]:
    parser = FormFields(action)
    parser.feed(html)
    # A textarea's first newline is not part of its value (HTML's parsing rule).
    return {k: v[1:] if v.startswith("\n") else v for k, v in parser.fields.items()}


@dataclass
class Browser:
    host: str
    port: int
    timeout: float = 30.0
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "accord-soak"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if token := self.cookies.get("csrftoken"):
                headers["X-CSRFToken"] = token
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            for header, value in resp.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            location = resp.getheader("Location", "") or ""
            return Response(resp.status, location, text, time.perf_counter() - started)
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Response:
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", path, data)

    def sign_in(self, email: str, password: str) -> Response:
        self.get("/login/")
        return self.post("/login/", {"username": email, "password": password})
