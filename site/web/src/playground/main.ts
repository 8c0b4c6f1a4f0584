// The playground page: policy editors, the request form and the result,
// all run by the engine in the browser.

import { contextKeyTypes, loadEngine, loadLab, type Decision, type Engine, type EvaluationResult, type Lab, type PolicyType, type Result, type SimulateResponse } from "../engine";
import type { PolicyEditor } from "./editors";
import { createPluginPanel, type PluginPanel } from "../plugins/panel";
import { filesMap, renderFiles } from "./files";
import { labAPI, readScenarioRun } from "./labapi";
import { renderDevices } from "./mfa";
import { createSummary } from "./summary";
import { defaultState, examples } from "./examples";
import type { ScenarioEditor } from "./scenario";
import { decodeState, encodeState, loadStored, normalize, request, store, type ContextRow, type Mode, type State } from "./state";

const $ = <T extends HTMLElement>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`the playground page lacks ${sel}`);
  return el;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { testid?: string; [prop: string]: unknown } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { testid, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  if (testid) e.dataset.testid = testid;
  e.append(...children);
  return e;
}

let engine: Engine | null = null;
let plugins: PluginPanel | null = null; // with plugins loaded, simulations run in its worker
let runSeq = 0; // the latest run; an older run's late answer is not shown
let scenarioSeq = 0; // likewise, the latest scenario run
let explained: ReturnType<Engine["explain"]> | null = null; // the worker's explanation of the result being rendered
let lab: Promise<Result<{ lab: Lab }>> | null = null; // the lab module (scenarios), once asked for
let scenarioEditor: ScenarioEditor | null = null;
let editing: typeof import("./editing") | null = null; // CodeMirror, once its chunk is in
let state: State = structuredClone(defaultState);
const editors = new Map<string, PolicyEditor>();
let selected = { action: 0, resource: 0 };
let firstDecision = true;
const dark = () => document.documentElement.dataset.theme === "dark";

type Kind = "identity" | "resource" | "boundary" | "scp" | "session";
const kinds: Kind[] = ["identity", "resource", "boundary", "scp", "session"];

function texts(kind: Kind): string[] {
  switch (kind) {
    case "identity":
      return state.identity;
    case "scp":
      return state.scps;
    default:
      return [state[kind]];
  }
}

function setText(kind: Kind, i: number, text: string) {
  if (kind === "identity") state.identity[i] = text;
  else if (kind === "scp") state.scps[i] = text;
  else state[kind] = text;
}

function label(kind: Kind, i: number): string {
  switch (kind) {
    case "identity":
      return `Identity policy ${i + 1}`;
    case "scp":
      return i === 0 ? "SCP at the root" : `SCP at level ${i}`;
    case "resource":
      return state.resourceType === "trust" ? "Role trust policy" : "Resource policy";
    case "boundary":
      return "Permissions boundary";
    case "session":
      return "Session policy";
  }
}

const policyTypes = { identity: "identity", resource: "resource", boundary: "boundary", scp: "scp", session: "session" } as const;

/** policyType is the policy type of a kind's editors: the resource pane holds a role trust policy when the state says so. */
function policyType(kind: Kind): PolicyType {
  return kind === "resource" && state.resourceType === "trust" ? "trust" : policyTypes[kind];
}

// ---- policy editors
//
// CodeMirror comes in a chunk of its own (editing.ts), loaded while the
// engine starts: until it is in, each editor's place shows its text. Then
// the page builds only the editors on screen: a CodeMirror editor costs
// tens of milliseconds of the one main thread, which the engine needs too.
// The other panes' editors are built when their tab is opened, or in idle
// time after the first decision (buildIdle); until then their document is
// only in the state.

/** pending holds the editors not built yet, by id: each builds its editor. */
const pending = new Map<string, () => void>();
/** highlights are the statement ranges to highlight, by editor id, kept for the editors not built yet. */
let highlights = new Map<string, { start: { Line: number; Column: number }; end: { Line: number; Column: number } }[]>();
/** open are the kinds whose editors are built at once (the tab on screen). */
const open = new Set<Kind>(["identity"]);

