// Print button on play pages. No network access, no tracking.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-ab-print]");
  if (button) window.print();
});

// Checklist boxes (Markdown task lists) are bare <input type="checkbox">s; name each
// after its question so screen readers say what is being checked.
for (const box of document.querySelectorAll(".task-list-control > input[type=checkbox]")) {
  const item = box.closest(".task-list-item");
  const question = item && (item.querySelector("strong") || item.querySelector("p") || item);
  const text = question ? question.textContent.trim() : "";
  if (text && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", text);
}
