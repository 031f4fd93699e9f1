"""Simulated people: each signs in like a browser and reads or writes at ten times a human pace.

A write puts a unique marker (a uuid) in what it stores and is recorded, acknowledged or not,
so the checks can find it in the database and in the mail afterwards.
"""

import http.client
import random
import re
import threading
import time
import traceback
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bench.soak.browser import Browser, Response, form_fields

PASSWORD = "accord-demo"  # the demo personas' password (accord/home/demo.py)
# Who the simulated people are, in turn: account managers and client contacts write, the
# creatives and the admin only read.
PERSONAS = [
    "alice@northwind.test",
    "carol@acme.test",
    "max@northwind.test",
    "gus@globex.test",
    "alice@northwind.test",
    "maya@bluebird.test",
    "max@northwind.test",
    "priya@lumenhealth.test",
    "alice@northwind.test",
    "julia@harborpine.test",
    "max@northwind.test",
    "noah@kestrel.test",
    "ray@acme.test",
    "petra@globex.test",
    "dan@northwind.test",
    "erin@northwind.test",
    "cora@northwind.test",
    "sam@northwind.test",
    "ines@kestrel.test",
    "omar@lumenhealth.test",
]
SAVES_PER_PAGE_LOAD = 3  # autosaves sent from one load of the editing page before a reload
STATUS_BADGE = re.compile(r'<span class="badge[^"]*">(Submitted|Proposed|Signed off|[^<]+)</span>')


@dataclass
class Sample:
    kind: str
    status: int  # 0: no answer (connection refused, reset or timed out)
    seconds: float
    at: float  # when it was sent, in seconds since the load started


@dataclass
class Write:
    """One write the tool sent, with what the checks look for."""

    kind: str
    marker: str
    status: int
    acked: bool  # a 2xx or 3xx came back
    at: float
    user: int
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Recorder:
    started: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)
    tool_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def sample(self, kind: str, response: Response | None, seconds: float) -> None:
        status = response.status if response is not None else 0
        with self.lock:
            self.samples.append(Sample(kind, status, seconds, self.now() - seconds))

    def write(self, write: Write) -> None:
        with self.lock:
            self.writes.append(write)

    def tool_error(self, trace: str) -> None:
        with self.lock:
            self.tool_errors.append(trace)

    def overwritten(self, **seen: Any) -> None:
        """An editor reloaded the page and their own field no longer held their last save."""
        with self.lock:
            self.lost.append({**seen, "seen_at_s": round(self.now(), 1)})


@dataclass
class Shared:
    """What the simulated people learn from each other: requests waiting for a decision."""

    requests: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_request(self, client_id: int, request_id: int) -> None:
        with self.lock:
            self.requests[client_id].append(request_id)

    def take_request(self, client_id: int) -> int | None:
        with self.lock:
            waiting = self.requests[client_id]
            return waiting.pop(random.randrange(len(waiting))) if waiting else None


def marker() -> str:
    return uuid.uuid4().hex


def acked(response: Response | None) -> bool:
    return response is not None and 200 <= response.status < 400


