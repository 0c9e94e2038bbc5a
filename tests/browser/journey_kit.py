"""Helpers for the browser journeys: the plays they test, the servers, the network watch.

The journeys find their plays by what they are (a communication, a play with a
given symptom), read from the YAML sources, rather than by a hard-coded id, so
they keep working while the content grows. Each edition is served by a threaded
http.server on a free 127.0.0.1 port; `Watch` records console errors and failed
or outside requests of a browser context.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

from adoptbook.messages import paragraphs
from sitekit import ROOT, BuiltSite

PLAY_TYPES: tuple[str, ...] = tuple(
    yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))["types"]
)
PLAYS_URL = "plays"
LOCAL_HOSTS = {"127.0.0.1"}
ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class SourcePlay:
    id: str
    type: str
    audience: frozenset[str]
    path: Path  # relative to the project, e.g. plays/myths/no-choice.yml
    data: dict[str, Any]

    @property
    def url(self) -> str:
        return f"{PLAYS_URL}/{self.id}/"

    def symptoms(self) -> list[str]:
        return [text_of(s) for s in self.data.get("symptoms") or []]

    def segment_text(self, segment: str) -> str | None:
        segments = (self.data.get("variants") or {}).get("segments") or {}
        return text_of(segments[segment]) if segment in segments else None


def filled_text(data: dict[str, Any], values: dict[str, str]) -> str:
    """What "Copy message" should put on the clipboard for a message play's YAML data:
    the subject line, a blank line, then the body's paragraphs without hard wraps,
    each placeholder replaced by its value or by its "[blank]"."""

    def fill(text: str) -> str:
        return re.sub(
            r"\{([a-z][a-z0-9_]*)\}",
            lambda m: values.get(m.group(1)) or f"[{m.group(1).replace('_', ' ')}]",
            text,
        )

    subject = fill(" ".join(str(data["subject"]).split()))
    body = "\n\n".join(fill(p) for p in paragraphs(str(data["body"])))
    return f"Subject: {subject}\n\n{body}"


def text_of(item: Any) -> str:
    """A text item is a string or a mapping with `text` (and maybe `audience`)."""
    return str(item["text"] if isinstance(item, dict) else item)


def audiences(value: Any) -> frozenset[str]:
    return frozenset([value] if isinstance(value, str) else value or [])


def source_plays(built: BuiltSite) -> list[SourcePlay]:
    plays = []
    for path in built.plays():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and {"id", "type"} <= data.keys():
            plays.append(
                SourcePlay(
                    id=str(data["id"]),
                    type=str(data["type"]),
                    audience=audiences(data.get("audience")),
                    path=path.relative_to(built.root),
                    data=data,
                )
            )
    return plays


def published(built: BuiltSite, edition: str) -> list[SourcePlay]:
    """The plays that have a page in `edition`."""
    site = built.site(edition)
    return [p for p in source_plays(built) if (site / PLAYS_URL / p.id / "index.html").is_file()]


def first_of_type(built: BuiltSite, edition: str, play_type: str) -> SourcePlay | None:
    plays = [p for p in published(built, edition) if p.type == play_type]
    return plays[0] if plays else None


def plain_words(markdown: str, count: int = 6) -> str:
    """The first `count` words of some Markdown, without quotes or emphasis marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`\"“”]", "", text)
    return " ".join(text.split()[:count])


def site_pages(site: Path) -> list[str]:
    """Site-relative URL paths of every page of an edition ("" for the home page)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.endswith("index.html"):
            pages.append(relative.removesuffix("index.html"))
        else:
            pages.append(relative)
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Server:
    """A threaded static file server on a free localhost port."""

    folder: Path
    httpd: http.server.ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def serve_folder(folder: Path) -> Server:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    return Server(folder, httpd, thread)


@dataclass(frozen=True)
class Edition:
    """One built edition of the bundled playbook and where it is served."""

    name: str
    url: str
    site: Path
    built: BuiltSite

    def page_url(self, path: str) -> str:
        return self.url + path.lstrip("/")


@dataclass
class Watch:
    """What went wrong in a browser context: console errors, failed or foreign requests.

    `aborted` holds requests cancelled with net::ERR_ABORTED, which is what the
    browser does to a page's pending requests when a test moves on quickly; they
    count as problems only where a test waits for the network to go idle.
    """

    problems: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    pending: set[Request] = field(default_factory=set)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.problems.append(f"page error: {error.error}"))
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("requestfinished", self._finished)
        context.on("response", self._response)

    def settle(self, page: Page, timeout: float = 15.0) -> None:
        """Wait until every request the page has started has finished or failed."""
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        for request in self.pending:
            self.problems.append(f"request still pending after {timeout:.0f} s: {request.url}")
        self.pending.clear()

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            page = message.page.url if message.page else "?"
            self.problems.append(f"console error on {page}: {message.text} ({where})")

    def _request(self, request: Request) -> None:
        self.pending.add(request)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            self.problems.append(f"request to another host: {request.url}")

    def _finished(self, request: Request) -> None:
        self.pending.discard(request)

    def _failed(self, request: Request) -> None:
        self.pending.discard(request)
        if urlsplit(request.url).hostname not in LOCAL_HOSTS:
            return  # blocked by `_route`, and recorded by `_request`
        failure = f"request failed: {request.url} ({request.failure})"
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(failure)
        elif request.resource_type != "other":  # "other": the favicon, fetched after load
            self.aborted.append(failure)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def clear(self) -> None:
        self.problems.clear()
        self.aborted.clear()
        self.pending.clear()


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the CSS `selector`, as a keyboard user."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
