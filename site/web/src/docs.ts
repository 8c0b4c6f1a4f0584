// The script of every page: the colour theme, the search box and the
// navigation toggle of narrow screens.

import { initExamples } from "./examples";
import { initScenarios } from "./scenarios";
import { initSearch } from "./search";
import { initTheme } from "./theme";

initTheme();
initSearch();
initExamples();
initScenarios();

const toggle = document.querySelector<HTMLButtonElement>(".nav-toggle");
const nav = document.querySelector<HTMLElement>("#nav");
if (toggle && nav) {
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
} else if (toggle) {
  toggle.hidden = true;
}