function buildEditors() {
  for (const e of editors.values()) e.view.destroy();
  editors.clear();
  pending.clear();
  for (const kind of kinds) {
    const list = document.querySelector<HTMLElement>(`[data-list=${kind}]`)!;
    list.replaceChildren();
    texts(kind).forEach((text, i) => {
      const id = kind === "identity" || kind === "scp" ? `${kind}-${i}` : kind;
      const name = label(kind, i);
      const box = el("div", { className: "editor-box" });
      const head = el("div", { className: "editor-head" }, el("span", { className: "editor-title", id: `title-${id}` }, name));
      if ((kind === "identity" && state.identity.length > 1) || kind === "scp") {
        const rm = el("button", { type: "button", className: "linklike", textContent: "Remove", testid: `remove-${id}` });
        rm.setAttribute("aria-label", `Remove ${name}`);
        rm.addEventListener("click", () => {
          if (kind === "identity") state.identity.splice(i, 1);
          else state.scps.splice(i, 1);
          changed(true);
        });
        head.append(rm);
      }
      const host = el("div", { className: "editor" }, el("pre", { className: "editor-placeholder", textContent: text }));
      const diags = el("ul", { className: "diagnostics", testid: `diagnostics-${id}`, hidden: true });
      diags.setAttribute("aria-label", `Problems in ${name}`);
      box.append(head, host, diags);
      list.append(box);
      pending.set(id, () => {
        host.replaceChildren();
        const summary = kind === "identity" ? createSummary(diags, id, policyType(kind), name) : null;
        const ed = editing!.createEditor({
          id, type: policyType(kind), label: name, text: texts(kind)[i] ?? text, parent: host, diagnosticsList: diags, dark: dark(),
          engine: () => engine,
          onChange: (t) => {
            setText(kind, i, t);
            changed(false);
          },
          onLinted: summary ? (t) => summary.update(t) : undefined,
        });
        editors.set(id, ed);
        const rs = highlights.get(id);
        if (rs) ed.highlight(rs);
      });
    });
    if (open.has(kind)) buildKind(kind);
  }
  updateTabCounts();
}

/** buildKind builds the editors of one kind that are not built yet. */
function buildKind(kind: Kind) {
  if (!editing) return; // built when CodeMirror is in
  for (const [id, build] of [...pending]) {
    if (id === kind || id.startsWith(`${kind}-`)) {
      pending.delete(id);
      build();
    }
  }
}

/** knownEditor says whether id names an editor, built or not. */
function knownEditor(id: string | undefined): id is string {
  return id !== undefined && (editors.has(id) || pending.has(id));
}

/** buildIdle builds the remaining editors one at a time, when the page is idle. */
function buildIdle() {
  if (!editing) return;
  const next = pending.entries().next();
  if (next.done) {
    ensureScenarioEditor();
    return;
  }
  const [id, build] = next.value;
  pending.delete(id);
  build();
  idle(buildIdle);
}

const idle = (f: () => void) => {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric(f, { timeout: 2000 });
  else setTimeout(f, 50);
};

function updateTabCounts() {
  for (const kind of kinds) {
    const tab = $(`#tab-${kind}`);
    const n = texts(kind).filter((t) => t.trim() !== "").length;
    tab.dataset.count = String(n);
    tab.classList.toggle("empty", n === 0);
  }
}

// ---- tabs

function initTabs() {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  const show = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(`#${t.getAttribute("aria-controls")}`).hidden = !on;
    }
    const kind = tab.id.replace(/^tab-/, "") as Kind;
    open.add(kind);
    buildKind(kind); // its editors, when they were left for later
    if (focus) tab.focus();
    for (const e of editors.values()) e.view.requestMeasure();
  };
  tabs.forEach((t, i) => {
    t.addEventListener("click", () => show(t, false));
    t.addEventListener("keydown", (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      show(tabs[(next + tabs.length) % tabs.length], true);
    });
  });
  return (kind: Kind) => show($(`#tab-${kind}`), false);
}

// ---- the request form

function fillForm() {
  for (const f of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-field]")) {
    f.value = state[f.dataset.field as "caller" | "actions" | "resources" | "owner"];
  }
  for (const r of document.querySelectorAll<HTMLInputElement>("input[name=pg-resource-type]")) {
    r.checked = r.value === (state.resourceType ?? "resource");
  }
  buildContext();
}

