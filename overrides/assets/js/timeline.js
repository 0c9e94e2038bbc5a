// The rollout timeline: real dates for every step and message once a go-live date is set,
// with what is overdue for today, what is under way and what comes next. Offsets in days
// from go-live come from the page (data-ab-start / data-ab-due).
import { addDays, daysBetween, humanDate, showSpan, spanOf, today } from "./dates.js";
import { bindGoLive } from "./golive.js";

const LABELS = { overdue: "Overdue", now: "Under way", next: "Next up" };

function weeksWords(days) {
  const weeks = Math.round(Math.abs(days) / 7);
  if (weeks === 0) return days === 0 ? "go-live day" : "go-live week";
  const unit = weeks === 1 ? "week" : "weeks";
  return `${weeks} ${unit} ${days > 0 ? "before" : "after"} go-live`;
}

export function start(root) {
  const entries = [...root.querySelectorAll(".ab-entry[data-ab-due]")];
  const weeks = [...root.querySelectorAll("[data-ab-week]")];
  const status = root.querySelector(".ab-timeline-status");

  bindGoLive(root, (goLive) => {
    const now = today();
    const spans = new Map(entries.map((entry) => [entry, goLive === null ? null : spanOf(entry, goLive)]));
    const upcoming = [...spans.values()].filter((span) => span && span.start > now).map((span) => span.start);
    const nextStart = upcoming.length ? Math.min(...upcoming) : null;
    const counts = { overdue: 0, now: 0, next: 0 };
    let next = null;
    for (const [entry, span] of spans) {
      let state = "";
      if (span === null) state = "";
      else if (span.due < now) state = "overdue";
      else if (span.start <= now) state = "now";
      else if (span.start === nextStart) state = "next";
      if (state) counts[state] += 1;
      if (state === "next" && next === null) next = entry;
      entry.dataset.abState = state;
      entry.querySelector(".ab-entry-state").textContent = state ? LABELS[state] : "";
      const date = entry.querySelector(".ab-entry-date");
      if (span === null) date.replaceChildren();
      else showSpan(date, span);
    }
    for (const heading of weeks) {
      const target = heading.querySelector(".ab-week-date");
      if (goLive === null) target.replaceChildren();
      else target.textContent = `from ${humanDate(addDays(goLive, Number(heading.dataset.abWeek) * 7))}`;
    }
    if (goLive === null) {
      status.textContent = "Enter your go-live date to see real dates and what is late.";
      return;
    }
    const parts = [
      `Today is ${humanDate(now)}, ${weeksWords(daysBetween(now, goLive))}.`,
      `${counts.overdue} overdue, ${counts.now} under way.`,
    ];
    if (next) {
      const what = next.querySelector("strong, em")?.textContent || "";
      parts.push(`Next up on ${humanDate(nextStart)}: ${what}`);
    }
    status.textContent = parts.join(" ");
  });
}
