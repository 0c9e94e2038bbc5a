// Search over this edition's Pagefind index, written next to the site by adoptbook's
// search.py when the edition was built. Used by the header search and the finder.
//
// A query becomes the words that carry meaning (sentence.js), each with the words
// customers use for the same thing (synonyms.js) and irregular forms ("told", "tell").
// Every word is one Pagefind search (Pagefind itself requires all the words of a
// query). A page's score adds up, per query word, its best match among that word's
// alternatives, scaled by the share of query words it holds (to the power 0.3: a page
// with half of them keeps 81 % of its score). For a sentence, the best pages are then
// looked at again: the more of the query one of their symptoms holds, the higher
// they go. Keywords (a query with no filler word) rank pages holding all of them first
// when there are at least ENOUGH such pages, and fall back to this ranking otherwise;
// for a whole sentence, all-words matching finds too little (or the wrong pages, when
// it hinges on a weak word), so sentences always use the ranking. Pagefind loads only
// the index chunks those words need; on a large site, words on most of its pages are
// left out (they weigh least and cost most to load). Nothing leaves the site.
import { acronyms, otherForms, searchTerms, stem } from "./sentence.js";
import { SYNONYMS } from "./synonyms.js";

const SITE_ROOT = new URL("../../", import.meta.url).href;
const BUNDLE = new URL("pagefind/pagefind.js", SITE_ROOT).href;
const ENOUGH = 3;
const SYNONYM_WEIGHT = 0.7; // a page with the word itself ranks above one with a synonym
const ACRONYM_WEIGHT = 2; // "IT" in a query names what the play is about
const HELD_EXPONENT = 0.3; // a page with half the words keeps 81 % of its score
const RERANKED = 8; // the best pages looked at again, by their symptoms (those shown)
const SYMPTOM_WEIGHT = 4; // a symptom holding the whole query multiplies the score by 5
const EXCERPT_WORDS = 22;
const GROUPS = new Map(
  SYNONYMS.trim()
    .split("\n")
    .flatMap((line) => {
      const words = line.trim().split(/\s+/);
      return words.map((word) => [stem(word), words]);
    }),
);
// Matches in a play's symptoms (the `symptoms` metadata of a play page) weigh most,
// then a page's title, then a play's summary; the body counts once (data-pagefind-weight
// in the play template raises the same parts within the body).
export const RANKING = { metaWeights: { symptoms: 10, title: 5, summary: 2 } };
let pagefind = null;
let common = null;
const searched = new Map(); // word -> Pagefind's results (a promise), the newest last
const REMEMBERED = 200;

/** Pagefind, loaded and started once (the first call starts the download). */
export function load() {
  pagefind ??= import(BUNDLE).then(async (module) => {
    await module.options({ excerptLength: EXCERPT_WORDS, ranking: RANKING });
    await module.init();
    return module;
  });
  commonWords();
  return pagefind;
}

/** Each word of `query` worth searching for, with its alternatives: [[word, weight]]. */
export function concepts(query) {
  return searchTerms(query).map((term) => {
    const group = GROUPS.get(stem(term)) || [];
    const synonyms = group.filter((word) => stem(word) !== stem(term));
    return [
      [term, 1],
      ...otherForms(term).map((form) => [form, 1]),
      ...synonyms.map((word) => [word, SYNONYM_WEIGHT]),
    ];
  });
}

