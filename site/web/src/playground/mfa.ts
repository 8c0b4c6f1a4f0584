// Virtual MFA devices in the browser: a TOTP view (the six-digit code of a
// seed, refreshed live for the real time with the seconds it has left, the
// QR code of its otpauth:// key URI for a real authenticator app, and the
// seed as text for typing in), the devices of a scenario run, and a
// standalone generator that mounts on <div class="iam-totp" data-seed="…">
// in any page. Codes and QR codes come from the lab module (RFC 6238 in
// Go: engine/mfa; the QR code by rsc.io/qr).

import { labAPI, type LabAPI, type MFADevice, type TOTP } from "./labapi";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testid?: string; text?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.testid) e.dataset.testid = props.testid;
  if (props.text !== undefined) e.textContent = props.text;
  e.append(...children);
  return e;
}

/** group spells a seed in groups of four, as people copy it. */
function group(seed: string): string {
  return seed.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * liveCode shows the code of a seed for the real time, refreshed every
 * second while the element is in the page (data-testid="totp-live", its
 * code "totp-code", the seconds left "totp-seconds").
 */
function liveCode(lab: LabAPI, seed: string, account: string): HTMLElement {
  const code = el("strong", { className: "totp-code", testid: "totp-code" });
  const left = el("span", { className: "totp-seconds", testid: "totp-seconds" });
  const bar = el("progress", { className: "totp-bar" });
  bar.max = 30;
  bar.setAttribute("aria-hidden", "true");
  const box = el("div", { className: "totp-live", testid: "totp-live" }, el("span", { text: "Now: " }), code, " ", left, " ", bar);
  box.setAttribute("aria-live", "off");
  let last = "";
  const tick = () => {
    const r = lab.totp({ seed, at: Date.now(), account });
    if (!r.ok) {
      code.textContent = "—";
      left.textContent = r.error.message;
      return;
    }
    if (r.totp.code !== last) {
      last = r.totp.code;
      code.textContent = r.totp.code;
      code.setAttribute("aria-label", `code ${r.totp.code.split("").join(" ")}`);
    }
    left.textContent = `${r.totp.secondsLeft} s left`;
    bar.value = r.totp.secondsLeft;
  };
  tick();
  const timer = window.setInterval(() => {
    if (!box.isConnected) {
      clearInterval(timer);
      return;
    }
    tick();
  }, 1000);
  return box;
}

/** qrFigure shows a key URI's QR code with alt text and the seed to type in by hand. */
function qrFigure(t: TOTP, account: string): HTMLElement {
  const img = el("img", { className: "totp-qr", testid: "totp-qr" });
  img.src = t.qr ?? "";
  img.alt = `QR code of the key URI for ${account}: scan it with an authenticator app, or type the seed shown beside it`;
  img.width = 164;
  img.height = 164;
  const seed = el("code", { className: "totp-seed", testid: "totp-seed", text: group(t.seed) });
  seed.dataset.seed = t.seed;
  const uri = el("details", { className: "totp-uri" }, el("summary", { text: "Key URI" }), el("code", { text: t.url }));
  return el("div", { className: "totp-figure" }, img, el("div", { className: "totp-manual" }, el("span", { text: "Seed (Base32), for typing in: " }), seed, uri));
}

/**
 * renderDevices lists the virtual MFA devices of a scenario run
 * (data-testid="scenario-mfa-device" each, with data-serial): the code at
 * the scenario's simulated clock ("mfa-code-simulated"), then the live code
 * for the real time and the QR code, for use with a real authenticator app.
 */
export function renderDevices(out: HTMLElement, lab: LabAPI, clock: string, devices: MFADevice[]): void {
  out.replaceChildren();
  out.hidden = devices.length === 0;
  if (devices.length === 0) return;
  out.append(el("h3", { text: "Virtual MFA devices" }),
    el("p", { className: "hint", text: `Each device's code at the scenario's clock (${clock}), as totp(…) gives it in the scenario; then, for a real authenticator app, its code now and its QR code.` }));
  for (const d of devices) {
    const account = d.totp.url.match(/:([^:?]+)\?/)?.[1] ?? d.user;
    const sim = el("strong", { className: "totp-code", testid: "mfa-code-simulated", text: d.totp.code });
    const li = el("div", { className: "mfa-device", testid: "scenario-mfa-device" },
      el("p", {}, el("code", { text: d.serialNumber }), ` for ${d.user}`),
      el("p", {}, "At the scenario's clock: ", sim, ` (${d.totp.secondsLeft} s left in its step)`),
      liveCode(lab, d.totp.seed, decodeURIComponent(account)),
      qrFigure(d.totp, decodeURIComponent(account)));
    li.dataset.serial = d.serialNumber;
    out.append(li);
  }
}

/**
 * mountTOTP turns an element into a TOTP generator: its data-seed (or a new
 * random seed, or one typed in) and data-account give the live code, the
 * QR code and the seed as text. It loads the lab module. Idempotent: an
 * element already mounted is left alone.
 */
export async function mountTOTP(host: HTMLElement): Promise<void> {
  if (host.dataset.mounted === "true") return;
  host.dataset.mounted = "true";
  const r = await labAPI("/");
  if (!r.ok) {
    host.append(el("p", { className: "error", testid: "totp-error", text: r.error.message }));
    return;
  }
  const lab = r.api;
  const account = host.dataset.account || "iamlab";
  const id = `totp-seed-${Math.random().toString(36).slice(2, 8)}`;
  const input = el("input", { className: "totp-input", testid: "totp-seed-input" });
  input.id = id;
  input.type = "text";
  input.spellcheck = false;
  input.autocomplete = "off";
  input.value = host.dataset.seed ?? "";
  input.placeholder = "A Base32 seed, e.g. JBSWY3DPEHPK3PXP";
  const gen = el("button", { className: "linklike", testid: "totp-generate", text: "Generate a new seed" });
  gen.type = "button";
  const label = el("label", { text: "Seed" });
  label.htmlFor = id;
  const view = el("div", { className: "totp-view", testid: "totp-view" });
  const error = el("p", { className: "totp-error", testid: "totp-error" });
  error.setAttribute("role", "alert");
  error.hidden = true;
  const show = (seed: string, generate = false) => {
    const t = lab.totp({ seed, generate, at: Date.now(), account, qr: true });
    if (!t.ok) {
      error.textContent = t.error.message;
      error.hidden = false;
      view.replaceChildren();
      return;
    }
    error.hidden = true;
    input.value = t.totp.seed;
    view.replaceChildren(liveCode(lab, t.totp.seed, account), qrFigure(t.totp, account));
  };
  input.addEventListener("change", () => show(input.value));
  gen.addEventListener("click", () => show("", true));
  const form = el("div", { className: "totp-form" }, label, " ", input, " ", gen);
  const live = el("div", { className: "totp-generator", testid: "totp-generator" }, form, error, view);
  host.querySelector(".totp-static")?.setAttribute("hidden", "");
  host.append(live);
  if (input.value.trim() !== "") show(input.value);
  else show("", true);
}

/** initTOTP mounts every <div class="iam-totp"> in root (the docs pages' ```iam-totp blocks). */
export function initTOTP(root: ParentNode = document): void {
  for (const host of root.querySelectorAll<HTMLElement>(".iam-totp")) void mountTOTP(host);
}
