// The playground's Plugins control: a labelled file input, the list of
// loaded plugins with their operators and a Remove button each, and a
// status line. The loaded plugins are kept in local storage (compressed,
// base64) when they fit, never in share links (site/README.md).

import { PluginRunner } from "./client";

const storageKey = "iamlab-plugins";
const storageLimit = 3_000_000; // characters of base64 kept, for every plugin together

interface Stored {
  name: string;
  gzip: string; // the module, gzip-compressed, base64
}

export interface PluginPanel {
  runner: PluginRunner;
  /** restored resolves once the plugins kept in local storage are loaded again. */
  restored: Promise<void>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { testid?: string; [prop: string]: unknown } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { testid, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  if (testid) e.dataset.testid = testid;
  e.append(...children);
  return e;
}

async function pipe(bytes: ArrayBuffer, stream: CompressionStream | DecompressionStream): Promise<ArrayBuffer> {
  return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
}

function toBase64(b: ArrayBuffer): string {
  const u8 = new Uint8Array(b);
  let s = "";
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): ArrayBuffer {
  const bin = atob(s);
  const u8 = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
  return u8.buffer;
}

/** pluginName makes a plugin's name from its file's: "cidr.wasm" → "cidr". */
function pluginName(file: string): string {
  return file.replace(/\.wasm$/i, "").replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 64) || "plugin";
}

/**
 * createPluginPanel builds the control into parent. changed is called
 * after a plugin is loaded or removed, with the operators now loaded.
 */
export function createPluginPanel(parent: HTMLElement, workerURL: string, changed: (operators: string[]) => void): PluginPanel {
  const runner = new PluginRunner(workerURL);
  const input = el("input", { type: "file", id: "pg-plugin-file", accept: ".wasm,application/wasm", testid: "plugin-file" });
  const status = el("p", { className: "hint", testid: "plugin-status" });
  status.setAttribute("role", "status");
  const list = el("ul", { className: "plugins", testid: "plugin-list" });
  list.setAttribute("aria-label", "Loaded plugins");
  const section = el("section", { className: "pg-plugins", testid: "plugins" },
    el("h3", { id: "pg-plugins-title", textContent: "Plugins" }),
    el("p", { className: "hint" }, "Condition operators compiled to WebAssembly (ABI v1), used in policies as ", el("code", {}, "Plugin:Name"),
      ". With plugins loaded, simulations run in a worker with the CLI's limits; a plugin that fails or does not answer in time fails closed."),
    el("div", { className: "field" }, el("label", { htmlFor: "pg-plugin-file", textContent: "Load a plugin (.wasm)" }), input),
    status, list);
  section.setAttribute("aria-labelledby", "pg-plugins-title");
  parent.append(section);

  const render = () => {
    list.replaceChildren(...runner.plugins().map((p) => {
      const rm = el("button", { type: "button", className: "linklike", textContent: "Remove", testid: "plugin-remove" });
      rm.setAttribute("aria-label", `Remove plugin ${p.name}`);
      rm.addEventListener("click", () => void remove(p.name));
      const li = el("li", { testid: "plugin" }, el("strong", {}, p.name), ": ",
        ...p.operators.flatMap((o, i) => (i ? [", ", el("code", { testid: "plugin-operator" }, o)] : [el("code", { testid: "plugin-operator" }, o)])), " ", rm);
      li.dataset.name = p.name;
      return li;
    }));
    changed(runner.operators());
  };

  const keep = async () => {
    const stored: Stored[] = [];
    let size = 0;
    for (const p of runner.plugins()) {
      const gzip = toBase64(await pipe(p.bytes, new CompressionStream("gzip")));
      size += gzip.length;
      stored.push({ name: p.name, gzip });
    }
    try {
      if (size > storageLimit) throw new Error("too large");
      if (stored.length === 0) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify(stored));
      return true;
    } catch {
      localStorage.removeItem(storageKey);
      return false;
    }
  };

  const add = async (name: string, bytes: ArrayBuffer, kept: boolean) => {
    status.textContent = `Loading plugin ${name}…`;
    delete status.dataset.state;
    const r = await runner.load(name, bytes);
    if (!r.ok) {
      status.textContent = r.error.message;
      status.dataset.state = "refused";
      return;
    }
    render();
    status.textContent = `Loaded plugin ${name}: ${r.operators.join(", ")}.`;
    status.dataset.state = "loaded";
    if (!kept && !(await keep())) status.textContent += " It is too large to keep in this browser's storage: load it again after a reload.";
  };

  const remove = async (name: string) => {
    await runner.remove(name);
    render();
    await keep();
    status.textContent = `Removed plugin ${name}.`;
  };

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.arrayBuffer().then((b) => add(pluginName(file.name), b, false)).finally(() => (input.value = ""));
  });

  const restored = (async () => {
    let stored: Stored[] = [];
    try {
      stored = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as Stored[];
    } catch {
      return;
    }
    for (const s of stored) {
      try {
        await add(s.name, await pipe(fromBase64(s.gzip), new DecompressionStream("gzip")), true);
      } catch {
        status.textContent = `The kept plugin ${s.name} could not be read again.`;
      }
    }
  })();
  return { runner, restored };
}
