// The script of every page: the colour theme, the search box and the
// navigation toggle of narrow screens.

import { initExamples } from "./examples";
import { mountTOTP } from "./playground/mfa";
import { initScenarios } from "./scenarios";
import { initSearch } from "./search";
import { initTheme } from "./theme";

initTheme();
initSearch();
initExamples();
initScenarios();
initTOTPBlocks();

/**
 * initTOTPBlocks mounts the TOTP component on each ```iam-totp block when it
 * comes near the screen: the component needs the lab module, which a page
 * should not fetch for a block nobody looks at.
 */
function initTOTPBlocks(): void {
  const hosts = document.querySelectorAll<HTMLElement>(".iam-totp");
  if (hosts.length === 0) return;
  const seen = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        seen.unobserve(e.target);
        void mountTOTP(e.target as HTMLElement);
      }
    },
    { rootMargin: "200px" },
  );
  hosts.forEach((h) => seen.observe(h));
}

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
