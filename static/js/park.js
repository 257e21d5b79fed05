// A table wider than a phone scrolls sideways in its frame: keyboard users must be able to reach and scroll it
// too (WCAG 2.1.1), so a frame that does scroll takes the focus, named after its table's caption or heading.
document.querySelectorAll(".table-responsive").forEach((frame) => {
  if (frame.scrollWidth <= frame.clientWidth) return;
  frame.tabIndex = 0;
  frame.setAttribute("role", "region");
  const caption = frame.querySelector("caption");
  const heading = frame.closest("section, .card, main")?.querySelector("h1, h2, h3, h4, .card-header");
  const name = (caption || heading)?.textContent.trim();
  if (name) frame.setAttribute("aria-label", name);
});
