// Access Analyzer-style findings in the policy editors: the lab module's
// findings (labbridge.Analyze) as CodeMirror lint diagnostics with their
// severity, next to the parser's, and as a list under each editor whose
// codes link to the page that explains them.

import type { Diagnostic as CMDiagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";
import type { Diagnostic } from "../engine";
import type { Finding } from "./labapi";

const severity: Record<Finding["type"], CMDiagnostic["severity"]> = {
  ERROR: "error",
  SECURITY_WARNING: "warning",
  WARNING: "warning",
  SUGGESTION: "info",
};

const typeTitle: Record<Finding["type"], string> = {
  ERROR: "Error",
  SECURITY_WARNING: "Security warning",
  WARNING: "Warning",
  SUGGESTION: "Suggestion",
};

/** position turns a 1-based line and column into a document offset, clamped to the document. */
function position(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column, 1) - 1, l.to);
}

/**
 * inlineFindings chooses the findings to show inline: not those that repeat
 * the parser (a syntax error is the parser's to report), nor an error on a
 * line where the parser already reports one.
 */
export function inlineFindings(findings: Finding[], parser: Diagnostic[]): Finding[] {
  const lines = new Set(parser.map((d) => d.line));
  return findings.filter((f) => !f.syntax && !(f.type === "ERROR" && lines.has(f.line)));
}

/** lintDiagnostics makes CodeMirror diagnostics of findings, with a link to each code's page. */
export function lintDiagnostics(doc: Text, findings: Finding[]): CMDiagnostic[] {
  return findings.map((f) => {
    const from = position(doc, f.line, f.column);
    let to = position(doc, f.endLine, f.endColumn);
    if (to <= from) to = Math.min(from + 1, doc.length);
    return {
      from,
      to,
      severity: severity[f.type],
      source: f.code,
      message: `${typeTitle[f.type]} ${f.code}: ${f.message}`,
      renderMessage: () => {
        const span = document.createElement("span");
        const a = document.createElement("a");
        a.href = f.link;
        a.textContent = f.code;
        span.append(`${typeTitle[f.type]} `, a, `: ${f.message}`);
        return span;
      },
    };
  });
}

/**
 * renderFindings fills an editor's findings list: one item per finding
 * (data-testid="finding", with data-code, data-type, data-line and
 * data-column), its place a button that puts the cursor there, its code a
 * link to the page that explains it. A finding the parser's problems
 * already list (a syntax error, or an error at the very same place) is
 * left out.
 */
export function renderFindings(list: HTMLElement, findings: Finding[], parser: Diagnostic[], label: string, goto: (line: number, column: number) => void): void {
  list.replaceChildren();
  const places = new Set(parser.map((d) => `${d.line}:${d.column}`));
  for (const f of findings.filter((f) => !f.syntax && !(f.type === "ERROR" && places.has(`${f.line}:${f.column}`)))) {
    const li = document.createElement("li");
    li.dataset.testid = "finding";
    li.dataset.code = f.code;
    li.dataset.type = f.type;
    li.dataset.line = String(f.line);
    li.dataset.column = String(f.column);
    li.className = `finding finding-${f.type.toLowerCase().replace("_", "-")}`;
    const kind = document.createElement("span");
    kind.className = "finding-type";
    kind.textContent = typeTitle[f.type];
    const go = document.createElement("button");
    go.type = "button";
    go.className = "linklike";
    go.textContent = `Line ${f.line}, column ${f.column}`;
    go.setAttribute("aria-label", `Go to line ${f.line}, column ${f.column} of ${label}`);
    go.addEventListener("click", () => goto(f.line, f.column));
    const a = document.createElement("a");
    a.href = f.link;
    a.dataset.testid = "finding-link";
    a.textContent = f.code;
    a.title = `${f.title}: what it means and how to fix it`;
    li.append(kind, " ", a, " — ", go, `: ${f.message}`);
    list.append(li);
  }
  list.hidden = list.childElementCount === 0;
}
