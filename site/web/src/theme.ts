// The colour theme: automatic (the system's), light or dark, kept in local
// storage. The page's <head> applies the stored choice before it paints;
// this module runs the toggle button.

const key = "iamlab-theme";
type Choice = "auto" | "light" | "dark";
const order: Choice[] = ["auto", "light", "dark"];

function stored(): Choice {
  try {
    const c = localStorage.getItem(key);
    if (c === "light" || c === "dark" || c === "auto") return c;
  } catch {
    // storage may be unavailable (private windows); the default applies
  }
  return "auto";
}

function apply(choice: Choice): void {
  const dark = choice === "dark" || (choice === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  document.documentElement.dataset.themeChoice = choice;
  const button = document.querySelector<HTMLButtonElement>(".theme-toggle");
  if (button) {
    const names = { auto: "automatic", light: "light", dark: "dark" };
    button.setAttribute("aria-label", `Colour theme: ${names[choice]} (change)`);
    button.textContent = choice === "auto" ? "Theme: auto" : choice === "light" ? "Theme: light" : "Theme: dark";
  }
  document.dispatchEvent(new CustomEvent("iamlab:theme", { detail: { dark } }));
}

export function initTheme(): void {
  let choice = stored();
  apply(choice);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => apply(choice));
  document.querySelector(".theme-toggle")?.addEventListener("click", () => {
    choice = order[(order.indexOf(choice) + 1) % order.length];
    try {
      localStorage.setItem(key, choice);
    } catch {
      // not kept, but applied
    }
    apply(choice);
  });
}