function initForm() {
  for (const f of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-field]")) {
    f.addEventListener("input", () => {
      state[f.dataset.field as "caller" | "actions" | "resources" | "owner"] = f.value;
      changed(false);
    });
  }
  // The resource pane holds a resource-based policy or a role trust
  // policy: its editor checks and completes the one chosen.
  for (const r of document.querySelectorAll<HTMLInputElement>("input[name=pg-resource-type]")) {
    r.addEventListener("change", () => {
      if (!r.checked) return;
      if (r.value === "trust") state.resourceType = "trust";
      else delete state.resourceType; // a resource policy, as in states made before the choice
      changed(true);
    });
  }
  $("#pg-add-context").addEventListener("click", () => {
    state.context.push({ key: "", type: "string", values: "" });
    buildContext();
    document.querySelector<HTMLInputElement>(`#ctx-key-${state.context.length - 1}`)?.focus();
  });
}

function buildContext() {
  const body = $("#pg-context");
  body.replaceChildren();
  state.context.forEach((row: ContextRow, i) => {
    const key = el("input", { type: "text", id: `ctx-key-${i}`, value: row.key, spellcheck: false, placeholder: "aws:SourceIp", testid: "context-key" });
    key.setAttribute("aria-label", `Context key ${i + 1}: name`);
    const type = el("select", { testid: "context-type" });
    type.setAttribute("aria-label", `Context key ${i + 1}: type`);
    for (const t of contextKeyTypes) type.append(el("option", { value: t, textContent: t, selected: t === row.type }));
    const values = el("input", { type: "text", value: row.values, spellcheck: false, testid: "context-values" });
    values.setAttribute("aria-label", `Context key ${i + 1}: values`);
    const rm = el("button", { type: "button", className: "linklike", textContent: "Remove", testid: "context-remove" });
    rm.setAttribute("aria-label", `Remove context key ${i + 1}`);
    key.addEventListener("input", () => ((row.key = key.value), changed(false)));
    type.addEventListener("change", () => ((row.type = type.value as ContextRow["type"]), changed(false)));
    values.addEventListener("input", () => ((row.values = values.value), changed(false)));
    rm.addEventListener("click", () => {
      state.context.splice(i, 1);
      buildContext();
      changed(false);
    });
    body.append(el("tr", { testid: "context-row" }, el("td", {}, key), el("td", {}, type), el("td", {}, values), el("td", {}, rm)));
  });
}

// ---- running

let runTimer = 0;
let storeTimer = 0;

/** changed records an edit: it is kept, and the simulation runs again shortly. */
function changed(rebuild: boolean) {
  if (rebuild) {
    buildEditors();
    if (!firstDecision) idle(buildIdle);
  }
  updateTabCounts();
  kept();
  clearTimeout(runTimer);
  runTimer = window.setTimeout(run, 250);
}

/** kept stores the state shortly, and drops a share link that no longer says it. */
function kept() {
  clearTimeout(storeTimer);
  storeTimer = window.setTimeout(() => store(state), 200);
  if (location.hash.startsWith("#s=")) history.replaceState(null, "", location.pathname);
  $("#pg-share-box").hidden = true;
}

const decisionText: Record<Decision, string> = {
  allowed: "Allowed",
  explicitDeny: "Explicitly denied",
  implicitDeny: "Implicitly denied",
};

function run() {
  clearTimeout(runTimer);
  if (!engine) return;
  const { req, sources } = request(state);
  const seq = ++runSeq;
  const t0 = performance.now();
  if (plugins && plugins.runner.plugins().length > 0) {
    // A plugin may loop: the worker decides, and is stopped if it does not answer in time.
    void plugins.runner.simulate(req).then((d) => seq === runSeq && show(d.simulate, sources, performance.now() - t0, d.explain));
    return;
  }
  const r = engine.decide(req); // the decision and its words, from one simulation
  show(r, sources, performance.now() - t0, r.ok ? { ok: true, text: r.text } : r);
}

