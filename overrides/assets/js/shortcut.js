// One-key shortcuts on links that carry data-ab-key, e.g. "c" between a play page and its
// call sheet. A key does nothing while typing in a field or with a modifier held, and
// nothing when the page has several different links for it (say, plays embedded in a page).
const links = new Set();
let listening = false;

function typing(target) {
  return target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
}

function onKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.isComposing || typing(event.target)) return;
  const matches = [...links].filter((link) => link.dataset.abKey === event.key);
  const targets = new Set(matches.map((link) => link.href));
  if (targets.size !== 1) return;
  event.preventDefault();
  window.location.assign(matches[0].href);
}

export function start(link) {
  links.add(link);
  if (!listening) {
    document.addEventListener("keydown", onKey);
    listening = true;
  }
}
