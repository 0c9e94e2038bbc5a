// Action plans: each step's dates from the go-live date, and the plan as Asana CSV,
// Jira CSV or an iCalendar file. The steps come from the page (data-ab-plan), which the
// edition filtered before it was built.
import { humanDate, showSpan, spanOf } from "./dates.js";
import { asanaCsv, download, icsCalendar, jiraCsv } from "./exports.js";
import { bindGoLive } from "./golive.js";

const FORMATS = {
  asana: { suffix: "-asana.csv", type: "text/csv;charset=utf-8", make: asanaCsv },
  jira: { suffix: "-jira.csv", type: "text/csv;charset=utf-8", make: jiraCsv },
  ics: {
    suffix: ".ics",
    type: "text/calendar;charset=utf-8",
    make: (plan, goLive, source) =>
      icsCalendar(plan, goLive, { source, host: window.location.hostname || "adoptbook" }),
  },
};

export function start(root) {
  const tools = root.querySelector("[data-ab-plan]");
  const plan = JSON.parse(tools.dataset.abPlan);
  const status = tools.querySelector(".ab-plan-status");
  let goLive = null;

  const input = bindGoLive(tools, (date) => {
    goLive = date;
    for (const target of root.querySelectorAll(".ab-dates[data-ab-due]")) {
      if (date === null) target.replaceChildren();
      else showSpan(target, spanOf(target, date));
    }
    status.textContent =
      date === null
        ? "No go-live date yet: steps show their timing only."
        : `Dates counted from go-live on ${humanDate(date)}.`;
  });

  tools.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ab-download]");
    if (!button) return;
    if (goLive === null) {
      status.textContent = "Enter the go-live date first: the downloads carry each step's dates.";
      input.focus();
      return;
    }
    const format = FORMATS[button.dataset.abDownload];
    const source = window.location.href.split("#")[0];
    download(plan.id + format.suffix, format.make(plan, goLive, source), format.type);
    status.textContent = `Downloaded ${plan.id}${format.suffix}.`;
  });
}
