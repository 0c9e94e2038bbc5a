// The account panel: the current account's details, typed once, kept in this browser.
//
// Other tools read the same record through the exports below (readAccount,
// onAccountChange, formatDate). Values live in localStorage under "adoptbook:account"
// as {placeholder_name: value}; dates as "YYYY-MM-DD". Nothing is sent anywhere.
import { ACCOUNT, clear, load, save } from "./store.js";

export function readAccount() {
  const account = load(ACCOUNT, {});
  return account && typeof account === "object" && !Array.isArray(account) ? account : {};
}

export function setAccountValue(name, value) {
  const account = readAccount();
  if (value) account[name] = value;
  else delete account[name];
  save(ACCOUNT, account);
}

export function clearAccount() {
  clear(ACCOUNT);
}

// Calls back with the whole record whenever it changes, here or in another tab.
export function onAccountChange(callback) {
  window.addEventListener("adoptbook:stored", (event) => {
    const name = event.detail && event.detail.name;
    if (!name || name === ACCOUNT) callback(readAccount());
  });
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.endsWith(":" + ACCOUNT)) callback(readAccount());
  });
}

// "2027-03-01" -> the way this reader's browser writes a date ("1 March 2027", "March 1, 2027").
export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(undefined, { dateStyle: "long" }).format(date);
}

// A stored value as it reads in a message.
export function displayValue(field, value) {
  return field.kind === "date" ? formatDate(value) : value;
}

let panels = 0;

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function input(field, id, hintId) {
  const attributes = { id, name: field.name, "aria-describedby": hintId, autocomplete: "off" };
  if (field.kind === "long") return element("textarea", { ...attributes, rows: "4" });
  const type = { date: "date", link: "url" }[field.kind] || "text";
  return element("input", { ...attributes, type });
}

// Builds the panel inside `container` for `fields` ([{name, label, description, kind}]).
export function buildPanel(container, fields) {
  const prefix = `ab-account-${++panels}`;
  const panel = element("details", { class: "ab-account-panel" });
  const summary = element("summary");
  const title = element("span", { class: "ab-account-title" }, "Account details");
  const count = element("span", { class: "ab-account-count" });
  summary.append(title, " ", count);
  const privacy = element(
    "p",
    { class: "ab-account-privacy" },
    "These details fill in the blanks of every message here. They stay in this " +
      "browser, on this device (local storage): nothing leaves the browser.",
  );
  const form = element("form", { class: "ab-account-form", "aria-label": "Account details" });
  form.addEventListener("submit", (event) => event.preventDefault());
  const inputs = new Map();
  const status = element("span", { class: "ab-status", role: "status" });
  fields.forEach((field, index) => {
    const id = `${prefix}-${index}`;
    const wrapper = element("div", { class: `ab-field ab-field--${field.kind}` });
    const hint = element("span", { class: "ab-field-hint", id: `${id}-hint` }, field.description);
    const control = input(field, id, `${id}-hint`);
    control.addEventListener("input", () => {
      setAccountValue(field.name, control.value.trim());
      status.textContent = "";
    });
    inputs.set(field.name, control);
    wrapper.append(element("label", { for: id }, field.label), hint, control);
    form.append(wrapper);
  });
  const actions = element("div", { class: "ab-account-actions" });
  const clearButton = element("button", { type: "button", class: "md-button ab-button" });
  clearButton.textContent = "Clear details";
  clearButton.addEventListener("click", () => {
    clearAccount();
    status.textContent = "Details cleared from this browser.";
  });
  actions.append(clearButton, status);
  form.append(actions);
  panel.append(summary, privacy, form);

  const show = (account) => {
    let filled = 0;
    for (const [name, control] of inputs) {
      const value = account[name] || "";
      if (value) filled += 1;
      if (control !== document.activeElement && control.value !== value) control.value = value;
    }
    count.textContent = `${filled} of ${inputs.size} filled in`;
    return filled;
  };
  panel.open = show(readAccount()) < inputs.size;
  onAccountChange(show);
  container.replaceChildren(panel);
}

export function start(container) {
  buildPanel(container, JSON.parse(container.dataset.abFields || "[]"));
}
