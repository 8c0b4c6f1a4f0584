// The policy editors: CodeMirror 6 with JSON highlighting, the engine's
// diagnostics inline at their line and column, and the statements that
// decided highlighted.

import { basicSetup } from "codemirror";
import { json } from "@codemirror/lang-json";
import { forceLinting, linter, lintGutter, type Diagnostic as CMDiagnostic } from "@codemirror/lint";
import { Compartment, EditorState, StateEffect, StateField, type Text } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import { oneDarkHighlightStyle } from "./theme-dark";
import { syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import type { Diagnostic, Engine, PolicyType, Position } from "../engine";
import { policyCompletions } from "./completion";
import { inlineFindings, lintDiagnostics, renderFindings } from "./findings";
import { labNow, whenLabLoaded } from "./labapi";

/** offset turns a 1-based line and column (in characters) into a document offset. */
export function offset(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column, 1) - 1, l.to);
}

/** tokenEnd finds the end of the JSON token at pos, so that a diagnostic underlines it whole. */
function tokenEnd(doc: Text, pos: number): number {
  const line = doc.lineAt(pos);
  const text = line.text;
  let i = pos - line.from;
  if (i >= text.length) return pos;
  if (text[i] === '"') {
    for (i++; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return line.from + i + 1;
    }
    return line.to;
  }
  const start = i;
  while (i < text.length && /[\w.+\-]/.test(text[i])) i++;
  return line.from + Math.max(i, start + 1);
}

/** refreshLint asks the linter to check the document again, unchanged (the engine or the lab module has come). */
const refreshLint = StateEffect.define<null>();

const setMatched = StateEffect.define<{ from: number; to: number }[]>();
const matchedMark = Decoration.mark({ class: "cm-matched", attributes: { "data-testid": "matched-range" } });

const matchedField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setMatched)) {
        deco = Decoration.set(
          e.value.filter((r) => r.to > r.from).map((r) => matchedMark.range(r.from, r.to)),
          true,
        );
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface PolicyEditor {
  id: string;
  type: PolicyType;
  view: EditorView;
  /** highlight marks statements (start and end as the engine reports them). */
  highlight(ranges: { start: Position; end: Position }[]): void;
  /** relint validates again, e.g. once the engine has loaded. */
  relint(): void;
  /** goto puts the cursor at a line and column and focuses the editor. */
  goto(line: number, column: number): void;
  setText(text: string): void;
  setDark(dark: boolean): void;
}

export interface EditorOptions {
  id: string;
  type: PolicyType;
  label: string;
  text: string;
  parent: HTMLElement;
  diagnosticsList: HTMLElement;
  engine: () => Engine | null;
  onChange: (text: string) => void;
  dark: boolean;
  /** onLinted is called with the text each time the editor has been checked (e.g. to summarize it). */
  onLinted?: (text: string) => void;
}

export const lightTheme = EditorView.theme({}, { dark: false });
export const darkTheme = EditorView.theme(
  {
    "&": { backgroundColor: "var(--code-bg)", color: "var(--fg)" },
    ".cm-gutters": { backgroundColor: "var(--code-bg)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
    ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "rgba(255,255,255,0.05)" },
    "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
    ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "rgba(120,160,255,0.3) !important" },
  },
  { dark: true },
);

export function createEditor(o: EditorOptions): PolicyEditor {
  const themeSlot = new Compartment();
  const themeFor = (dark: boolean) =>
    dark ? [darkTheme, syntaxHighlighting(oneDarkHighlightStyle)] : [lightTheme, syntaxHighlighting(defaultHighlightStyle)];

  let view: EditorView;
  const renderList = (diags: Diagnostic[]) => {
    o.diagnosticsList.replaceChildren();
    for (const d of diags) {
      const li = document.createElement("li");
      li.dataset.testid = "diagnostic";
      li.dataset.editor = o.id;
      li.dataset.line = String(d.line);
      li.dataset.column = String(d.column);
      const b = document.createElement("button");
      b.type = "button";
      b.className = "linklike";
      b.textContent = `Line ${d.line}, column ${d.column}`;
      b.setAttribute("aria-label", `Go to line ${d.line}, column ${d.column} of ${o.label}`);
      b.addEventListener("click", () => editor.goto(d.line, d.column));
      li.append(b, `${d.path ? " " + d.path : ""}: ${d.message}`);
      o.diagnosticsList.append(li);
    }
    o.diagnosticsList.hidden = diags.length === 0;
  };

  // Access Analyzer-style findings, once the lab module is loaded: a
  // list under the parser's problems, and inline.
  const findingsList = document.createElement("ul");
  findingsList.className = "findings";
  findingsList.dataset.testid = `findings-${o.id}`;
  findingsList.setAttribute("aria-label", `Findings in ${o.label}`);
  findingsList.hidden = true;
  o.diagnosticsList.after(findingsList);

  const source = (v: EditorView): CMDiagnostic[] => {
    const engine = o.engine();
    const text = v.state.doc.toString();
    if (!engine || text.trim() === "") {
      renderList([]);
      renderFindings(findingsList, [], [], o.label, (l, c) => editor.goto(l, c));
      o.onLinted?.(text);
      return [];
    }
    const r = engine.validate(text, o.type, o.label);
    const diags = r.ok ? r.diagnostics : [{ line: 1, column: 1, message: r.error.message }];
    renderList(diags);
    const lab = labNow();
    const analyzed = lab?.analyze(text, o.type);
    const findings = analyzed?.ok ? analyzed.findings : [];
    renderFindings(findingsList, findings, diags, o.label, (l, c) => editor.goto(l, c));
    o.onLinted?.(text);
    return [...lintDiagnostics(v.state.doc, inlineFindings(findings, diags)), ...diags.map((d): CMDiagnostic => {
      const from = offset(v.state.doc, d.line, d.column);
      return {
        from,
        to: tokenEnd(v.state.doc, from),
        severity: "error",
        message: (d.path ? d.path + ": " : "") + d.message,
        source: "iamlab",
      };
    })];
  };

  view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(source, { delay: 150, needsRefresh: (u) => u.transactions.some((tr) => tr.effects.some((e) => e.is(refreshLint))) }),
        policyCompletions(o.type),
        matchedField,
        themeSlot.of(themeFor(o.dark)),
        EditorView.contentAttributes.of({ "aria-label": o.label, "data-testid": `editor-${o.id}` }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });

  const editor: PolicyEditor = {
    id: o.id,
    type: o.type,
    view,
    highlight(ranges) {
      const doc = view.state.doc;
      view.dispatch({
        effects: setMatched.of(
          ranges.map((r) => ({ from: offset(doc, r.start.Line, r.start.Column), to: offset(doc, r.end.Line, r.end.Column) })),
        ),
      });
    },
    relint: () => {
      view.dispatch({ effects: refreshLint.of(null) });
      forceLinting(view);
    },
    goto(line, column) {
      const pos = offset(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setDark(dark) {
      view.dispatch({ effects: themeSlot.reconfigure(themeFor(dark)) });
    },
  };
  // Findings come with the lab module: check again when it is in.
  whenLabLoaded(() => view.dom.isConnected && editor.relint());
  return editor;
}
