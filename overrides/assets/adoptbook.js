// Print button on play pages. No network access, no tracking.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-ab-print]");
  if (button) window.print();
});