function show(r: ReturnType<Engine["simulate"]>, sources: Map<string, string>, ms: number, words: typeof explained) {
  const out = $("#pg-result");
  explained = words;
  for (const e of editors.values()) e.highlight([]);
  highlights = new Map();
  if (!r.ok) {
    const box = el("div", { className: "error", testid: "error" }, el("strong", {}, r.error.code), ": ", r.error.message.split("\n")[0]);
    box.setAttribute("role", "alert");
    const list = el("ul", { className: "diagnostics", testid: "error-diagnostics" });
    for (const d of r.error.diagnostics ?? []) {
      const id = sources.get(d.source ?? "");
      const known = knownEditor(id);
      const go = el("button", { type: "button", className: "linklike", textContent: `${known ? labelOf(id) : d.source} ${d.line}:${d.column}` });
      go.addEventListener("click", () => {
        if (!known) return;
        showTab(id.split("-")[0] as Kind);
        editors.get(id)?.goto(d.line, d.column);
      });
      list.append(el("li", {}, go, ` ${d.path ?? ""}: ${d.message}`));
    }
    out.replaceChildren(box, list);
    return;
  }
  render(r.response, sources, ms);
  if (firstDecision) {
    firstDecision = false;
    performance.mark("iamlab:first-decision");
  }
}

function labelOf(id: string): string {
  const [kind, n] = id.split("-");
  return label(kind as Kind, Number(n ?? 0));
}

function render(resp: SimulateResponse, sources: Map<string, string>, ms: number) {
  const out = $("#pg-result");
  const results = resp.EvaluationResults;
  if (selected.action >= results.length) selected = { action: 0, resource: 0 };
  const action = results[selected.action];
  if (!action) {
    out.replaceChildren(el("p", { className: "muted", textContent: "No action to simulate." }));
    return;
  }
  if (selected.resource >= action.ResourceSpecificResults.length) selected.resource = 0;
  const rr = action.ResourceSpecificResults[selected.resource];
  const ex = rr.Explanation;

  const decision = el("div", { className: `decision decision-${rr.EvalResourceDecision}`, testid: "decision" },
    el("span", { className: "decision-word" }, decisionText[rr.EvalResourceDecision]),
    el("code", {}, rr.EvalResourceDecision));
  decision.dataset.decision = rr.EvalResourceDecision;
  const what = el("p", { className: "pair" }, el("code", {}, action.EvalActionName), " on ", el("code", {}, rr.EvalResourceName));

  // every action on every resource
  const table = el("table", { className: "results", testid: "results" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "Action" }), el("th", { scope: "col", textContent: "Resource" }), el("th", { scope: "col", textContent: "Decision" }))));
  const tbody = el("tbody");
  results.forEach((a: EvaluationResult, i) =>
    a.ResourceSpecificResults.forEach((res, j) => {
      const on = i === selected.action && j === selected.resource;
      const b = el("button", { type: "button", className: `linklike decision-${res.EvalResourceDecision}`, textContent: res.EvalResourceDecision });
      b.setAttribute("aria-pressed", String(on));
      b.setAttribute("aria-label", `${a.EvalActionName} on ${res.EvalResourceName}: ${res.EvalResourceDecision}; show why`);
      b.addEventListener("click", () => {
        selected = { action: i, resource: j };
        run();
      });
      const row = el("tr", { testid: "result-row", className: on ? "selected" : "" }, el("td", {}, el("code", {}, a.EvalActionName)), el("td", {}, el("code", {}, res.EvalResourceName)), el("td", {}, b));
      row.dataset.decision = res.EvalResourceDecision;
      tbody.append(row);
    }),
  );
  table.append(tbody);

  const types = el("table", { className: "types", testid: "policy-types" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "Policy type" }), el("th", { scope: "col", textContent: "Verdict" }))));
  const typeNames: Record<string, string> = {
    identity: "Identity-based", resource: "Resource-based", boundary: "Permissions boundary", session: "Session policy",
    scp: "SCP", rcp: "RCP", trust: "Trust policy",
  };
  const tb = el("tbody");
  for (const t of ex.PolicyTypes) {
    const row = el("tr", {}, el("td", {}, typeNames[t.Type] + (t.Level ? ` (${t.Level})` : "")), el("td", { className: "verdict" }, t.Verdict));
    row.dataset.type = t.Type;
    row.dataset.verdict = t.Verdict;
    tb.append(row);
  }
  types.append(tb);

  const matched = el("ul", { className: "matched", testid: "matched-statements" });
  const ranges = new Map<string, { start: { Line: number; Column: number }; end: { Line: number; Column: number } }[]>();
  for (const m of rr.MatchedStatements) {
    const id = sources.get(m.SourcePolicyId);
    if (id) ranges.set(id, [...(ranges.get(id) ?? []), { start: m.StartPosition, end: m.EndPosition }]);
    const go = el("button", { type: "button", className: "linklike", textContent: `${id ? labelOf(id) : m.SourcePolicyId}, ${m.StartPosition.Line}:${m.StartPosition.Column}–${m.EndPosition.Line}:${m.EndPosition.Column}` });
    go.addEventListener("click", () => {
      if (id) {
        showTab(id.split("-")[0] as Kind);
        editors.get(id)?.goto(m.StartPosition.Line, m.StartPosition.Column);
      }
    });
    matched.append(el("li", {}, go));
  }
  if (rr.MatchedStatements.length === 0) matched.append(el("li", { className: "muted", textContent: "None: no statement decided (an implicit deny), or only organization policies did." }));
  highlights = ranges; // an editor built later highlights its own
  for (const [id, rs] of ranges) editors.get(id)?.highlight(rs);
  for (const kind of kinds) $(`#tab-${kind}`).classList.toggle("has-match", [...ranges.keys()].some((id) => id.split("-")[0] === kind));

  const stmts = el("ul", { className: "statements", testid: "statements" });
  for (const s of ex.Statements) {
    const id = sources.get(s.PolicyID);
    const li = el("li", { className: s.Applied ? "applied" : s.Error ? "failed" : "skipped" },
      el("span", { className: "mark" }, s.Applied ? "applies" : s.Error ? "failed" : "skipped"), " ",
      el("span", { className: `effect effect-${s.Effect}` }, s.Effect), " ",
      `${id ? labelOf(id) : s.PolicyID} ${s.Sid ? `“${s.Sid}”` : `statement ${s.Index + 1}`}`,
      s.Why ? `: ${s.Why}` : s.Error ? `: ${s.Error}` : s.Grant && s.Grant !== "none" ? `: names the caller (${s.Grant})` : "");
    li.dataset.applied = String(s.Applied);
    stmts.append(li);
  }

  const parts: Node[] = [decision, what, el("p", { className: "summary", testid: "summary" }, ex.Summary)];
  if (rr.MissingContextValues.length > 0) {
    parts.push(el("p", { className: "missing", testid: "missing-context" }, "Missing context values: ", ...rr.MissingContextValues.flatMap((k, i) => (i ? [", ", el("code", {}, k)] : [el("code", {}, k)]))));
  }
  parts.push(el("h3", { textContent: "Every decision" }), table,
    el("h3", { textContent: "Policy types" }), types,
    el("h3", { textContent: "Statements that decided" }), matched,
    el("h3", { textContent: "Every statement checked" }), stmts);
  const words = explained ?? engine!.explain(request(state).req);
  if (words.ok) {
    const section = words.text.split(/\n(?=== )/).find((s) => s.startsWith(`== ${action.EvalActionName} on ${rr.EvalResourceName}\n`));
    parts.push(el("h3", { textContent: "The explanation, as the CLI prints it" }), el("pre", { className: "explanation", testid: "explanation", tabIndex: 0 }, section ?? words.text));
  }
  parts.push(el("p", { className: "muted timing", testid: "timing" }, `Decided in the browser in ${ms.toFixed(2)} ms.`));
  out.replaceChildren(...parts);
}

