// "Find a play" (finder.py): narrows the page's complete list of plays by facets and
// free text, with live counts. The state is in the URL (?q=…&stage=go-live&segment=b2c),
// so a shared link reopens the same view.
//
// Facets alone filter the list on the page, from each item's data-ab-facets. Free text
// goes through the site search (engine.js); the facet values of its results come from
// the same values, indexed by Pagefind as filters.
import { coalesced } from "./search.js";
import { rank, resultItem, withFilter } from "./engine.js";

const PAGE_SIZE = 12;
const URL_AFTER_MS = 400; // the address follows once typing pauses

export function start(root) {
  const form = root.querySelector(".ab-finder__form");
  const ui = {
    form,
    text: form.elements.q,
    selects: [...form.querySelectorAll("select[data-ab-facet]")],
    status: root.querySelector(".ab-finder__status"),
    results: root.querySelector(".ab-finder__results"),
    all: root.querySelector(".ab-finder__all"),
    items: [...root.querySelectorAll(".ab-finder__all li[data-ab-facets]")].map(readItem),
    shown: PAGE_SIZE,
    ids: null, // facet "name:value" -> Set of Pagefind ids, loaded once words are typed
    loading: null,
  };
  ui.labels = new Map(ui.selects.flatMap((s) => [...s.options].map((o) => [o, o.textContent])));
  form.hidden = false;
  readUrl(ui);
  const update = coalesced((_, stale) => apply(ui, stale));
  form.addEventListener("input", (event) => {
    ui.shown = PAGE_SIZE;
    if (event.target === ui.text) update();
  });
  form.addEventListener("change", (event) => {
    ui.shown = PAGE_SIZE;
    if (event.target !== ui.text) update();
  });
  form.addEventListener("reset", () => window.setTimeout(update)); // after the form clears
  form.addEventListener("submit", (event) => event.preventDefault());
  ui.text.addEventListener("focus", () => facetIds(ui).catch(() => {}), { once: true });
  window.addEventListener("popstate", () => {
    readUrl(ui);
    update();
  });
  update();
}

function readItem(li) {
  const facets = new Set(li.dataset.abFacets.split(" "));
  return { li, facets, path: new URL(li.querySelector("a").href).pathname };
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

function writeUrl(ui, query, chosen) {
  const search = stateOf(query, chosen).slice(1);
  const url = `${window.location.pathname}${search ? `?${search}` : ""}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, "", url);
  }
}

async function apply(ui, stale = () => false) {
  const query = ui.text.value.trim();
  const chosen = ui.selects.filter((s) => s.value).map((s) => [s.dataset.abFacet, s.value]);
  window.clearTimeout(ui.urlTimer);
  ui.urlTimer = window.setTimeout(() => writeUrl(ui, query, chosen), query ? URL_AFTER_MS : 0);
  if (!query) {
    listOnPage(ui, chosen);
    ui.status.dataset.abState = stateOf(query, chosen); // which view is shown (for tests)
    return;
  }
  let found;
  try {
    found = await textMatches(ui, query);
    if (stale()) return; // typing went on: the newer words are searched next
  } catch {
    listOnPage(ui, chosen);
    ui.status.textContent = "Searching by words needs the site served over http(s).";
    return;
  }
  const has = (id, key) => ui.ids.get(key)?.has(id);
  const fits = (id, except) => chosen.every(([n, v]) => n === except || has(id, `${n}:${v}`));
  count(ui, (name, value) =>
    found.ids.filter((id) => fits(id, name) && (!value || has(id, `${name}:${value}`))).length,
  );
  const matching = found.results.filter((result) => fits(result.id, null));
  await showResults(ui, matching, found.terms);
  ui.status.textContent = summary(matching.length, ui.items.length, query, chosen);
  ui.status.dataset.abState = stateOf(query, chosen);
}

/** Facets only: filter the list on the page, without the network. */
function listOnPage(ui, chosen) {
  const fits = (item, except) => chosen.every(([n, v]) => n === except || item.facets.has(`${n}:${v}`));
  let shown = 0;
  for (const item of ui.items) {
    item.li.hidden = !fits(item, null);
    shown += item.li.hidden ? 0 : 1;
  }
  for (const list of ui.all.querySelectorAll("ul")) {
    const empty = ![...list.children].some((li) => !li.hidden);
    list.hidden = empty;
    const heading = list.previousElementSibling;
    if (heading?.tagName === "H2") heading.hidden = empty;
  }
  count(ui, (name, value) =>
    ui.items.filter((it) => fits(it, name) && (!value || it.facets.has(`${name}:${value}`)))
      .length,
  );
  ui.results.hidden = true;
  ui.results.replaceChildren();
  ui.all.hidden = false;
  ui.status.textContent = summary(shown, ui.items.length, "", chosen);
}

/** Plays matching the words, best first, with the facet values of every play. */
async function textMatches(ui, query) {
  ui.ids = await facetIds(ui);
  const plays = ui.ids.get("kind:play");
  const { terms, results } = await rank(query);
  const onlyPlays = results.filter((result) => plays.has(result.id));
  return { terms, results: onlyPlays, ids: onlyPlays.map((result) => result.id) };
}

/** Which plays have each facet value, from Pagefind's filters (started once, kept). */
function facetIds(ui) {
  ui.loading ??= (async () => {
    const keys = [["kind", "play"]];
    for (const select of ui.selects) {
      for (const option of select.options) {
        if (option.value) keys.push([select.dataset.abFacet, option.value]);
      }
    }
    const sets = await Promise.all(keys.map(([name, value]) => withFilter(name, value)));
    return new Map(keys.map(([name, value], i) => [`${name}:${value}`, sets[i]]));
  })();
  return ui.loading;
}

/** Live counts in each facet's options: how many plays there would be with that value. */
function count(ui, countFor) {
  for (const select of ui.selects) {
    const name = select.dataset.abFacet;
    for (const option of select.options) {
      const n = countFor(name, option.value);
      option.textContent = `${ui.labels.get(option)} (${n})`;
      option.disabled = Boolean(option.value) && n === 0 && option.value !== select.value;
    }
  }
}

async function showResults(ui, matching, terms) {
  const page = await Promise.all(matching.slice(0, ui.shown).map((result) => result.data()));
  const list = document.createElement("ol");
  list.className = "ab-finder__ranked";
  list.append(...page.map((data) => resultItem(data, terms, "ab-finder__result")));
  const parts = [list];
  if (matching.length > ui.shown) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button ab-finder__more";
    more.textContent = `Show ${Math.min(PAGE_SIZE, matching.length - ui.shown)} more`;
    more.addEventListener("click", async () => {
      const first = ui.shown;
      ui.shown += PAGE_SIZE;
      await showResults(ui, matching, terms);
      ui.results.querySelectorAll(".ab-finder__result a")[first]?.focus();
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
