// The symptom index (the symptom_index macro): a filter box above the table that
// narrows it as you type. A row stays when its phrase holds every word that carries
// meaning (sentence.js), at the start of one of its words: "spread" finds "spreadsheets".
import { normalise, searchTerms, stem } from "./sentence.js";

export function start(root) {
  const table = root.querySelector("table");
  if (!table || !table.tBodies.length) return;
  const rows = [...table.tBodies[0].rows].map((row) => ({
    row,
    words: normalise(row.cells[0].textContent).match(/[\p{L}\p{N}]+/gu) || [],
  }));
  const field = document.createElement("div");
  field.className = "ab-filter";
  const id = "ab-symptom-filter";
  field.innerHTML =
    `<label for="${id}">Filter the phrases</label>` +
    `<input id="${id}" type="search" autocomplete="off" spellcheck="false" ` +
    `placeholder="Type a few words you heard">` +
    `<p class="ab-filter__status" role="status" aria-live="polite"></p>`;
  root.prepend(field);
  const input = field.querySelector("input");
  const status = field.querySelector(".ab-filter__status");
  const total = rows.length;
  input.addEventListener("input", () => {
    const stems = searchTerms(input.value).map(stem);
    let shown = 0;
    for (const { row, words } of rows) {
      const keep = stems.every((s) => words.some((word) => word.startsWith(s)));
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    }
    status.textContent = stems.length
      ? `${shown} of ${total} phrases${shown ? "" : ": try fewer or other words"}.`
      : "";
  });
}