/** The pages for `query`, best first: {terms, results: [{id, score, data()}]}. */
export async function rank(query) {
  const named = [...acronyms(query)];
  const [pf, common] = await Promise.all([load(), commonWords()]);
  const wanted = withoutCommon(concepts(query), common, named);
  const terms = wanted.flatMap((alternatives) => alternatives.map(([word]) => word));
  if (!wanted.length) return { terms, results: [] };
  const words = [...new Set(terms)].filter(
    (word) => !(named.includes(word) && common.has(stem(word))), // "it": filed plays only
  );
  const [found, tagged] = await Promise.all([
    Promise.all(words.map(async (word) => [word, await searchWord(pf, word)])),
    Promise.all(named.map(async (word) => [word, await facetMatches(pf, word)])),
  ]);
  const results = new Map(found);
  const pages = new Map(); // id -> {id, data, best: [score per concept]}
  const page = (id, data) => {
    if (!pages.has(id)) pages.set(id, { id, data, best: new Array(wanted.length).fill(0) });
    return pages.get(id);
  };
  wanted.forEach((alternatives, at) => {
    for (const [word, weight] of alternatives) {
      for (const { id, score, data } of results.get(word) || []) {
        const seen = page(id, data);
        seen.best[at] = Math.max(seen.best[at], score * weight);
      }
    }
  });
  // "IT" is not "it", but Pagefind cannot tell them apart: an acronym that is also a
  // filler word counts only on plays filed under it (a persona, tag... named "it"),
  // on top of how much those plays say it.
  const strongest = Math.max(0, ...[...pages.values()].flatMap((p) => p.best));
  for (const [word, matches] of tagged) {
    const at = wanted.findIndex(([[term]]) => term === word);
    const filed = new Set(matches.map(({ id }) => id));
    for (const seen of pages.values()) if (!filed.has(seen.id)) seen.best[at] = 0;
    for (const { id, data } of matches) page(id, data).best[at] += ACRONYM_WEIGHT * strongest;
  }
  const ranked = [...pages.values()].map(({ id, data, best }) => {
    const held = best.filter((score) => score > 0).length;
    const total = best.reduce((sum, score) => sum + score, 0);
    const share = (held / wanted.length) ** HELD_EXPONENT;
    return { id, data, all: held === wanted.length, score: total * share };
  });
  const allFirst = isKeywords(query) && ranked.filter((page) => page.all).length >= ENOUGH;
  ranked.sort((a, b) => (allFirst ? b.all - a.all : 0) || b.score - a.score);
  if (wanted.length > 1) await bySymptoms(ranked, wanted);
  return { terms, results: ranked };
}

/** Pagefind's results for one word, kept: typing a sentence searches each word once. */
function searchWord(pf, word) {
  if (!searched.has(word)) {
    if (searched.size >= REMEMBERED) searched.delete(searched.keys().next().value);
    searched.set(word, pf.search(word).then((found) => found.results));
  }
  return searched.get(word);
}

/** The query's words without those on most pages of a large site (commonWords), unless
 *  nothing else is left, and without their synonyms that are; an acronym ("IT") stays,
 *  to be matched on the plays filed under it. */
function withoutCommon(wanted, common, named) {
  const isCommon = ([word]) => common.has(stem(word));
  const kept = wanted.filter(([first]) => named.includes(first[0]) || !isCommon(first));
  if (!kept.length) return wanted;
  return kept.map(([first, ...others]) => [first, ...others.filter((other) => !isCommon(other))]);
}

/** Words too common to be worth loading (pagefind/adoptbook-common.json, by stem). */
function commonWords() {
  common ??= fetch(new URL("pagefind/adoptbook-common.json", SITE_ROOT))
    .then((response) => (response.ok ? response.json() : []))
    .catch(() => [])
    .then((words) => new Set(words.map((word) => stem(word))));
  return common;
}

/** Reorders the best RERANKED pages by how much of the query one of their symptoms holds:
 *  a sentence that a single thing customers say nearly repeats goes first. */
