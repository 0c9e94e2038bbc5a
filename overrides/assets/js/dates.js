// Calendar dates as whole days, counted in UTC so that a change to summer time never
// moves a step to another day. Pages give offsets in days from go-live (the rule lives in
// src/adoptbook/schedule.py); this module only adds them up and writes dates for people.
const DAY = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "2027-03-01" -> a day number (ms at UTC midnight), or null if it is not a real date.
export function parseDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const value = Date.UTC(year, month - 1, day);
  return isoDate(value) === text ? value : null;
}

export function addDays(date, days) {
  return date + days * DAY;
}

export function daysBetween(from, to) {
  return Math.round((to - from) / DAY);
}

// Today in the reader's own calendar.
export function today() {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

export function isoDate(date) {
  const d = new Date(date);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function humanDate(date) {
  const d = new Date(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// A <time> element for a date, so that its machine-readable form is in the page too.
export function timeElement(date) {
  const time = document.createElement("time");
  time.dateTime = isoDate(date);
  time.textContent = humanDate(date);
  return time;
}

// The start and due dates of an element carrying data-ab-start / data-ab-due offsets.
export function spanOf(element, goLive) {
  const start = Number(element.dataset.abStart);
  const due = Number(element.dataset.abDue);
  return { start: addDays(goLive, start), due: addDays(goLive, due) };
}

// Fill `target` with "Tue 5 Jan 2027" or "Tue 5 Jan 2027 to Tue 2 Feb 2027".
export function showSpan(target, span) {
  target.replaceChildren();
  if (span.start !== span.due) target.append(timeElement(span.start), " to ");
  target.append(timeElement(span.due));
}
