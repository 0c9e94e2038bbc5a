"""Search figures for scripts/bench, measured in a real browser (Debian's chromium).

For one built playbook it measures, per edition, each the median of `runs`:

- ready: from the load event of a play page to the first answerable query: a one-word
  query ranked (Pagefind, its WebAssembly, the index metadata and that word's part of the
  index loaded), the search box focused at load;
- first answer: from the load event to the first results of a query typed at load;
- results after the last keystroke: the query typed at 8 keys a second once search is
  ready, timed from the last key to the results on screen; "facet off" in the header
  search box, "facet on" in "Find a play" opened with a stage chosen;
- bytes: everything a cold browser fetches for a play page plus one query, as sent by a
  static host that gzips text (what GitHub Pages, Netlify or nginx do), and unpacked;
- indexing: Pagefind on the built edition, on its own, against the build's wall time.

The same is measured for stock MkDocs-Material search (lunr) on the plain build of the
same pages: ready and first answer, results after the last keystroke, bytes.

Each browser measurement opens a fresh browser context (empty cache). Pages are served
from 127.0.0.1 by a threaded server that gzips text responses.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from adoptbook.search import BUNDLE_DIR, index_site

CHROMIUM = "/usr/bin/chromium"
SENTENCE = "people keep using their old spreadsheets after go-live"
WORD = "spreadsheets"
KEY_DELAY_MS = 125  # 8 keys a second
FACET = ("stage", "go-live")
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
TIMEOUT_MS = 120_000
DEBUG_BYTES = bool(os.environ.get("ADOPTBOOK_BENCH_BYTES"))  # list every response


@dataclass
class Figures:
    """Lists of measurements; the report shows their medians."""

    ready: list[float] = field(default_factory=list)
    first_answer: list[float] = field(default_factory=list)
    after_key: list[float] = field(default_factory=list)  # facet off, the sentence
    after_key_word: list[float] = field(default_factory=list)  # facet off, one word
    after_key_facet: list[float] = field(default_factory=list)  # facet on, the sentence
    transfer: list[int] = field(default_factory=list)  # bytes over the wire (gzip)
    unpacked: list[int] = field(default_factory=list)  # bytes once unpacked
    index_seconds: list[float] = field(default_factory=list)

    @staticmethod
    def median(values: list[float] | list[int]) -> float:
        return statistics.median(values) if values else float("nan")


# --- a static host that gzips text -----------------------------------------------------


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in TEXT_TYPES):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_GzipHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- in the browser --------------------------------------------------------------------

# Timestamps kept by the page itself (performance.now()), so the test driver's own
# latency is not part of any figure.
WATCH_JS = """
(selector) => {
  window.__ab = { lastKey: 0, done: 0, want: null, changed: 0 };
  document.addEventListener("keydown", () => { window.__ab.lastKey = performance.now(); }, true);
  const watch = (target) => new MutationObserver(() => {
    const ab = window.__ab;
    ab.changed = performance.now();
    if (ab.want && ab.want(target) && !ab.done) ab.done = ab.changed;
  }).observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
  const found = document.querySelector(selector);
  if (found) watch(found);
}
"""


# The page's own engine module (the one its search box uses): Pagefind started (in its
# Web Worker, which fetches the index metadata and WebAssembly on the first search).
ENGINE = (
    "import(document.querySelector('script[src$=\"assets/js/index.js\"]').src"
    ".replace(/index\\.js$/, 'engine.js'))"
)
LOAD_ENGINE = f"{ENGINE}.then((engine) => engine.load())"
# Answerable: a one-word query ranked (results known, not yet shown).
ANSWER_ONE_WORD = f"{ENGINE}.then((engine) => engine.rank({WORD!r}))"


def play_page(site: Path) -> str:
    """The first play page of a built site, as a site-relative URL."""
    plays = sorted(p.name for p in (site / "plays").iterdir() if p.is_dir())
    return f"plays/{plays[0]}/"


def _context(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context


def measure_adoptbook(browser, url: str, site: Path, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    """One run of every browser figure of an adoptbook edition served at `url`."""
    page_url = url + play_page(site)
    context = _context(browser)
    try:
        sizes = _count_bytes(context)
        page = context.new_page()
        page.goto(page_url, wait_until="load")
        loaded = page.evaluate("performance.now()")
        page.evaluate(WATCH_JS, ".ab-search__results")
        page.wait_for_selector('[data-ab-module="search"][data-ab-started]', state="attached")
        page.focus("#ab-search-input")
        ready = page.evaluate(
            f"async () => {{ await {ANSWER_ONE_WORD}; return performance.now(); }}"
        )
        figures.ready.append(ready - loaded)
        _expect(page, SENTENCE, "results")
        page.fill("#ab-search-input", SENTENCE)  # as if pasted: one input event
        answered = _wait_for(page, SENTENCE, "results")
        figures.first_answer.append(answered - loaded)
        page.wait_for_load_state("networkidle")
        figures.transfer.append(sum(s[0] for s in sizes))
        figures.unpacked.append(sum(s[1] for s in sizes))
        figures.after_key.append(_after_last_key(page, "#ab-search-input", SENTENCE, "results"))
        figures.after_key_word.append(_after_last_key(page, "#ab-search-input", WORD, "results"))
        finder = page.context.new_page()
        finder.goto(f"{url}find/?{FACET[0]}={FACET[1]}", wait_until="load")
        finder.evaluate(WATCH_JS, ".ab-finder__status")
        finder.wait_for_selector('[data-ab-module="finder"][data-ab-started]', state="attached")
        finder.focus("#ab-finder-q")
        finder.evaluate(f"async () => {{ await {LOAD_ENGINE}; }}")
        figures.after_key_facet.append(_after_last_key(finder, "#ab-finder-q", SENTENCE, "finder"))
    finally:
        context.close()


def measure_material(browser, url: str, site: Path, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    """One run of the same figures for stock MkDocs-Material search (lunr)."""
    context = _context(browser)
    try:
        sizes = _count_bytes(context)
        page = context.new_page()
        page.goto(url + play_page(site), wait_until="load")
        loaded = page.evaluate("performance.now()")
        page.evaluate(WATCH_JS, ".md-search-result__list")
        page.keyboard.press("/")
        page.keyboard.type(WORD)
        page.wait_for_selector(".md-search-result__item")
        figures.first_answer.append(page.evaluate("window.__ab.changed") - loaded)
        figures.ready.append(figures.first_answer[-1])  # lunr answers once its index is built
        page.wait_for_load_state("networkidle")
        figures.transfer.append(sum(s[0] for s in sizes))
        figures.unpacked.append(sum(s[1] for s in sizes))
        figures.after_key.append(_material_after_last_key(page, SENTENCE))
        figures.after_key_word.append(_material_after_last_key(page, WORD))
    finally:
        context.close()


def _count_bytes(context) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(bytes over the wire, bytes unpacked) of every response, filled as they finish."""
    sizes: list[tuple[int, int]] = []

    def finished(request) -> None:  # type: ignore[no-untyped-def]
        response = request.response()
        if response is None:
            return
        wire = request.sizes()["responseBodySize"]
        with contextlib.suppress(Exception):
            sizes.append((wire, len(response.body())))
            if DEBUG_BYTES:
                print(f"      {wire:8,} {len(response.body()):8,} {request.url}")

    context.on("requestfinished", finished)
    return sizes


