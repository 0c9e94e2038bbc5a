// Plan downloads made in the browser: CSV for Asana and for Jira, iCalendar for calendars.
// Nothing is sent anywhere: each file is a Blob saved through a download link.
import { addDays, humanDate, isoDate } from "./dates.js";

const CRLF = "\r\n";

// Each step with its dates (or none) and a description that says when it is due.
export function datedSteps(plan, goLive) {
  return plan.steps.map((step, index) => {
    const dated = goLive !== null && step.due !== undefined;
    const start = dated ? addDays(goLive, step.start) : null;
    const due = dated ? addDays(goLive, step.due) : null;
    let when;
    if (step.due === undefined) when = `No date: ${step.timing}`;
    else if (!dated) when = `Due: ${step.when} (no go-live date set)`;
    else if (start === due) when = `Due: ${humanDate(due)}`;
    else when = `Due: ${humanDate(due)} (from ${humanDate(start)})`;
    return { ...step, number: index + 1, start, due, whenLine: when };
  });
}

function description(step, plan, source) {
  const from = source ? `${plan.title}: ${source}` : plan.title;
  return `${step.whenLine}\n${step.description}\n\nFrom the plan: ${from}`;
}

// RFC 4180: fields with a comma, quote or line break are quoted; lines end with CRLF.
export function csv(rows) {
  const field = (value) => {
    const text = String(value ?? "");
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(",")).join(CRLF) + CRLF;
}

// Asana's importer reads these headers as they are; dates as MM/DD/YYYY. Roles are not
// people, so Assignee stays empty and the owner's role goes in the description.
export function asanaCsv(plan, goLive, source = "") {
  const usDate = (date) => {
    if (date === null) return "";
    const [year, month, day] = isoDate(date).split("-");
    return `${month}/${day}/${year}`;
  };
  const rows = datedSteps(plan, goLive).map((step) => [
    step.name,
    description(step, plan, source),
    step.section,
    "",
    usDate(step.due),
  ]);
  return csv([["Name", "Description", "Section/Column", "Assignee", "Due Date"], ...rows]);
}

// Jira's CSV import: pick "yyyy-MM-dd" as the date format when it asks. Two Labels
// columns give each issue two labels: the plan and when it falls (or "no-date").
export function jiraCsv(plan, goLive, source = "") {
  const rows = datedSteps(plan, goLive).map((step) => [
    step.name,
    description(step, plan, source),
    step.due === null ? "" : isoDate(step.due),
    plan.id,
    step.due === null ? "no-date" : step.phase,
  ]);
  return csv([["Summary", "Description", "Due date", "Labels", "Labels"], ...rows]);
}

// RFC 5545 text: backslash, semicolon, comma and line breaks escaped.
export function icsText(text) {
  return String(text)
    .replaceAll("\\", "\\\\")
    .replaceAll(";", "\\;")
    .replaceAll(",", "\\,")
    .replace(/\r?\n/g, "\\n");
}

// RFC 5545 folding: lines of at most 75 octets, continued on lines that start with a
// space; never inside a UTF-8 character.
export function fold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const stamp = (moment) => new Date(moment).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
const icsDate = (date) => isoDate(date).replaceAll("-", "");

// One all-day event on the due date of each dated step. A step without a date becomes a
// to-do without a due date (VTODO), marked "No date", which calendars list as a task or skip.
export function icsCalendar(plan, goLive, { source = "", host = "adoptbook", now = Date.now() } = {}) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//adoptbook//adoption plan//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(plan.title)}`,
  ];
  for (const step of datedSteps(plan, goLive)) {
    const kind = step.due === null ? "VTODO" : "VEVENT";
    lines.push(`BEGIN:${kind}`, `UID:${plan.id}-step-${step.number}@${host}`, `DTSTAMP:${stamp(now)}`);
    if (step.due !== null) {
      lines.push(`DTSTART;VALUE=DATE:${icsDate(step.due)}`, `DTEND;VALUE=DATE:${icsDate(addDays(step.due, 1))}`);
      lines.push("TRANSP:TRANSPARENT");
    }
    const summary = step.due === null ? `No date (${step.timing}): ${step.name}` : step.name;
    lines.push(`SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description(step, plan, source))}`);
    lines.push(`END:${kind}`);
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join(CRLF) + CRLF;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
