// "Find a play" (finder.py): narrows the page's complete list of plays by facets and
// words, with live counts. The state is in the URL (?q=…&stage=go-live&segment=b2c), so a
// shared link reopens the same view.
//
// Everything it shows is the list on the page: each item carries its facet values
// (data-ab-facets). Words go through the site search (engine.js), whose results are
// matched to the list's items by URL (pagefind/adoptbook-plays.json, written with the
// index), so no result needs loading on its own.
import { playPaths, rank, sitePath } from "./engine.js";
import { whenTypingPauses } from "./search.js";

const PAGE_SIZE = 20;
const URL_AFTER_MS = 400; // the address follows once typing pauses

export function start(root) {
  const form = root.querySelector(".ab-finder__form");
  const items = [...root.querySelectorAll(".ab-finder__all li[data-ab-facets]")].map(readItem);
  const ui = {
    form,
    items,
    byPath: new Map(items.map((item) => [item.path, item])),
    text: form.elements.q,
    selects: [...form.querySelectorAll("select[data-ab-facet]")],
    status: root.querySelector(".ab-finder__status"),
    results: root.querySelector(".ab-finder__results"),
    all: root.querySelector(".ab-finder__all"),
    shown: PAGE_SIZE,
    urlTimer: 0,
  };
  ui.labels = new Map(ui.selects.flatMap((s) => [...s.options].map((o) => [o, o.textContent])));
  form.hidden = false;
  readUrl(ui);
  const update = whenTypingPauses((_, stale) => apply(ui, stale));
  const now = () => update(null, { now: true });
  form.addEventListener("input", (event) => {
    ui.shown = PAGE_SIZE;
    if (event.target === ui.text) update();
  });
  form.addEventListener("change", (event) => {
    ui.shown = PAGE_SIZE;
    if (event.target !== ui.text) now();
  });
  form.addEventListener("reset", () => window.setTimeout(now)); // after the form clears
  form.addEventListener("submit", (event) => event.preventDefault());
  ui.text.addEventListener("focus", () => playPaths().catch(() => {}), { once: true });
  window.addEventListener("popstate", () => {
    readUrl(ui);
    now();
  });
  now();
}

function readItem(li) {
  const facets = new Set(li.dataset.abFacets.split(" "));
  return { li, facets, path: sitePath(li.querySelector("a").href) };
}

function readUrl(ui) {
  const params = new URLSearchParams(window.location.search);
  ui.text.value = params.get("q") || "";
  for (const select of ui.selects) {
    const wanted = params.get(select.dataset.abFacet) || "";
    select.value = [...select.options].some((o) => o.value === wanted) ? wanted : "";
  }
}

/** The view as URL parameters: "?q=…&stage=go-live" ("" for everything). */
function stateOf(query, chosen) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of chosen) params.set(name, value);
  const search = params.toString();
  return search ? `?${search}` : "";
}

function writeUrl(query, chosen) {
  const url = `${window.location.pathname}${stateOf(query, chosen)}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, "", url);
  }
}

async function apply(ui, stale = () => false) {
  const query = ui.text.value.trim();
  const chosen = ui.selects.filter((s) => s.value).map((s) => [s.dataset.abFacet, s.value]);
  window.clearTimeout(ui.urlTimer);
  ui.urlTimer = window.setTimeout(() => writeUrl(query, chosen), query ? URL_AFTER_MS : 0);
  let pool = ui.items; // the plays the words allow, best first
  let note = "";
  if (query) {
    try {
      pool = await textMatches(ui, query);
      if (stale()) return; // typing went on: the newer words are searched next
    } catch {
      note = " Searching by words needs the site served over http(s).";
    }
  }
  const matching = count(ui, pool, chosen);
  if (query && !note) showRanked(ui, matching);
  else showOnPage(ui, new Set(matching));
  ui.status.textContent = summary(matching.length, ui.items.length, query, chosen) + note;
  ui.status.dataset.abState = stateOf(query, chosen); // which view is shown (for tests)
}

/** The list's items for the words, best first. */
async function textMatches(ui, query) {
  const [paths, { results }] = await Promise.all([playPaths(), rank(query)]);
  const found = [];
  for (const { id } of results) {
    const item = ui.byPath.get(paths[id]);
    if (item) found.push(item);
  }
  return found;
}

/** Live counts in each facet's options: how many plays there would be with that value
 *  (the other facets as chosen); returns the plays that fit every chosen value. */
function count(ui, pool, chosen) {
  const counts = new Map(); // "stage:go-live" -> plays; "stage:" -> plays for "Any"
  const matching = [];
  for (const item of pool) {
    const missed = chosen.filter(([name, value]) => !item.facets.has(`${name}:${value}`));
    if (missed.length > 1) continue;
    const only = missed.length ? missed[0][0] : null; // it fits if this facet changes
    if (!only) matching.push(item);
    for (const token of item.facets) {
      if (!only || token.startsWith(`${only}:`)) counts.set(token, (counts.get(token) || 0) + 1);
    }
    for (const select of ui.selects) {
      const name = select.dataset.abFacet;
      if (!only || only === name) counts.set(`${name}:`, (counts.get(`${name}:`) || 0) + 1);
    }
  }
  for (const select of ui.selects) {
    for (const option of select.options) {
      const n = counts.get(`${select.dataset.abFacet}:${option.value}`) || 0;
      option.textContent = `${ui.labels.get(option)} (${n})`;
      option.disabled = Boolean(option.value) && n === 0 && option.value !== select.value;
    }
  }
  return matching;
}

/** No words: the list on the page, grouped by type, without the plays that do not fit. */
function showOnPage(ui, shown) {
  for (const item of ui.items) item.li.hidden = !shown.has(item);
  for (const list of ui.all.querySelectorAll("ul")) {
    const empty = ![...list.children].some((li) => !li.hidden);
    list.hidden = empty;
    const heading = list.previousElementSibling;
    if (heading?.tagName === "H2") heading.hidden = empty;
  }
  ui.results.hidden = true;
  ui.results.replaceChildren();
  ui.all.hidden = false;
}

/** Words: the same items, in the order of the search, a page at a time. */
function showRanked(ui, matching) {
  const list = document.createElement("ol");
  list.className = "ab-finder__ranked";
  list.append(...matching.slice(0, ui.shown).map((item) => item.li.cloneNode(true)));
  for (const li of list.children) li.hidden = false;
  const parts = [list];
  if (matching.length > ui.shown) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button ab-finder__more";
    more.textContent = `Show ${Math.min(PAGE_SIZE, matching.length - ui.shown)} more`;
    more.addEventListener("click", () => {
      const first = ui.shown;
      ui.shown += PAGE_SIZE;
      showRanked(ui, matching);
      ui.results.querySelectorAll(".ab-finder__ranked > li > a")[first]?.focus();
    });
    parts.push(more);
  }
  ui.results.replaceChildren(...parts);
  ui.results.hidden = false;
  ui.all.hidden = true;
}

function summary(shown, total, query, chosen) {
  if (!query && !chosen.length) return `All ${total} plays.`;
  return `${shown} of ${total} plays match.`;
}
