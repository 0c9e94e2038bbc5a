// Starts each in-browser tool on the elements that ask for it with data-ab-module="name".
// A page without such elements runs nothing. Each tool is one small module in this folder.
const MODULES = {
  account: () => import("./account.js"),
  message: () => import("./message.js"),
  shortcut: () => import("./shortcut.js"),
  assessment: () => import("./assessment.js"),
  plan: () => import("./plan.js"),
  timeline: () => import("./timeline.js"),
  search: () => import("./search.js"),
  finder: () => import("./finder.js"),
  "symptom-filter": () => import("./symptom-filter.js"),
};

document.documentElement.classList.add("ab-js");

for (const element of document.querySelectorAll("[data-ab-module]")) {
  const load = MODULES[element.dataset.abModule];
  if (load) {
    load().then((module) => {
      module.start(element);
      element.dataset.abStarted = ""; // the tool is ready (tests wait for this)
    });
  }
}
