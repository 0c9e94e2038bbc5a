// The go-live date field shared by plans and the rollout timeline. The date is one of the
// account details (account.js), so messages, plans and the timeline all use one date.
import { onAccountChange, readAccount, setAccountValue } from "./account.js";
import { parseDate } from "./dates.js";

export const GO_LIVE = "go_live_date";

export function goLiveDate() {
  const value = readAccount()[GO_LIVE];
  return parseDate(value) === null ? "" : value;
}

export function setGoLiveDate(value) {
  setAccountValue(GO_LIVE, value);
}

// Wire the field in `root`; `onChange(date or null)` runs now and on every change,
// including changes made in another tab or by another tool on the page.
export function bindGoLive(root, onChange) {
  const input = root.querySelector("[data-ab-golive]");
  const clearButton = root.querySelector("[data-ab-golive-clear]");
  let shown;
  const show = (value) => {
    if (value === shown) return;
    shown = value;
    if (input.value !== value) input.value = value;
    onChange(parseDate(value));
  };
  input.addEventListener("change", () => {
    const value = parseDate(input.value) === null ? "" : input.value;
    if (value || input.value === "") setGoLiveDate(value);
    show(value);
  });
  clearButton?.addEventListener("click", () => {
    setGoLiveDate("");
    show("");
    input.focus();
  });
  const sync = () => show(goLiveDate());
  onAccountChange(sync);
  // A date typed before this script ran counts as the reader's choice.
  if (parseDate(input.value) !== null && input.value !== goLiveDate()) setGoLiveDate(input.value);
  sync();
  return input;
}
