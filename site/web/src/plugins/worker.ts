// The plugin worker: a dedicated Web Worker that runs the light engine
// (iamlab.wasm) with the plugins the page loaded, so that the page can
// terminate it when a plugin does not answer (client.ts). Messages are
// handled one at a time, in order.

import { newWASI } from "./wasi";
import type { Request, Response } from "./protocol";

interface RawAPI {
  decide(json: string): string;
  loadPlugin(name: string, bytes: Uint8Array, newWASI: () => unknown): string;
  removePlugin(json: string): string;
}

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

const scope = globalThis as unknown as {
  Go?: { new (): GoRuntime };
  iamlab?: RawAPI;
  iamlabReady?: () => void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(m: Response): void;
};

async function start(): Promise<RawAPI> {
  const base = new URL("/", location.href).href;
  const module = WebAssembly.compileStreaming(fetch(base + "iamlab.wasm"));
  const url = base + "wasm_exec.js";
  await import(/* @vite-ignore */ url); // a classic script that defines Go
  const go = new scope.Go!();
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  const ready = new Promise<void>((resolve) => (scope.iamlabReady = resolve));
  go.run(instance).catch(() => undefined);
  await ready;
  return scope.iamlab!;
}

const engine = start();
let queue = Promise.resolve();

function handle(api: RawAPI, m: Request): Response {
  switch (m.type) {
    case "load":
      return { id: m.id, result: JSON.parse(api.loadPlugin(m.name, new Uint8Array(m.bytes), newWASI)) };
    case "remove":
      return { id: m.id, result: JSON.parse(api.removePlugin(JSON.stringify({ name: m.name }))) };
    case "simulate": {
      const r = JSON.parse(api.decide(JSON.stringify(m.request)));
      return { id: m.id, result: { simulate: r, explain: r.ok ? { ok: true, text: r.text } : r } };
    }
  }
}

scope.onmessage = (e) => {
  queue = queue.then(async () => {
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
