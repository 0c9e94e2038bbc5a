// A message with its blanks filled in from the account details, ready to copy or open
// in the reader's mail program. Its text comes from the page (data-ab-message, written
// from the edition's own play); the values from this browser's storage. Nothing is sent.
import { displayValue, onAccountChange, readAccount } from "./account.js";

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
const ADDRESS = /\b(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)\]'"]/g;

// [{text}] and [{field, value}] pieces of one template string.
function pieces(template, fields, account) {
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const field = fields.get(match[1]);
    if (!field) continue;
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    const raw = account[field.name];
    parts.push({ field, value: raw ? displayValue(field, raw) : "" });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

function plain(parts) {
  return parts.map((part) => (part.field ? part.value || part.field.blank : part.text)).join("");
}

// Text with web and mail addresses turned into links.
function linked(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    link.href = match[0];
    link.textContent = match[0];
    nodes.push(link);
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function rendered(parts) {
  const nodes = [];
  for (const part of parts) {
    if (!part.field) {
      nodes.push(...linked(part.text));
    } else if (part.value) {
      const value = document.createElement("span");
      value.className = "ab-value";
      value.append(...linked(part.value));
      nodes.push(value);
    } else {
      const blank = document.createElement("mark");
      blank.className = "ab-blank";
      blank.title = part.field.description;
      blank.textContent = part.field.blank;
      nodes.push(blank);
    }
  }
  return nodes;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function htmlParagraph(text) {
  const escaped = escapeHtml(text).replace(/\n/g, "<br>");
  return `<p>${escaped.replace(ADDRESS, (address) => `<a href="${address}">${address}</a>`)}</p>`;
}

async function copy(text, paragraphs) {
  if (navigator.clipboard && window.ClipboardItem) {
    try {
      const html = paragraphs.map(htmlParagraph).join("");
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" }),
        }),
      ]);
      return true;
    } catch {
      // some browsers refuse HTML on the clipboard: fall back to plain text
    }
  }
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // no permission: try the old way below
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "ab-offscreen";
  document.body.append(area);
  area.select();
  const done = document.execCommand("copy");
  area.remove();
  return done;
}

function button(label, className) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = `md-button ab-button ${className}`;
  node.textContent = label;
  return node;
}

export function start(anchor) {
  const data = JSON.parse(anchor.dataset.abMessage);
  const fields = new Map(data.fields.map((field) => [field.name, field]));
  let original = anchor.nextElementSibling;
  while (original && !original.classList.contains("ab-message")) {
    original = original.nextElementSibling;
  }

  const card = document.createElement("div");
  card.className = "ab-message-card";
  const toolbar = document.createElement("div");
  toolbar.className = "ab-message-toolbar";
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", "Use this message");
  const copyMessage = button("Copy message", "md-button--primary");
  const mail = document.createElement("a");
  mail.className = "md-button ab-button";
  mail.textContent = "Open in email";
  const copySubject = button("Copy subject", "ab-button--small");
  const copyBody = button("Copy body", "ab-button--small");
  const status = document.createElement("span");
  status.className = "ab-status";
  status.setAttribute("role", "status");
  toolbar.append(copyMessage, mail, copySubject, copyBody, status);

  const subjectLine = document.createElement("p");
  subjectLine.className = "ab-message-subject";
  const subjectLabel = document.createElement("span");
  subjectLabel.className = "ab-message-label";
  subjectLabel.textContent = "Subject: ";
  const subject = document.createElement("span");
  subjectLine.append(subjectLabel, subject);
  const body = document.createElement("div");
  body.className = "ab-message-body";
  card.append(toolbar, subjectLine, body);

  let current = { subject: "", paragraphs: [] };
  const show = (account) => {
    const subjectParts = pieces(data.subject, fields, account);
    const paragraphParts = data.paragraphs.map((text) => pieces(text, fields, account));
    current = { subject: plain(subjectParts), paragraphs: paragraphParts.map(plain) };
    subject.replaceChildren(...rendered(subjectParts));
    body.replaceChildren(
      ...paragraphParts.map((parts) => {
        const paragraph = document.createElement("p");
        paragraph.append(...rendered(parts));
        return paragraph;
      }),
    );
    const mailBody = current.paragraphs.join("\r\n\r\n").replace(/\r?\n/g, "\r\n");
    mail.href =
      `mailto:?subject=${encodeURIComponent(current.subject)}` +
      `&body=${encodeURIComponent(mailBody)}`;
  };

  const copier = (what, done) => async () => {
    const text =
      what === "subject"
        ? current.subject
        : what === "body"
          ? current.paragraphs.join("\n\n")
          : `Subject: ${current.subject}\n\n${current.paragraphs.join("\n\n")}`;
    const paragraphs =
      what === "subject"
        ? [current.subject]
        : what === "body"
          ? current.paragraphs
          : [`Subject: ${current.subject}`, ...current.paragraphs];
    const ok = await copy(text, paragraphs);
    status.textContent = ok ? done : "Copying failed: select the text and copy it yourself.";
  };
  copyMessage.addEventListener("click", copier("message", "Message copied: subject first, then the body."));
  copySubject.addEventListener("click", copier("subject", "Subject copied."));
  copyBody.addEventListener("click", copier("body", "Body copied."));

  show(readAccount());
  onAccountChange(show);
  anchor.replaceChildren(card);
  if (original) original.hidden = true; // the same text, unfilled: shown when scripts are off
}
