// The policy summary, as the IAM console shows it: per service, the access
// level granted (Full, or Limited: List, Read, Write …), the resources and
// the request conditions — from the lab module (labbridge.Summarize), in a
// collapsible section under an identity policy's editor.

import type { PolicyType } from "../engine";
import { labAPI, labNow, whenLabLoaded, type PolicySummary, type SummaryRow } from "./labapi";

export interface SummaryView {
  /** update summarizes the policy's text (when the section is open; otherwise when it is opened). */
  update(text: string): void;
}

function cell(tag: "td" | "th", text: string, className = ""): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (className) c.className = className;
  if (tag === "th") c.scope = "col";
  return c;
}

function table(title: string, rows: SummaryRow[], total: number, testid: string): HTMLElement {
  const box = document.createElement("div");
  box.dataset.testid = testid;
  const h = document.createElement("h4");
  h.textContent = `${title} (${rows.length} of ${total} services)`;
  box.append(h);
  if (rows.length === 0) return box;
  const t = document.createElement("table");
  t.className = "policy-summary";
  const head = document.createElement("tr");
  head.append(cell("th", "Service"), cell("th", "Access level"), cell("th", "Resource"), cell("th", "Request condition"));
  t.createTHead().append(head);
  const body = t.createTBody();
  for (const r of rows) {
    const tr = document.createElement("tr");
    tr.dataset.testid = "summary-row";
    tr.dataset.service = r.prefix;
    tr.dataset.access = r.access;
    const service = cell("td", r.service);
    service.title = r.actions.length <= 12 ? r.actions.join(", ") : `${r.actions.slice(0, 12).join(", ")} and ${r.actions.length - 12} more`;
    const access = cell("td", r.access, "summary-access");
    access.dataset.testid = "summary-access";
    const resource = cell("td", r.resource);
    if (r.warnings?.length) {
      const w = document.createElement("span");
      w.className = "summary-warning";
      w.textContent = ` ⚠ ${r.warnings.join(" ")}`;
      resource.append(w);
    }
    tr.append(service, access, resource, cell("td", r.condition));
    body.append(tr);
  }
  box.append(t);
  return box;
}

function render(out: HTMLElement, s: PolicySummary) {
  const parts: HTMLElement[] = [];
  if (s.explicitDeny.length > 0) parts.push(table("Explicit deny", s.explicitDeny, s.services, "summary-deny"));
  parts.push(table("Allow", s.allow, s.services, "summary-allow"));
  if (s.uncategorized.length > 0) {
    const p = document.createElement("p");
    p.className = "summary-warning";
    p.dataset.testid = "summary-uncategorized";
    p.textContent = `Not in the action catalog, so nothing is granted there: ${s.uncategorized.map((u) => `${u.Prefix} (${u.Actions.join(", ")})`).join("; ")}.`;
    parts.push(p);
  }
  out.replaceChildren(...parts);
}

/**
 * createSummary adds the collapsible summary of one policy after el
 * (data-testid="policy-summary-ID", its content "summary-content").
 */
export function createSummary(after: HTMLElement, id: string, type: PolicyType, label: string): SummaryView {
  const details = document.createElement("details");
  details.className = "policy-summary-box";
  details.dataset.testid = `policy-summary-${id}`;
  const sum = document.createElement("summary");
  sum.textContent = "Policy summary";
  sum.setAttribute("aria-label", `Policy summary of ${label}`);
  const out = document.createElement("div");
  out.dataset.testid = "summary-content";
  out.setAttribute("aria-live", "polite");
  details.append(sum, out);
  after.after(details);

  let text = "";
  let shown: string | null = null;
  const refresh = () => {
    if (!details.open || shown === text) return;
    if (text.trim() === "") {
      out.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: "An empty policy grants nothing." }));
      shown = text;
      return;
    }
    const lab = labNow();
    if (!lab) {
      out.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: "Loading the summary…" }));
      void labAPI("/"); // asked for: load the lab module now (refresh runs again when it is in)
      return;
    }
    const r = lab.summarize(text, type, label);
    shown = text;
    if (!r.ok) {
      out.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: `No summary: the policy does not parse (${r.error.message.split("\n")[0]}).` }));
      return;
    }
    render(out, r.summary);
  };
  details.addEventListener("toggle", refresh);
  whenLabLoaded(refresh);
  return {
    update(t) {
      text = t;
      refresh();
    },
  };
}