WANT = {
    "results": ("(t) => t.dataset.abQuery === {q}", ".ab-search__results"),
    "finder": (
        "(t) => new URLSearchParams(t.dataset.abState || '').get('q') === {q}",
        ".ab-finder__status",
    ),
}


def _expect(page, query: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    """From now on, note when the results for `query` are on screen."""
    want = WANT[kind][0].format(q=repr(query.strip()))
    page.evaluate(f"window.__ab.want = {want}; window.__ab.done = 0")


def _wait_for(page, query: str, kind: str) -> float:  # type: ignore[no-untyped-def]
    """The page's clock when the results for `query` were on screen."""
    want, selector = WANT[kind][0].format(q=repr(query.strip())), WANT[kind][1]
    page.wait_for_function(f"(s) => ({want})(document.querySelector(s))", arg=selector)
    return page.evaluate("window.__ab.done || performance.now()")


def _after_last_key(page, box: str, query: str, kind: str) -> float:  # type: ignore[no-untyped-def]
    page.fill(box, "")
    page.wait_for_timeout(300)
    page.focus(box)
    _expect(page, query, kind)
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    return _wait_for(page, query, kind) - page.evaluate("window.__ab.lastKey")


def _material_after_last_key(page, query: str) -> float:  # type: ignore[no-untyped-def]
    box = "input.md-search__input"
    page.fill(box, "")
    page.wait_for_timeout(500)
    page.focus(box)
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    quiet_since = time.monotonic()
    last = page.evaluate("window.__ab.changed")
    while time.monotonic() - quiet_since < 1.5:  # results settle: no change for 1.5 s
        page.wait_for_timeout(100)
        now = page.evaluate("window.__ab.changed")
        if now != last:
            last, quiet_since = now, time.monotonic()
    return max(0.0, last - page.evaluate("window.__ab.lastKey"))


# --- putting it together ---------------------------------------------------------------


def index_seconds(site: Path, runs: int) -> list[float]:
    """Pagefind on a copy of the built site (its own index removed), `runs` times."""
    times = []
    with tempfile.TemporaryDirectory(prefix="adoptbook-index-") as scratch:
        copy = Path(scratch) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
        for _ in range(runs):
            shutil.rmtree(copy / BUNDLE_DIR, ignore_errors=True)
            times.append(index_site(copy))
    return times


def measure(
    sites: dict[str, Path], plain: Path, runs: int, say: Callable[[str], None]
) -> dict[str, Figures]:
    """Figures per edition, and for stock Material search under the key "material"."""
    from playwright.sync_api import sync_playwright

    results = {name: Figures() for name in [*sites, "material"]}
    for name, site in sites.items():
        results[name].index_seconds = index_seconds(site, runs)
        say(f"    {name}: Pagefind indexing {Figures.median(results[name].index_seconds):.2f} s")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            for number in range(1, runs + 1):
                for name, site in sites.items():
                    with serve(site) as url:
                        measure_adoptbook(browser, url, site, results[name])
                with serve(plain) as url:
                    measure_material(browser, url, plain, results["material"])
                say(f"    browser run {number}/{runs}: " + summary(results))
        finally:
            browser.close()
    return results


def summary(results: dict[str, Figures]) -> str:
    return ", ".join(
        f"{name} ready {f.ready[-1]:.0f} ms, after key {f.after_key[-1]:.0f} ms, "
        f"{f.transfer[-1] / 1024:.0f} KB"
        for name, f in results.items()
        if f.ready
    )
