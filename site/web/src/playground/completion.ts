// Completion in the policy editors: CodeMirror 6's autocompletion with a
// source that asks the lab module (labbridge.Completions) what fits at the
// cursor — element names, Version and Effect values, service prefixes and
// actions with their access levels, the ARN formats of the statement's
// actions, condition operators and condition keys with their types.

import { snippetCompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { jsonLanguage } from "@codemirror/lang-json";
import type { Extension } from "@codemirror/state";
import type { PolicyType } from "../engine";
import { labAPI, labNow, type CompletionItem } from "./labapi";

function option(it: CompletionItem): Completion {
  const c: Completion = { label: it.label, type: it.type };
  if (it.detail) c.detail = it.detail;
  if (it.info) c.info = it.info;
  if (it.boost) c.boost = Math.max(-99, Math.min(99, it.boost));
  if (it.snippet && it.apply) return snippetCompletion(it.apply, c);
  if (it.apply) c.apply = it.apply;
  return c;
}

/**
 * policyCompletions completes a policy document of the given type. The
 * lab module loads on the first request if nobody loaded it before.
 */
export function policyCompletions(type: PolicyType): Extension {
  const source = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    // Only inside a string (an odd number of quotes before the cursor on
    // its line), or when asked for (Ctrl+Space).
    const before = ctx.state.sliceDoc(ctx.state.doc.lineAt(ctx.pos).from, ctx.pos);
    if (!ctx.explicit && (before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 0) return null;
    let lab = labNow();
    if (!lab) {
      const r = await labAPI("/");
      if (!r.ok || ctx.aborted) return null;
      lab = r.api;
    }
    const r = lab.completions(ctx.state.doc.toString(), ctx.pos, type);
    if (!r.ok || r.kind === "" || r.items.length === 0) return null;
    return { from: r.from, to: ctx.pos, options: r.items.map(option) };
  };
  return jsonLanguage.data.of({ autocomplete: source });
}
