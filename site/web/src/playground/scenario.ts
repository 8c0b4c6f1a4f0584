// The scenario mode's editor: CodeMirror 6 with the scenario language's
// highlighting (comments, strings, JSON bodies, keywords). The example it
// starts with is in examples.ts, which needs no CodeMirror.

import { basicSetup } from "codemirror";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, type StringStream } from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { oneDarkHighlightStyle } from "./theme-dark";
import { darkTheme, lightTheme, offset } from "./editors";

const keywords = new Set([
  "account", "alias", "as", "attach", "boundary", "clock", "code", "detach", "expect", "file", "get", "group", "import", "in",
  "inline", "key", "mfa", "move", "of", "on", "organization", "ou", "plugin", "policy", "propagation", "region", "role",
  "root", "scp", "seed", "session", "start", "to", "totp", "under", "use", "user", "virtual", "with",
]);
const decisions = new Set(["allow", "allowed", "deny", "explicitDeny", "implicitDeny", "error"]);

interface ScanState {
  json: number; // the depth of the JSON body being scanned, 0 outside one
}

/** scenarioLanguage highlights the scenario language line by line. */
const scenarioLanguage = StreamLanguage.define<ScanState>({
  name: "iamlab-scenario",
  startState: () => ({ json: 0 }),
  token(stream: StringStream, st: ScanState): string | null {
    if (st.json > 0) {
      while (!stream.eol()) {
        const c = stream.next();
        if (c === '"') {
          stream.match(/^(?:[^"\\]|\\.)*"?/);
          return "string";
        }
        if (c === "{" || c === "[") st.json++;
        else if (c === "}" || c === "]") {
          st.json--;
          if (st.json === 0) return "bracket";
        }
      }
      return null;
    }
    if (stream.eatSpace()) return null;
    if (stream.match("#")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === "{") {
      stream.next();
      st.json = 1;
      return "bracket";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^[=,()]/)) return "punctuation";
    const w = stream.match(/^[^\s"{}=,()]+/) as RegExpMatchArray | null;
    if (!w) {
      stream.next();
      return null;
    }
    const word = w[0].replace(/:$/, "");
    if (keywords.has(word)) return "keyword";
    if (decisions.has(word)) return "atom";
    if (/^[+-]?\d/.test(word)) return "number";
    return null;
  },
  languageData: { commentTokens: { line: "#" } },
});

export interface ScenarioEditor {
  view: EditorView;
  setText(text: string): void;
  goto(line: number, column: number): void;
  setDark(dark: boolean): void;
}

/** createScenarioEditor makes the editor; Ctrl+Enter (Cmd+Enter) in it calls onRun. */
export function createScenarioEditor(o: { text: string; parent: HTMLElement; dark: boolean; onChange: (text: string) => void; onRun: () => void }): ScenarioEditor {
  const themeSlot = new Compartment();
  const themeFor = (dark: boolean) =>
    dark ? [darkTheme, syntaxHighlighting(oneDarkHighlightStyle)] : [lightTheme, syntaxHighlighting(defaultHighlightStyle)];
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (o.onRun(), true) }])),
        basicSetup,
        scenarioLanguage,
        themeSlot.of(themeFor(o.dark)),
        EditorView.contentAttributes.of({ "aria-label": "Scenario", "data-testid": "editor-scenario" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    goto(line, column) {
      view.dispatch({ selection: { anchor: offset(view.state.doc, line, column) }, scrollIntoView: true });
      view.focus();
    },
    setDark(dark) {
      view.dispatch({ effects: themeSlot.reconfigure(themeFor(dark)) });
    },
  };
}
