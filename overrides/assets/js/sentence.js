// From what someone typed, as they would say it, to the words worth searching for.
//
// Pagefind looks for pages that hold every word of a query, so a whole sentence
// ("the training went well but people still don't use it") finds little or nothing.
// `searchTerms` keeps the words that carry meaning: common variants are written one
// way, filler words are dropped, and short upper-case words ("IT", "HR") are kept
// even when they look like filler. Pagefind itself stems what is left.

// Function words and the filler of spoken English.
const FILLER = new Set(
  `a about above after again against all also am an and any anybody anyone anything
  are around as at be because been before being below between both but by can could
  did do does doing done down during each either else even ever every everybody
  everyone everything few for from further get gets getting go goes going gone got
  gotten had has have having he her here hers herself him himself his how however i
  if in into is it its itself just keep keeps kind know knows let lets like lot lots
  make makes made many may maybe me might mine more most much must my myself need
  needs neither no nor not now of off oh ok okay on once one only or other others ought
  our ours ourselves out over perhaps please pretty quite rather really said same
  say says see seem seems seemed shall she should so some somebody someone something
  sort still stuff such sure than that the their theirs them themselves then there
  these they thing things think this those though through thus to too under until up
  upon us very want wants was way we well were what whatever when where whether which
  while who whom whose why will with within without would yeah yes yet you your yours
  yourself yourselves actually basically literally went come comes came coming ones
  thinking thought onto take takes took taken put puts give gives gave given`.split(/\s+/),
);

// One spelling for words people write several ways. Each pattern runs on lower-case
// text; the replacement is what Pagefind can match (it also matches longer words
// that start with it: "log" finds "log", "logins" and "logged").
const VARIANTS = [
  [/[’‘`]/g, "'"],
  [/\bcan'?t\b|\bcannot\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/n't\b/g, " not"],
  [/'(s|re|ve|ll|d|m)\b/g, ""],
  [/\be[- ]mails?\b/g, "email"],
  [/\b(?:log|sign)[- ]?(?:in|on)s?\b|\blog-?ins?\b/g, "log"],
  [/\b(?:go|going|goes|gone|went)[- ]live\b|\bgolive\b/g, "live"],
  [/\broll[- ]outs?\b/g, "rollout"],
  [/\bkick[- ]offs?\b/g, "kickoff"],
  [/\bon[- ]board(ing|ed)?\b/g, "onboard$1"],
  [/\bsign[- ]ups?\b/g, "signup"],
  [/\bwork[- ]arounds?\b/g, "workaround"],
  [/\bfollow[- ]ups?\b/g, "followup"],
  [/\bno[- ]one\b/g, "nobody"],
  [/\b(?:switch|turn)(?:e?d|ing|es|s)? (?:it |them |everything )?on\b/g, "launch"],
];

// Irregular forms that stemming does not bring back to their word ("told" -> "tell").
const IRREGULAR = Object.fromEntries(
  `bought:buy sold:sell taught:teach brought:bring told:tell left:leave lost:lose paid:pay
  spent:spend sent:send built:build felt:feel met:meet ran:run began:begin begun:begin
  wrote:write written:write gave:give given:give took:take taken:take chose:choose
  chosen:choose forgot:forget forgotten:forget understood:understand fell:fall fallen:fall
  grew:grow grown:grow held:hold led:lead meant:mean stood:stand won:win broke:break
  broken:break drove:drive driven:drive spoke:speak spoken:speak caught:catch fought:fight
  hid:hide hidden:hide shown:show`
    .split(/\s+/)
    .map((pair) => pair.split(":")),
);

const SHOUTED = /^[A-Z]{2,4}$/; // "IT", "HR", "CRM": names, not filler, even when short
const SHORTEST = 3; // one or two letters (often a word still being typed) match too much
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

/** Short upper-case words of `query` that would be filler in lower case ("IT"). */
export function acronyms(query) {
  const shouted = (query.match(WORD) || []).filter((token) => SHOUTED.test(token));
  return new Set(shouted.map((token) => token.toLowerCase()).filter((word) => FILLER.has(word)));
}

/** The words of `query` worth searching for, in order, each once. */
export function searchTerms(query) {
  const shouted = new Set(
    (query.match(WORD) || []).filter((token) => SHOUTED.test(token)).map((t) => t.toLowerCase()),
  );
  const kept = [];
  for (const token of normalise(query).match(WORD) || []) {
    const word = token.replace(/^[-']+|[-']+$/g, "");
    if (shouted.has(word) || (word.length >= SHORTEST && !FILLER.has(word))) kept.push(word);
  }
  return [...new Set(kept)];
}

/** Variants written one way: "log-in" -> "log", "don't" -> "do not". */
export function normalise(text) {
  let result = text.toLowerCase();
  for (const [pattern, replacement] of VARIANTS) result = result.replace(pattern, replacement);
  return result;
}

/** Other forms of `word` that stemming misses: "told" -> ["tell"], "tell" -> ["told"]. */
export function otherForms(word) {
  const base = IRREGULAR[word] || word;
  const forms = Object.keys(IRREGULAR).filter((form) => IRREGULAR[form] === base);
  return [base, ...forms].filter((form) => form !== word);
}

/** A crude stem, to compare words: "spreadsheets" and "spreadsheet" give "spreadsheet". */
export function stem(word) {
  let w = word.toLowerCase();
  if (/^[a-z]{2}ing$/.test(w)) return `${w.slice(0, 2)}e`; // "using" -> "use"
  for (const suffix of ["ingly", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.length > 3 && w.endsWith("e") ? w.slice(0, -1) : w;
}
