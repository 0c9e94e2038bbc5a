// Checklists as self-assessments: yes / no / not sure per question, a result band counted
// on the "no" and "not sure" answers, and the plays each such answer points to. The
// questions, bands and plays come from the page; answers stay in this browser.
import { clear, load, save } from "./store.js";
import { humanDate, today } from "./dates.js";

const WORDS = { yes: "Yes", no: "No", "not-sure": "Not sure" };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function start(root) {
  const key = `assessment:${root.dataset.abPlay}`;
  const questions = [...root.querySelectorAll(".ab-question")].map((fieldset) => ({
    number: fieldset.dataset.abItem,
    text: fieldset.querySelector("legend").textContent.trim(),
    radios: [...fieldset.querySelectorAll('input[type="radio"]')],
    plays: [...fieldset.querySelectorAll(".ab-if-not a")],
  }));
  const bands = [...root.querySelectorAll(".ab-band")].map((band) => ({
    element: band,
    from: Number(band.dataset.abFrom),
    to: Number(band.dataset.abTo),
  }));
  const result = root.querySelector(".ab-result");
  const recommended = root.querySelector(".ab-recommended");
  const summary = root.querySelector(".ab-print-summary");
  let answers = {};

  const restore = () => {
    const stored = load(key, {});
    answers = stored && typeof stored.answers === "object" ? { ...stored.answers } : {};
    for (const question of questions) {
      for (const radio of question.radios) radio.checked = answers[question.number] === radio.value;
    }
    update();
  };

  const state = () => {
    const answered = questions.filter((q) => WORDS[answers[q.number]]);
    const count = answered.filter((q) => answers[q.number] !== "yes").length;
    const band = bands.find((b) => b.from <= count && count <= b.to);
    return { answered: answered.length, count, band, complete: answered.length === questions.length };
  };

  const readNext = () => {
    const byHref = new Map();
    for (const question of questions) {
      if (!["no", "not-sure"].includes(answers[question.number])) continue;
      for (const link of question.plays) {
        const entry = byHref.get(link.href) || { link, numbers: [] };
        entry.numbers.push(question.number);
        byHref.set(link.href, entry);
      }
    }
    return [...byHref.values()];
  };

  const update = () => {
    const { answered, count, band, complete } = state();
    for (const b of bands) b.element.classList.toggle("ab-band--current", complete && b === band);
    result.replaceChildren();
    if (!complete) {
      result.append(
        element("p", `${answered} of ${questions.length} questions answered. Answer them all to see your result.`),
      );
    } else {
      const line = element("p");
      const noun = count === 1 ? "answer" : "answers";
      if (band) line.append(element("strong", band.element.querySelector(".ab-band-label strong").textContent), " · ");
      line.append(`${count} "no" or "not sure" ${noun} out of ${questions.length}.`);
      result.append(line);
      if (band) {
        for (const node of [...band.element.children].slice(1)) result.append(node.cloneNode(true));
      }
    }
    const plays = readNext();
    recommended.hidden = plays.length === 0;
    recommended.replaceChildren();
    if (plays.length) {
      recommended.append(element("h4", "Plays to read next"));
      const list = element("ul");
      for (const { link, numbers } of plays) {
        const item = element("li");
        const anchor = element("a", link.textContent);
        anchor.href = link.getAttribute("href");
        const which = numbers.length === 1 ? "question" : "questions";
        item.append(anchor, ` (for ${which} ${numbers.join(", ")})`);
        list.append(item);
      }
      recommended.append(list);
    }
  };

  const fillSummary = () => {
    const { count, band, complete } = state();
    summary.replaceChildren();
    const heading = document.querySelector("article h1");
    const title = heading
      ? [...heading.childNodes]
          .filter((node) => !node.classList?.contains("headerlink"))
          .map((node) => node.textContent)
          .join("")
          .trim()
      : "";
    summary.append(element("h2", `Answers: ${title}`), element("p", `Printed on ${humanDate(today())}.`));
    const table = element("table");
    const head = element("tr");
    head.append(element("th", "#"), element("th", "Question"), element("th", "Answer"));
    table.append(element("thead"), element("tbody"));
    table.tHead.append(head);
    for (const question of questions) {
      const row = element("tr");
      row.append(
        element("td", question.number),
        element("td", question.text.replace(/^\d+\.\s*/, "")),
        element("td", WORDS[answers[question.number]] || "Not answered"),
      );
      table.tBodies[0].append(row);
    }
    summary.append(table, element("h3", "Result"));
    if (complete) {
      const label = band ? `${band.element.querySelector(".ab-band-label strong").textContent}: ` : "";
      summary.append(element("p", `${label}${count} "no" or "not sure" out of ${questions.length}.`));
      if (band) for (const node of [...band.element.children].slice(1)) summary.append(node.cloneNode(true));
    } else {
      summary.append(element("p", "Not every question is answered yet."));
    }
    const plays = readNext();
    if (plays.length) {
      summary.append(element("h3", "Plays to read next"));
      const list = element("ul");
      for (const { link, numbers } of plays) {
        const which = numbers.length === 1 ? "question" : "questions";
        list.append(element("li", `${link.textContent} (${which} ${numbers.join(", ")}): ${link.href}`));
      }
      summary.append(list);
    }
  };

  root.addEventListener("change", (event) => {
    const radio = event.target;
    if (radio.type !== "radio") return;
    const question = questions.find((q) => q.radios.includes(radio));
    if (!question) return;
    answers[question.number] = radio.value;
    save(key, { answers });
    update();
  });
  root.querySelector("[data-ab-clear]").addEventListener("click", () => {
    clear(key);
    restore();
  });
  root.querySelector("[data-ab-print-answers]").addEventListener("click", () => {
    fillSummary();
    document.documentElement.classList.add("ab-printing-answers");
    root.classList.add("ab-printing");
    window.print();
  });
  window.addEventListener("afterprint", () => {
    document.documentElement.classList.remove("ab-printing-answers");
    root.classList.remove("ab-printing");
  });
  window.addEventListener("adoptbook:stored", (event) => {
    if (event.detail.name === null) restore();
  });
  restore();
}
