// The search box in the header (partials/ab-search.html): type what you heard, get the
// plays. `/` or `s` focuses it; arrow keys move through the results; Enter opens one;
// Esc closes. Result counts are announced through a polite live region.
import { load, rank, resultItem } from "./engine.js";

const SHOWN = 8;
const ANNOUNCE_AFTER_MS = 700; // let typing settle before a screen reader speaks

export function start(root) {
  const ui = {
    root,
    input: root.querySelector(".ab-search__input"),
    form: root.querySelector(".ab-search__form"),
    panel: root.querySelector(".ab-search__panel"),
    list: root.querySelector(".ab-search__results"),
    status: root.querySelector(".ab-search__status"),
    announce: root.querySelector(".ab-search__announce"),
    opener: root.querySelector(".ab-search__open"),
    all: root.querySelector(".ab-search__all"),
    finder: root.dataset.abFinder,
  };
  const search = whenTypingPauses((query, stale) => show(ui, query, stale));
  const warm = () => load().catch(() => {}); // start fetching the index before the first key

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "/" || event.key === "s") && !isTyping(event.target)) {
      event.preventDefault();
      open(ui);
    }
  });
  ui.opener.addEventListener("click", () => open(ui));
  root.querySelector(".ab-search__close").addEventListener("click", () => {
    close(ui);
    ui.opener.focus();
  });
  ui.input.addEventListener("focus", () => {
    warm();
    if (ui.input.value.trim() && ui.list.children.length) ui.panel.hidden = false;
  });
  ui.input.addEventListener("pointerenter", warm, { once: true });
  ui.input.addEventListener("input", () => search(ui.input.value));
  ui.input.addEventListener("keydown", (event) => onInputKey(ui, event));
  ui.list.addEventListener("keydown", (event) => onResultKey(ui, event));
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = ui.list.querySelector("a");
    if (first && !ui.panel.hidden) window.location.assign(first.href);
  });
  document.addEventListener("pointerdown", (event) => {
    if (!root.contains(event.target)) close(ui);
  });
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) close(ui);
  });
}

function open(ui) {
  ui.root.classList.add("ab-search--open");
  ui.opener.setAttribute("aria-expanded", "true");
  ui.input.focus();
  ui.input.select();
}

function close(ui) {
  ui.panel.hidden = true;
  ui.root.classList.remove("ab-search--open");
  ui.opener.setAttribute("aria-expanded", "false");
}

function onInputKey(ui, event) {
  if (event.key === "ArrowDown") {
    const first = ui.list.querySelector("a");
    if (first && !ui.panel.hidden) {
      event.preventDefault();
      first.focus();
    }
  } else if (event.key === "Escape") {
    event.preventDefault();
    if (!ui.panel.hidden) ui.panel.hidden = true;
    else {
      close(ui);
      ui.input.blur();
    }
  }
}

function onResultKey(ui, event) {
  const links = [...ui.list.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 };
  if (event.key in moves) {
    event.preventDefault();
    const to = moves[event.key];
    (to < 0 ? ui.input : links[Math.min(to, links.length - 1)]).focus();
  } else if (event.key === "Escape") {
    event.preventDefault();
    ui.panel.hidden = true;
    ui.input.focus();
  }
}

async function show(ui, query, stale = () => false) {
  const text = query.trim();
  if (!text) {
    ui.list.replaceChildren();
    ui.list.dataset.abQuery = "";
    ui.panel.hidden = true;
    say(ui, "");
    return;
  }
  let found;
  try {
    found = await rank(text);
  } catch {
    report(ui, [], "Search is not available here: it needs the site served over http(s).", text);
    return;
  }
  if (stale()) return; // typing went on: show the newer query's results instead
  const pages = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
  if (stale()) return;
  const items = pages.map((data) => resultItem(data, found.terms, "ab-search__result"));
  const count = found.results.length;
  const summary = count
    ? `${count} result${count === 1 ? "" : "s"}${count > SHOWN ? `, showing the best ${SHOWN}` : ""}`
    : "No results. Try other or fewer words.";
  if (ui.all) ui.all.href = `${ui.finder}?q=${encodeURIComponent(text)}`;
  report(ui, items, summary, text);
}

function report(ui, items, summary, query) {
  ui.list.replaceChildren(...items);
  ui.list.dataset.abQuery = query; // which query the list answers (tests wait on it)
  ui.status.textContent = summary;
  ui.panel.hidden = document.activeElement !== ui.input && !ui.root.contains(document.activeElement);
  say(ui, summary);
}

let announceTimer = 0;
function say(ui, text) {
  window.clearTimeout(announceTimer);
  announceTimer = window.setTimeout(() => {
    ui.announce.textContent = text;
  }, ANNOUNCE_AFTER_MS);
}

const SLOW_MS = 200;
const PAUSE_MS = 120;

/** `task(value, stale)` for the newest value (see `coalesced`): right away while it is
 *  fast; once it took longer than SLOW_MS (a very large site), when typing pauses, so
 *  that slow searches do not queue up behind each other. `{ now: true }` never waits. */
export function whenTypingPauses(task) {
  let timer = 0;
  let took = 0;
  const run = coalesced(async (value, stale) => {
    const started = performance.now();
    await task(value, stale);
    took = performance.now() - started;
  });
  return (value, { now = false } = {}) => {
    window.clearTimeout(timer);
    if (took > SLOW_MS && !now) timer = window.setTimeout(() => run(value), PAUSE_MS);
    else run(value);
  };
}

/** Runs `task` for the newest value only: calls made while it runs are folded into one,
 *  and `task(value, stale)` can ask `stale()` whether a newer value is already waiting. */
export function coalesced(task) {
  let running = false;
  let next = null;
  const stale = () => next !== null; // a newer value is waiting: the task may stop early
  return async function run(value) {
    next = { value };
    if (running) return;
    running = true;
    try {
      while (next) {
        const { value: current } = next;
        next = null;
        await task(current, stale);
      }
    } finally {
      running = false;
    }
  };
}

function isTyping(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}