let showTab: (kind: Kind) => void = () => undefined;

// ---- the scenario mode

function setMode(mode: Mode, focus = false) {
  state.mode = mode;
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
  $("#pg-scenario").hidden = mode !== "scenario";
  $("#pg-policies-mode").hidden = mode === "scenario";
  for (const e of document.querySelectorAll<HTMLElement>("[data-policies-only]")) e.hidden = mode === "scenario";
  placePlugins();
  if (mode === "scenario") {
    lab ??= loadLab("/");
    ensureScenarioEditor();
    scenarioEditor?.view.requestMeasure();
    if (focus) scenarioEditor?.view.focus();
  } else {
    for (const e of editors.values()) e.view.requestMeasure();
  }
}

/**
 * placePlugins puts the Plugins control where the mode shows it: in the
 * request column, or at the end of the scenario mode (whose plugin
 * statements use the same plugins).
 */
function placePlugins() {
  const panel = document.querySelector<HTMLElement>("[data-testid=plugins]");
  if (!panel) return; // made after the first decision
  const parent = state.mode === "scenario" ? $("#pg-scenario") : $(".pg-request");
  if (panel.parentElement !== parent) parent.append(panel);
}

/** scenarioBox finds (or makes, after el) a container of the scenario mode. */
function scenarioBox(id: string, after: string): HTMLElement {
  let box = document.getElementById(id);
  if (!box) {
    box = el("div", { id });
    $(after).after(box);
  }
  return box;
}

