// The plugin worker: a dedicated Web Worker that runs the light engine
// (iamlab.wasm) with the plugins the page loaded, so that the page can
// terminate it when a plugin does not answer (client.ts). Messages are
// handled one at a time, in order. For scenarios it also starts the lab
// module (iamlab-lab.wasm), when first asked: a scenario's plugin
// statement (plugin NAME from "FILE") loads the plugin file of FILE's base
// name — a plugin loaded here as "cidr" is the file "cidr.wasm".

import { newWASI } from "./wasi";
import type { Request, Response } from "./protocol";

interface RawAPI {
  decide(json: string): string;
  loadPlugin(name: string, bytes: Uint8Array, newWASI: () => unknown): string;
  removePlugin(json: string): string;
}

interface RawLab {
  runScenarioWithPlugins(json: string, files: Record<string, Uint8Array>, newWASI: () => unknown): string;
}

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

const scope = globalThis as unknown as {
  Go?: { new (): GoRuntime };
  iamlab?: RawAPI;
  iamlabReady?: () => void;
  iamlabLab?: RawLab;
  iamlabLabReady?: () => void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(m: Response): void;
};

const base = new URL("/", location.href).href;
let runtime: Promise<unknown> | null = null;

/** run starts a Go module and waits for it to call its ready hook. */
async function run(file: string, hook: "iamlabReady" | "iamlabLabReady"): Promise<void> {
  const module = WebAssembly.compileStreaming(fetch(base + file));
  runtime ??= import(/* @vite-ignore */ base + "wasm_exec.js"); // a classic script that defines Go
  await runtime;
  const go = new scope.Go!();
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  const ready = new Promise<void>((resolve) => (scope[hook] = resolve));
  go.run(instance).catch(() => undefined);
  await ready;
}

async function start(): Promise<RawAPI> {
  await run("iamlab.wasm", "iamlabReady");
  return scope.iamlab!;
}

const engine = start();
let lab: Promise<RawLab> | null = null;
/** files are the loaded plugins' modules, by file name ("cidr.wasm"), for scenarios. */
const files = new Map<string, Uint8Array>();
let queue = Promise.resolve();

function handle(api: RawAPI, m: Request): Response {
  switch (m.type) {
    case "load": {
      const result = JSON.parse(api.loadPlugin(m.name, new Uint8Array(m.bytes), newWASI)) as { ok: boolean };
      if (result.ok) files.set(`${m.name}.wasm`, new Uint8Array(m.bytes));
      return { id: m.id, result };
    }
    case "remove":
      files.delete(`${m.name}.wasm`);
      return { id: m.id, result: JSON.parse(api.removePlugin(JSON.stringify({ name: m.name }))) };
    case "lab":
    case "scenario":
      throw new Error(`${m.type} is handled by handleLab`);
    case "simulate": {
      const r = JSON.parse(api.decide(JSON.stringify(m.request)));
      return { id: m.id, result: { simulate: r, explain: r.ok ? { ok: true, text: r.text } : r } };
    }
  }
}

/** handleLab starts the lab module (once) and runs scenarios on it. */
async function handleLab(m: Extract<Request, { type: "lab" | "scenario" }>): Promise<Response> {
  lab ??= run("iamlab-lab.wasm", "iamlabLabReady").then(() => scope.iamlabLab!);
  const l = await lab;
  if (m.type === "lab") return { id: m.id, result: { ok: true } };
  const plugins = Object.fromEntries(files); // a plain object: the lab module reads it by file name
  return { id: m.id, result: JSON.parse(l.runScenarioWithPlugins(JSON.stringify({ source: m.source, files: m.files }), plugins, newWASI)) };
}

scope.onmessage = (e) => {
  queue = queue.then(async () => {
    if (e.data.type === "lab" || e.data.type === "scenario") {
      try {
        scope.postMessage(await handleLab(e.data));
      } catch (err) {
        scope.postMessage({ id: e.data.id, result: { ok: false, error: { code: "Unavailable", message: `the plugin worker could not run the scenario: ${String(err)}` } } });
      }
      return;
    }
    let api: RawAPI;
    try {
      api = await engine;
    } catch (err) {
      scope.postMessage({ id: e.data.id, result: { ok: false, error: { code: "Unavailable", message: `the plugin worker could not start the engine: ${String(err)}` } } });
      return;
    }
    try {
      scope.postMessage(handle(api, e.data));
    } catch (err) {
      scope.postMessage({ id: e.data.id, result: { ok: false, error: { code: "InternalError", message: `the plugin worker failed: ${String(err)}` } } });
    }
  });
};
