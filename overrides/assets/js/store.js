// State kept in this browser only (localStorage, one prefix). Nothing is ever sent anywhere.
//
// Shared records:
//   "account": the current account's details, {placeholder_name: value}, e.g.
//              {"customer_name": "Acme", "go_live_date": "2027-03-01"} (dates as YYYY-MM-DD).
//              Messages fill their blanks from it; plans and the timeline take go_live_date.
const PREFIX = "adoptbook:";

export const ACCOUNT = "account";

export function load(name, fallback = null) {
  try {
    const raw = window.localStorage.getItem(PREFIX + name);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback; // storage off or unreadable: behave as if empty
  }
}

export function save(name, value) {
  try {
    window.localStorage.setItem(PREFIX + name, JSON.stringify(value));
    window.dispatchEvent(new CustomEvent("adoptbook:stored", { detail: { name } }));
  } catch {
    // storage full or disabled: the page still works, it just forgets on reload
  }
}

export function clear(name) {
  try {
    window.localStorage.removeItem(PREFIX + name);
  } catch {
    // nothing to clear
  }
  window.dispatchEvent(new CustomEvent("adoptbook:stored", { detail: { name } }));
}

export function clearAll() {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(PREFIX)) window.localStorage.removeItem(key);
    }
  } catch {
    // nothing to clear
  }
  window.dispatchEvent(new CustomEvent("adoptbook:stored", { detail: { name: null } }));
}