/** buildScenarioEditor shows the state's scenario and files; the editor itself is built when the scenario mode is shown (or in idle time). */
function buildScenarioEditor() {
  renderFiles(scenarioBox("pg-scenario-files", "#pg-scenario-editor"), (state.files ??= []), kept);
  if (scenarioEditor) scenarioEditor.setText(state.scenario ?? "");
  else if (state.mode === "scenario") ensureScenarioEditor();
}

function ensureScenarioEditor() {
  if (scenarioEditor || !editing) return;
  scenarioEditor = editing.createScenarioEditor({
    text: state.scenario ?? "",
    parent: $("#pg-scenario-editor"),
    dark: dark(),
    onChange: (t) => {
      state.scenario = t;
      kept();
    },
    onRun: () => void runScenario(),
  });
}

/** runScenario runs the scenario and shows its transcript, loading the lab module first if need be. */
async function runScenario() {
  const summary = $("#pg-scenario-summary");
  const error = $("#pg-scenario-error");
  const transcript = $("#pg-scenario-transcript");
  lab ??= loadLab("/");
  summary.textContent = "Loading the scenario engine…"; // replaced before a paint when it is loaded
  const l = await labAPI("/");
  if (!l.ok) {
    summary.textContent = l.error.message;
    return;
  }
  const seq = ++scenarioSeq;
  const t0 = performance.now();
  // With plugins loaded, the scenario runs in the plugin worker, where
  // its plugin statements find them and a plugin that loops is stopped.
  const inWorker = plugins !== null && plugins.runner.plugins().length > 0;
  if (inWorker) summary.textContent = "Running the scenario in the plugin worker…";
  const r = inWorker
    ? readScenarioRun(await plugins!.runner.scenario(state.scenario ?? "", filesMap(state.files ?? [])))
    : l.api.runScenario(state.scenario ?? "", filesMap(state.files ?? []));
  const ms = performance.now() - t0;
  if (seq !== scenarioSeq) return; // a later run's answer is shown instead
  delete summary.dataset.passed;
  const devices = scenarioBox("pg-scenario-mfa", "#pg-scenario-transcript");
  devices.dataset.testid = "scenario-mfa";
  renderDevices(devices, l.api, r.ok ? r.clock : "", r.ok ? r.devices : []);
  if (!r.ok) {
    summary.textContent = r.error.code === "PluginTimeout" ? "The scenario was stopped: nothing it did counts." : "The scenario was not run.";
    transcript.textContent = "";
    const list = el("ul", { className: "diagnostics", testid: "scenario-diagnostics" });
    for (const d of r.error.diagnostics ?? []) {
      const go = el("button", { type: "button", className: "linklike", textContent: `Line ${d.line}, column ${d.column}` });
      go.setAttribute("aria-label", `Go to line ${d.line}, column ${d.column} of the scenario`);
      go.addEventListener("click", () => scenarioEditor?.goto(d.line, d.column));
      const li = el("li", { testid: "scenario-diagnostic" }, go, `: ${d.message}`);
      li.dataset.line = String(d.line);
      li.dataset.column = String(d.column);
      list.append(li);
    }
    error.replaceChildren(el("strong", {}, r.error.code), ": ", r.error.message.split("\n")[0], list);
    error.hidden = false;
    return;
  }
  error.hidden = true;
  error.replaceChildren();
  transcript.textContent = r.transcript;
  summary.dataset.passed = String(r.passed);
  summary.textContent = `${r.passed ? "Every expectation held" : `${r.failed} of ${count(r.expectations, "expectation")} failed`} (${count(r.statements, "statement")}, ${r.errors} failed outside an expect; ${ms.toFixed(1)} ms${inWorker ? ", in the plugin worker" : ""}).`;
}

// ---- state in and out

function applyState(s: State) {
  state = s;
  selected = { action: 0, resource: 0 };
  buildEditors();
  buildScenarioEditor();
  setMode(state.mode ?? "policies");
  fillForm();
  store(state);
  run();
}

