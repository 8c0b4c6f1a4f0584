// Live examples in docs pages: each ```iam-playground block is rendered at
// build time (policies, request, decisions checked by the native engine);
// here it becomes editable and runs on the engine in the browser.

import { loadEngine } from "./engine";
import { normalize, request, type State } from "./playground/state";

const blank: State = {
  v: 1, identity: [""], resource: "", boundary: "", scps: [], session: "",
  caller: "", actions: "", resources: "", owner: "", context: [],
};

function area(label: string, value: string, rows: number, onInput: (v: string) => void): HTMLElement {
  const wrap = document.createElement("label");
  wrap.className = "ipg-field";
  const span = document.createElement("span");
  span.textContent = label;
  const t = document.createElement("textarea");
  t.value = value;
  t.rows = rows;
  t.spellcheck = false;
  t.dataset.testid = "iam-playground-field";
  t.dataset.field = label;
  t.addEventListener("input", () => onInput(t.value));
  wrap.append(span, t);
  return wrap;
}

function makeLive(fig: HTMLElement): void {
  const stateEl = fig.querySelector<HTMLScriptElement>(".ipg-state");
  const button = fig.querySelector<HTMLButtonElement>(".ipg-edit");
  const live = fig.querySelector<HTMLElement>(".ipg-live");
  if (!stateEl || !button || !live) return;
  let state: State;
  try {
    state = normalize(JSON.parse(stateEl.textContent ?? ""), blank);
  } catch {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Loading the engine…";
    const r = await loadEngine("/");
    if (!r.ok) {
      button.textContent = r.error.message;
      return;
    }
    const engine = r.engine;
    button.hidden = true;
    const form = document.createElement("div");
    form.className = "ipg-form";
    const lines = (t: string) => Math.min(18, t.split("\n").length + 1);
    state.identity.forEach((p, i) => form.append(area(`Identity-based policy${state.identity.length > 1 ? " " + (i + 1) : ""}`, p, lines(p), (v) => ((state.identity[i] = v), run()))));
    if (state.resource) form.append(area(state.resourceType === "trust" ? "Role trust policy" : "Resource-based policy", state.resource, lines(state.resource), (v) => ((state.resource = v), run())));
    if (state.boundary) form.append(area("Permissions boundary", state.boundary, lines(state.boundary), (v) => ((state.boundary = v), run())));
    state.scps.forEach((p, i) => form.append(area(i === 0 ? "SCP at the root" : `SCP at level ${i}`, p, lines(p), (v) => ((state.scps[i] = v), run()))));
    if (state.session) form.append(area("Session policy", state.session, lines(state.session), (v) => ((state.session = v), run())));
    form.append(area("Caller", state.caller, 1, (v) => ((state.caller = v), run())));
    form.append(area("Actions", state.actions, 2, (v) => ((state.actions = v), run())));
    form.append(area("Resources", state.resources, 2, (v) => ((state.resources = v), run())));
    fig.querySelector(".ipg-static")?.replaceWith(form);
    fig.querySelector("[data-testid=iam-playground-expected]")?.setAttribute("hidden", "");
    const run = () => {
      const res = engine.simulate(request(state).req);
      live.replaceChildren();
      if (!res.ok) {
        const p = document.createElement("p");
        p.className = "error";
        p.dataset.testid = "iam-playground-error";
        p.textContent = `${res.error.code}: ${res.error.message}`;
        live.append(p);
        return;
      }
      const table = document.createElement("table");
      table.className = "ipg-decisions";
      table.dataset.testid = "iam-playground-result";
      table.innerHTML = `<thead><tr><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Decision</th></tr></thead>`;
      const body = document.createElement("tbody");
      for (const a of res.response.EvaluationResults) {
        for (const rr of a.ResourceSpecificResults) {
          const tr = document.createElement("tr");
          tr.dataset.decision = rr.EvalResourceDecision;
          for (const text of [a.EvalActionName, rr.EvalResourceName]) {
            const td = document.createElement("td");
            const code = document.createElement("code");
            code.textContent = text;
            td.append(code);
            tr.append(td);
          }
          const td = document.createElement("td");
          const v = document.createElement("span");
          v.className = "verdict";
          v.textContent = rr.EvalResourceDecision;
          const why = document.createElement("span");
          why.className = "ipg-why";
          why.textContent = rr.Explanation.Summary;
          td.append(v, document.createElement("br"), why);
          tr.append(td);
          body.append(tr);
        }
      }
      table.append(body);
      live.append(table);
    };
    run();
    form.querySelector("textarea")?.focus();
  });
}

export function initExamples(): void {
  document.querySelectorAll<HTMLElement>(".iam-playground").forEach(makeLive);
}
