// Live scenarios in docs pages: each ```iam-scenario block is rendered at
// build time (the scenario, its files and its transcript, checked by the
// native engine); here "Edit and run it here" turns it into an editor that
// runs on the lab module (iamlab-lab.wasm), loaded only when a reader asks.

import { loadLab, type Diagnostic } from "./engine";

interface BlockState {
  source: string;
  files: Record<string, string>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testid?: string; text?: string } = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.testid) e.dataset.testid = props.testid;
  if (props.text !== undefined) e.textContent = props.text;
  return e;
}

function field(label: string, name: string, value: string, onInput: (v: string) => void, onRun: () => void): { wrap: HTMLElement; area: HTMLTextAreaElement } {
  const wrap = el("label", { className: "ipg-field" });
  const span = el("span", { text: label });
  const t = el("textarea", { testid: "iam-scenario-field" });
  t.value = value;
  t.rows = Math.min(24, value.split("\n").length + 1);
  t.spellcheck = false;
  t.dataset.field = name;
  t.addEventListener("input", () => onInput(t.value));
  t.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onRun();
    }
  });
  wrap.append(span, t);
  return { wrap, area: t };
}

function makeLive(fig: HTMLElement): void {
  const stateEl = fig.querySelector<HTMLScriptElement>(".isc-state");
  const button = fig.querySelector<HTMLButtonElement>(".ipg-edit");
  const live = fig.querySelector<HTMLElement>(".isc-live");
  if (!stateEl || !button || !live) return;
  let state: BlockState;
  try {
    const raw = JSON.parse(stateEl.textContent ?? "") as Partial<BlockState>;
    if (typeof raw.source !== "string") return;
    state = { source: raw.source, files: typeof raw.files === "object" && raw.files !== null ? { ...raw.files } : {} };
  } catch {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Loading the engine…";
    const r = await loadLab("/");
    if (!r.ok) {
      button.disabled = false;
      button.textContent = r.error.message;
      return;
    }
    const lab = r.lab;
    button.hidden = true;
    const form = el("div", { className: "ipg-form isc-form" });
    let areaOfScenario: HTMLTextAreaElement | null = null;
    const scenario = field("Scenario", "scenario.iamlab", state.source, (v) => (state.source = v), () => run());
    areaOfScenario = scenario.area;
    form.append(scenario.wrap);
    for (const name of Object.keys(state.files)) {
      form.append(field(`File ${name}`, name, state.files[name], (v) => (state.files[name] = v), () => run()).wrap);
    }
    const bar = el("div", { className: "isc-bar" });
    const runButton = el("button", { className: "primary", testid: "iam-scenario-run", text: "Run the scenario" });
    runButton.type = "button";
    runButton.setAttribute("aria-keyshortcuts", "Control+Enter");
    const summary = el("span", { className: "isc-summary", testid: "iam-scenario-summary" });
    summary.setAttribute("role", "status");
    bar.append(runButton, summary);
    form.append(bar);
    fig.querySelector(".isc-static")?.replaceWith(form);
    fig.querySelector(".isc-result")?.setAttribute("hidden", "");
    const run = () => {
      const res = lab.runScenario(state.source, state.files);
      live.replaceChildren();
      if (!res.ok) {
        summary.textContent = "The scenario was not run.";
        summary.dataset.passed = "false";
        const box = el("div", { className: "error", testid: "iam-scenario-error" });
        box.append(el("p", { text: `${res.error.code}: ${res.error.message.split("\n")[0]}` }));
        const diags: Diagnostic[] = res.error.diagnostics ?? [];
        if (diags.length > 0) {
          const list = el("ul", { className: "diagnostics" });
          for (const d of diags) {
            const li = el("li", { testid: "iam-scenario-diagnostic", text: `line ${d.line}, column ${d.column}: ${d.message}` });
            li.dataset.line = String(d.line);
            li.dataset.column = String(d.column);
            list.append(li);
          }
          box.append(list);
        }
        live.append(box);
        return;
      }
      summary.dataset.passed = String(res.passed);
      summary.textContent = res.passed
        ? `Every expectation held (${res.expectations}).`
        : `${res.failed} of ${count(res.expectations, "expectation")} failed; ${count(res.errors, "statement")} failed outside an expect.`;
      const label = el("p", { className: "ipg-label", text: "Transcript" });
      const pre = el("pre", { className: "transcript", testid: "iam-scenario-transcript", text: res.transcript });
      pre.tabIndex = 0;
      pre.setAttribute("aria-label", "Transcript");
      live.append(label, pre);
    };
    runButton.addEventListener("click", run);
    run();
    areaOfScenario?.focus();
  });
}

/** initScenarios makes every scenario block of the page editable. */
export function initScenarios(): void {
  document.querySelectorAll<HTMLElement>(".iam-scenario").forEach(makeLive);
}

/** count is n with its noun, singular for one: "1 statement", "2 statements". */
function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`;
}