async function share() {
  const link = `${location.origin}${location.pathname}#s=${await encodeState(state)}`;
  history.replaceState(null, "", link);
  const input = $<HTMLInputElement>("#pg-share-link");
  input.value = link;
  $("#pg-share-box").hidden = false;
  input.focus();
  input.select();
  try {
    await navigator.clipboard.writeText(link);
    $("#pg-engine").textContent = "Link copied.";
  } catch {
    // the link is in the box to copy by hand
  }
}

async function initialState(): Promise<State> {
  if (location.hash.startsWith("#s=")) {
    const s = await decodeState(location.hash.slice(3), defaultState);
    if (s) return s;
    $("#pg-engine").textContent = "The share link is damaged; showing the last playground instead.";
  }
  return loadStored(defaultState) ?? structuredClone(defaultState);
}

async function main() {
  const loading = loadEngine("/");
  const codemirror = import("./editing");
  showTab = initTabs();
  initForm();
  const select = $<HTMLSelectElement>("#pg-example");
  for (const e of examples) select.append(el("option", { value: e.id, textContent: e.title }));
  select.addEventListener("change", () => {
    const e = examples.find((x) => x.id === select.value);
    if (e) applyState(normalize({ ...structuredClone(e.state), mode: "policies", scenario: state.scenario }, defaultState));
  });
  $("#pg-run").addEventListener("click", () => run());
  $("#pg-share").addEventListener("click", () => void share());
  $("#pg-reset").addEventListener("click", () => applyState({ ...structuredClone(defaultState), mode: state.mode }));
  $("#pg-scenario-run").addEventListener("click", () => void runScenario());
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) {
    b.addEventListener("click", () => {
      setMode(b.dataset.mode as Mode, true);
      kept();
    });
  }
  for (const kind of ["identity", "scp"] as const) {
    document.querySelector(`[data-add=${kind}]`)?.addEventListener("click", () => {
      if (kind === "identity") state.identity.push("");
      else state.scps.push("");
      open.add(kind);
      changed(true);
      const ids = [...editors.keys()].filter((id) => id.startsWith(kind));
      editors.get(ids[ids.length - 1])?.view.focus();
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      if (scenarioEditor?.view.dom.contains(e.target as Node)) return; // its own keymap runs it
      e.preventDefault();
      if (state.mode === "scenario") void runScenario();
      else run();
    }
  });
  document.addEventListener("iamlab:theme", () => {
    for (const ed of editors.values()) ed.setDark(dark());
    scenarioEditor?.setDark(dark());
  });
  window.addEventListener("hashchange", async () => {
    if (!location.hash.startsWith("#s=")) return;
    const s = await decodeState(location.hash.slice(3), defaultState);
    if (s) applyState(s);
  });

  state = await initialState();
  buildEditors();
  buildScenarioEditor();
  setMode(state.mode ?? "policies");
  fillForm();

  // The editors and the engine come in whichever order they are ready.
  const status = $("#pg-engine");
  void codemirror.then(
    (m) => {
      editing = m;
      for (const kind of open) buildKind(kind);
      if (state.mode === "scenario") ensureScenarioEditor();
      performance.mark("iamlab:editors-ready");
      if (!firstDecision) idle(buildIdle);
    },
    (e) => {
      status.textContent = `The editors could not be loaded: ${String(e)}`;
      status.classList.add("failed");
    },
  );
  const r = await loading;
  if (!r.ok) {
    status.textContent = r.error.message;
    status.classList.add("failed");
    return;
  }
  engine = r.engine;
  status.textContent = `Engine ready (${engine.version()})`;
  status.dataset.ready = "true";
  run();
  // Everything else waits for the first decision: the Plugins control
  // (and the plugins kept in local storage), the editors' checks, the
  // other panes' editors, and the lab module (scenarios, findings,
  // completions) in the background.
  plugins = createPluginPanel($(".pg-request"), "/assets/plugin-worker.js", (ops) => {
    engine?.declarePlugins(ops);
    for (const e of editors.values()) e.relint();
    run();
  });
  placePlugins();
  for (const e of editors.values()) e.relint();
  idle(() => {
    lab ??= loadLab("/");
    void labAPI("/");
    buildIdle();
  });
}

/** The test hook: the playground's state, read by the browser tests (see site/README.md). */
(globalThis as unknown as { iamlabPlayground: object }).iamlabPlayground = {
  state: () => structuredClone(state),
};

void main();

/** count is n with its noun, singular for one: "1 statement", "2 statements". */
function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`;
}
