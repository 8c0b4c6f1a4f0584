// The scenario mode's files: the files a scenario's file "…" and import
// "…" statements read, named, edited and removed next to the scenario, kept
// in the playground's state and passed to the run.

import type { ScenarioFile } from "./state";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testid?: string; text?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.testid) e.dataset.testid = props.testid;
  if (props.text !== undefined) e.textContent = props.text;
  e.append(...children);
  return e;
}

/** filesMap gives the files by name, as runScenario takes them (a later file of the same name wins). */
export function filesMap(files: ScenarioFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) if (f.name.trim() !== "") out[f.name.trim()] = f.text;
  return out;
}

/**
 * renderFiles builds the files pane in host (data-testid="scenario-files"):
 * one row per file ("scenario-file": its name "scenario-file-name", its
 * text "scenario-file-text", "scenario-file-remove") and "scenario-add-file".
 * onChange is called after every edit, with the list (edited in place).
 */
export function renderFiles(host: HTMLElement, files: ScenarioFile[], onChange: () => void): void {
  const rebuild = () => renderFiles(host, files, onChange);
  host.replaceChildren();
  host.dataset.testid = "scenario-files";
  host.append(el("h3", { text: "Files" }),
    el("p", { className: "hint", text: "Files the scenario reads by name: policy = file \"read.json\", import \"snapshot.json\"." }));
  files.forEach((f, i) => {
    const nameId = `pg-file-name-${i}`;
    const textId = `pg-file-text-${i}`;
    const name = el("input", { testid: "scenario-file-name" });
    name.id = nameId;
    name.type = "text";
    name.spellcheck = false;
    name.value = f.name;
    name.placeholder = "read.json";
    const text = el("textarea", { className: "scenario-file-text", testid: "scenario-file-text" });
    text.id = textId;
    text.spellcheck = false;
    text.rows = Math.min(16, Math.max(4, f.text.split("\n").length + 1));
    text.value = f.text;
    text.setAttribute("aria-label", `Text of file ${i + 1}`);
    const rm = el("button", { className: "linklike", testid: "scenario-file-remove", text: "Remove" });
    rm.type = "button";
    rm.setAttribute("aria-label", `Remove file ${i + 1}${f.name ? ` (${f.name})` : ""}`);
    name.addEventListener("input", () => ((f.name = name.value), onChange()));
    text.addEventListener("input", () => ((f.text = text.value), onChange()));
    rm.addEventListener("click", () => {
      files.splice(i, 1);
      onChange();
      rebuild();
    });
    const label = el("label", { text: `File ${i + 1} name` });
    label.htmlFor = nameId;
    host.append(el("div", { className: "scenario-file", testid: "scenario-file" }, el("div", { className: "scenario-file-head" }, label, " ", name, " ", rm), text));
  });
  const add = el("button", { className: "add", testid: "scenario-add-file", text: "Add a file" });
  add.type = "button";
  add.addEventListener("click", () => {
    files.push({ name: `file${files.length + 1}.json`, text: "" });
    onChange();
    rebuild();
    host.querySelectorAll<HTMLInputElement>("[data-testid=scenario-file-name]")[files.length - 1]?.focus();
  });
  host.append(add);
}