async function bySymptoms(ranked, wanted) {
  const top = ranked.slice(0, RERANKED);
  const pages = await Promise.all(top.map((result) => result.data()));
  top.forEach((result, at) => {
    const phrases = (pages[at].meta.symptoms || "").split(/(?<=["”])\.\s+/);
    const share = Math.max(0, ...phrases.map((phrase) => heldIn(phrase, wanted)));
    result.score *= 1 + SYMPTOM_WEIGHT * share * share;
  });
  top.sort((a, b) => b.score - a.score);
  ranked.splice(0, top.length, ...top);
}

/** The share of the query's words (any of their alternatives) that `text` holds. */
function heldIn(text, wanted) {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const held = wanted.filter((alternatives) =>
    alternatives.some(([word]) => words.some((w) => w.startsWith(stem(word)))),
  );
  return held.length / wanted.length;
}

/** Typed as keywords (no word was filler), rather than said as a sentence. */
function isKeywords(query) {
  return searchTerms(query).length === (query.match(/[\p{L}\p{N}]+/gu) || []).length;
}

const FACETS = ["type", "stage", "segment", "tier", "persona", "tag"];

async function facetMatches(pf, value) {
  const filters = { any: FACETS.map((facet) => ({ [facet]: value })) };
  return (await pf.search(null, { filters })).results;
}

let plays = null;

/** A URL as a path from the site's root ("plays/no-choice/"), as Pagefind gives them. */
export function sitePath(url) {
  const absolute = new URL(url, document.baseURI).href.split(/[?#]/)[0];
  return absolute.startsWith(SITE_ROOT) ? absolute.slice(SITE_ROOT.length) : absolute;
}

/** Pagefind's id of each play page -> its path (written next to the index at build time). */
export function playPaths() {
  plays ??= fetch(new URL("pagefind/adoptbook-plays.json", SITE_ROOT)).then((response) => {
    if (!response.ok) throw new Error(`no list of plays (${response.status})`);
    return response.json();
  });
  return plays;
}

/** A search result as a list item: title, kind of page, and the passage that matched. */
export function resultItem(data, terms, className) {
  const item = document.createElement("li");
  item.className = className;
  const link = document.createElement("a");
  link.href = data.url;
  const title = document.createElement("span");
  title.className = `${className}-title`;
  title.textContent = data.meta.title || data.url;
  const kind = document.createElement("span");
  kind.className = `${className}-type`;
  kind.textContent = data.meta.type || "Page";
  const passage = document.createElement("span");
  passage.className = `${className}-excerpt`;
  passage.innerHTML = bestPassage(data, terms); // escaped in `excerpt`
  link.append(title, kind, passage);
  item.append(link);
  return item;
}

/** The symptom phrase holding the most query terms, if none holds fewer than the body. */
function bestPassage(data, terms) {
  const phrases = (data.meta.symptoms || "").split(/(?<=["”])\.\s+/).filter(Boolean);
  const held = (text) => new Set(matches(text.split(/\s+/), terms).filter((m) => m >= 0)).size;
  const phrase = phrases.reduce((best, p) => (held(p) > held(best) ? p : best), "");
  const words = data.content.split(/\s+/);
  const body = excerpt(data.content, terms);
  const bodyHeld = Math.max(...windowCounts(matches(words, terms)), 0);
  return phrase && held(phrase) >= bodyHeld ? excerpt(phrase, terms) : body;
}

/** The stretch of `text` holding the most query terms, as HTML with the matches marked. */
export function excerpt(text, terms, length = EXCERPT_WORDS) {
  const words = text.split(/\s+/).filter(Boolean);
  const hits = matches(words, terms);
  const counts = windowCounts(hits, length);
  const best = counts.indexOf(Math.max(...counts));
  const shown = words.slice(best, best + length).map((word, i) => {
    const safe = escapeHtml(word);
    return hits[best + i] >= 0 ? `<mark>${safe}</mark>` : safe;
  });
  const before = best > 0 ? "… " : "";
  const after = best + length < words.length ? " …" : "";
  return before + shown.join(" ") + after;
}

/** For each word, which query term it starts with (-1 for none). */
function matches(words, terms) {
  const stems = terms.map((term) => stem(term));
  return words.map((word) => {
    const bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, "");
    return stems.findIndex((s) => bare.startsWith(s));
  });
}

/** For each start, how many different terms the next `length` words hold. */
function windowCounts(hits, length = EXCERPT_WORDS) {
  const counts = [];
  for (let start = 0; start < Math.max(1, hits.length - length + 1); start += 1) {
    counts.push(new Set(hits.slice(start, start + length).filter((h) => h >= 0)).size);
  }
  return counts;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