class Person:
    """One simulated user: a session, a persona, and the briefs they work on."""

    def __init__(
        self,
        index: int,
        email: str,
        *,
        browser: Browser,
        seed: dict[str, Any],
        recorder: Recorder,
        shared: Shared,
        write_share: float,
        think: tuple[float, float],
    ) -> None:
        self.index, self.email, self.browser = index, email, browser
        self.recorder, self.shared = recorder, shared
        self.write_share, self.think = write_share, think
        self.random = random.Random(index)
        self.managed = [c for c in seed["clients"] if c["am"] == email]
        self.of_client = [c for c in seed["clients"] if email in c["contacts"]]
        self.approver = any(email in c["approvers"] for c in seed["clients"])
        self.clients = self.managed or self.of_client
        self.template_id = seed["template_id"]
        self.slot: tuple[int, str] | None = None  # (brief id, question key) this person edits
        self.page: dict[str, str] | None = None
        self.saves_on_page = 0
        self.seq = 0
        self.last_saved: str | None = None

    @property
    def role(self) -> str:
        if self.managed:
            return "am"
        return "contact" if self.of_client else "reader"

    # -- plumbing -------------------------------------------------------------------------
    def call(self, kind: str, method: str, path: str, data: dict[str, str] | None = None) -> Any:
        started = time.perf_counter()
        response: Response | None = None
        try:
            if method == "GET":
                response = self.browser.get(path)
            else:
                response = self.browser.post(path, data or {})
        except (OSError, http.client.HTTPException):  # refused, reset, timed out, cut short
            response = None
        self.recorder.sample(kind, response, time.perf_counter() - started)
        return response

    def record(self, kind: str, mark: str, response: Response | None, **data: Any) -> None:
        status = response.status if response is not None else 0
        self.recorder.write(
            Write(kind, mark, status, acked(response), self.recorder.now(), self.index, data)
        )

    def sign_in(self) -> bool:
        response = self.call("login.page", "GET", "/login/")
        if response is None:
            return False
        data = {"email": self.email, "password": PASSWORD}
        response = self.call("login", "POST", "/login/", data)
        return response is not None and response.status == 302

    # -- the loop -------------------------------------------------------------------------
    def run(self, until: float, stop: threading.Event) -> None:
        while not stop.is_set() and self.recorder.now() < until:
            try:
                if self.random.random() < self.write_share and self.role != "reader":
                    self.one_write()
                else:
                    self.one_read()
            except Exception:  # a bug of the tool's: keep the person going, and say so
                self.recorder.tool_error(traceback.format_exc())
            stop.wait(self.random.uniform(*self.think))

    def one_read(self) -> None:
        client = self.random.choice(self.clients) if self.clients else None
        pages: list[tuple[str, str]] = [("home", "/"), ("briefs.list", "/intake/briefs/")]
        if self.role != "reader":
            pages.append(("requests.list", "/intake/requests/"))
        if self.role in ("am", "reader"):
            pages += [("clients.list", "/clients/")]
        if self.role == "am":
            pages += [("queue", "/intake/")]
        if client is not None:
            brief = self.random.choice(client["coedit"])["id"]
            signoff = client["signoff"]["id"]
            pages += [
                ("brief.detail", f"/intake/briefs/{brief}/"),
                ("brief.detail", f"/intake/briefs/{signoff}/"),
                ("brief.versions", f"/intake/briefs/{signoff}/versions/"),
            ]
            if self.role == "am":
                pages.append(("client.detail", f"/clients/{client['id']}/"))
        kind, path = self.random.choice(pages)
        self.call(kind, "GET", path)

    def one_write(self) -> None:
        if self.role == "am":
            choices = [
                (self.autosave, 35),
                (self.ask, 15),
                (self.start_brief, 10),
                (self.decide_request, 15),
                (self.propose_or_revise, 25),
            ]
        else:
            choices = [(self.autosave, 40), (self.submit_request, 30)]
            if self.approver:
                choices.append((self.sign_off, 30))
        actions, weights = zip(*choices, strict=True)
        self.random.choices(actions, weights)[0]()

    # -- writes ---------------------------------------------------------------------------
    def autosave(self) -> None:
        """Type into one's own field of a shared draft, sent as the page sends it.

        On each reload of the editing page, one's own field must still hold what one saved
        last: nobody else writes it, so anything else there is a lost update.
        """
        if self.slot is None:
            return self.one_read()
        brief_id, key = self.slot
        if self.page is None or self.saves_on_page >= SAVES_PER_PAGE_LOAD:
            response = self.call("brief.edit", "GET", f"/intake/briefs/{brief_id}/edit/?step=1")
            if response is None or response.status != 200:
                return None
            fields = form_fields(response.body, action="?step=")
            fields.pop("csrfmiddlewaretoken", None)
            if self.last_saved is not None and fields.get(f"q_{key}") != self.last_saved:
                self.recorder.overwritten(
                    brief=brief_id,
                    field=key,
                    expected=self.last_saved.removeprefix("Soak "),
                    found=fields.get(f"q_{key}", "")[:60],
                )
            self.page, self.saves_on_page, self.seq = fields, 0, 0
        mark = marker()
        self.seq += 1
        self.saves_on_page += 1
        # As the page's script sends it: only the field typed in, with the value it was based on.
        name = f"q_{key}"
        data = {
            name: f"Soak {mark}",
            f"base_{name}": self.page.get(f"base_{name}", ""),
            "autosave_seq": str(self.seq),
        }
        response = self.call("brief.autosave", "POST", f"/intake/briefs/{brief_id}/autosave/", data)
        self.record("autosave", mark, response, brief=brief_id, key=key)
        if acked(response):
            self.last_saved = data[name]
            self.page[f"base_{name}"] = data[name]  # the answer moves the base on
        return None

    def ask(self) -> None:
        client = self.random.choice(self.clients)
        brief = self.random.choice(client["coedit"])["id"]
        mark = marker()
        response = self.call(
            "brief.ask",
            "POST",
            f"/intake/briefs/{brief}/questions/",
            {"text": f"Soak question {mark}?"},
        )
        self.record("question", mark, response, brief=brief, client=client["name"])

    def start_brief(self) -> None:
        client = self.random.choice(self.clients)
        mark = marker()
        data = {
            "client": str(client["id"]),
            "template": str(self.template_id),
            "title": f"Soak brief {mark}",
            "filled_by": "client",
        }
        response = self.call("brief.start", "POST", "/intake/briefs/new/", data)
        self.record("brief", mark, response, client=client["name"])

    def submit_request(self) -> None:
        client = self.random.choice(self.clients)
        mark = marker()
        data = {
            "client": str(client["id"]),
            "title": f"Soak request {mark}",
            "what": "Posters for the soak test, please.",
        }
        response = self.call("request.submit", "POST", "/intake/requests/new/", data)
        self.record("request", mark, response, client=client["name"])
        if acked(response) and (found := re.search(r"/intake/requests/(\d+)/", response.location)):
            self.shared.add_request(client["id"], int(found[1]))

    def decide_request(self) -> None:
        client = self.random.choice(self.clients)
        request_id = self.shared.take_request(client["id"])
        if request_id is None:
            return self.one_read()
        mark = marker()
        data = {"decision": "park", "reason": f"Soak reason {mark}"}
        response = self.call(
            "request.decide", "POST", f"/intake/requests/{request_id}/decide/", data
        )
        self.record("decision", mark, response, request=request_id)
        return None

    def _status(self, brief_id: int) -> str:
        response = self.call("brief.detail", "GET", f"/intake/briefs/{brief_id}/")
        if response is None or response.status != 200:
            return ""
        found = STATUS_BADGE.search(response.body)
        return found[1] if found else ""

    def propose_or_revise(self) -> None:
        """Propose the client's sign-off brief; once signed off, change it (a new version)."""
        client = self.random.choice(self.clients)
        brief = client["signoff"]
        status = self._status(brief["id"])
        if status == "Submitted":
            response = self.call("brief.propose", "POST", f"/intake/briefs/{brief['id']}/propose/")
            self.record("proposal", marker(), response, brief=brief["id"])
        elif status == "Signed off":
            page = self.call("brief.edit", "GET", f"/intake/briefs/{brief['id']}/edit/")
            if page is None or page.status != 200:
                return
            fields = {
                k: v
                for k, v in form_fields(page.body).items()
                if k.startswith("q_") or k in ("title", "base_version")
            }
            mark, key = marker(), self.random.choice(brief["text_fields"])
            fields[f"q_{key}"] = f"Soak revision {mark}"
            path = f"/intake/briefs/{brief['id']}/edit/"
            response = self.call("brief.change", "POST", path, fields)
            self.record("revision", mark, response, brief=brief["id"], key=key)

    def sign_off(self) -> None:
        client = self.random.choice(self.of_client)
        if self.email not in client["approvers"]:
            return self.one_read()
        brief = client["signoff"]["id"]
        page = self.call("brief.sign_off_page", "GET", f"/intake/briefs/{brief}/sign-off/")
        if page is None or page.status != 200:
            return None
        fields = form_fields(page.body)
        if not fields.get("version_number"):
            return None  # not proposed just now
        data = {"version_number": fields["version_number"], "sha256": fields.get("sha256", "")}
        response = self.call("brief.sign_off", "POST", f"/intake/briefs/{brief}/sign-off/", data)
        self.record("sign_off", marker(), response, brief=brief, version=data["version_number"])
        return None


def assign_slots(people: list[Person], seed: dict[str, Any]) -> None:
    """Give each editor their own field of a shared draft, the AM's and the client's people
    side by side on the same briefs; a field two people would share is left out."""
    for client in seed["clients"]:
        ams = [p for p in people if p.managed and client in p.managed]
        # Each AM edits with one of their clients only.
        ams = [p for p in ams if p.managed[p.index % len(p.managed)] is client]
        contacts = [p for p in people if client in p.of_client]
        editors: list[Person] = []
        for n in range(max(len(ams), len(contacts))):
            editors += ams[n : n + 1] + contacts[n : n + 1]
        slots = [(b["id"], key) for b in client["coedit"] for key in b["fields"]]
        # Fill briefs one after the other, so each has an AM and a client on it at once.
        for person, slot in zip(editors, slots, strict=False):
            person.slot = slot
