// The page's side of plugins: it keeps the loaded plugins' bytes, runs
// simulations that may call them in a dedicated Web Worker (worker.ts),
// and terminates the worker when it does not answer in time. A terminated
// or failing plugin fails closed: the result is an error, never a
// decision; the next call starts a fresh worker and loads the plugins
// again.

import type { EngineError, Result, SimulateRequest, SimulateResponse } from "../engine";
import type { Request, Response } from "./protocol";

/** The time limits, in milliseconds. */
export const limits = {
  /** a simulation, all its plugin calls included (each call also has the CLI's 100 ms deadline inside the worker) */
  simulate: 1000,
  /** starting the worker's engine and loading one plugin; starting the lab module in the worker */
  load: 15000,
  /** a scenario's run, every simulation and plugin call in it included */
  scenario: 5000,
};

export interface Plugin {
  name: string;
  operators: string[]; // "Plugin:Name"
  bytes: ArrayBuffer;
}

export interface Decided {
  simulate: Result<{ response: SimulateResponse }>;
  explain: Result<{ text: string }>;
}

type Pending = { resolve: (r: unknown) => void; timer: number };
type Distributive<T> = T extends unknown ? Omit<T, "id"> : never;

/** fail is an error result. */
function fail(code: string, message: string): { ok: false; error: EngineError } {
  return { ok: false, error: { code, message } };
}

export class PluginRunner {
  private worker: Worker | null = null;
  private started: Promise<void> | null = null;
  private labStarted: Promise<Result<object>> | null = null;
  private next = 1;
  private pending = new Map<number, Pending>();
  private list: Plugin[] = [];

  constructor(private readonly url: string) {}

  /** plugins lists the loaded plugins, in the order they were loaded. */
  plugins(): readonly Plugin[] {
    return this.list;
  }

  /** operators lists every loaded operator, "Plugin:Name". */
  operators(): string[] {
    return this.list.flatMap((p) => p.operators);
  }

  /**
   * load checks and loads a plugin in the worker; it answers its
   * operators, or the reason the module was refused (PluginRefused), or
   * PluginTimeout when loading it did not finish in time.
   */
  async load(name: string, bytes: ArrayBuffer): Promise<Result<{ operators: string[] }>> {
    if (this.list.some((p) => p.name === name)) return fail("PluginRefused", `plugin "${name}": a plugin of this name is already loaded`);
    await this.start();
    const r = (await this.post({ type: "load", name, bytes }, limits.load, `loading plugin "${name}"`)) as Result<{ operators: string[] }>;
    if (r.ok) this.list.push({ name, operators: r.operators, bytes });
    return r;
  }

  /** remove drops a plugin. */
  async remove(name: string): Promise<void> {
    this.list = this.list.filter((p) => p.name !== name);
    if (this.worker) await this.post({ type: "remove", name }, limits.load, `removing plugin "${name}"`);
  }

  /**
   * simulate runs a simulation and its explanation in the worker. When
   * the worker does not answer within limits.simulate, it is terminated
   * and both results are a PluginTimeout error.
   */
  async simulate(request: SimulateRequest): Promise<Decided> {
    const started = await this.start();
    if (!started.ok) return { simulate: started, explain: started };
    const r = (await this.post({ type: "simulate", request }, limits.simulate, "the simulation")) as Decided | { ok: false; error: EngineError };
    if ("simulate" in r) return r;
    return { simulate: r, explain: r };
  }

  /**
   * scenario runs a scenario in the worker, on the lab module, with the
   * loaded plugins as the files its plugin statements name ("cidr.wasm"
   * for the plugin "cidr"). It answers the lab module's result as
   * runScenario gives it (labapi.ts reads it), or an error: PluginTimeout
   * when the run did not finish within limits.scenario (the worker is
   * terminated, as for a simulation), Unavailable when the worker or its
   * lab module could not start.
   */
  async scenario(source: string, files: Record<string, string>): Promise<unknown> {
    const started = await this.start();
    if (!started.ok) return started;
    this.labStarted ??= this.post({ type: "lab" }, limits.load, "starting the scenario engine in the plugin worker") as Promise<Result<object>>;
    const lab = await this.labStarted;
    if (!lab.ok) {
      this.labStarted = null;
      return lab;
    }
    return this.post({ type: "scenario", source, files }, limits.scenario, "the scenario");
  }

  /** start makes sure a worker runs with every loaded plugin. */
  private async start(): Promise<Result<object>> {
    if (!this.worker) {
      const w = new Worker(this.url, { type: "module" });
      w.onmessage = (e: MessageEvent<Response>) => this.answer(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        this.stop(fail("Unavailable", `the plugin worker failed: ${e.message}`));
      };
      this.worker = w;
      const list = this.list;
      this.started = (async () => {
        for (const p of list) {
          const r = (await this.post({ type: "load", name: p.name, bytes: p.bytes }, limits.load, `loading plugin "${p.name}"`)) as Result<object>;
          if (!r.ok) throw new Error(r.error.message);
        }
      })();
    }
    try {
      await this.started;
      return { ok: true };
    } catch (e) {
      return fail("Unavailable", `the plugins could not be loaded again: ${String(e instanceof Error ? e.message : e)}`);
    }
  }

  private post(m: Distributive<Request>, timeout: number, what: string): Promise<unknown> {
    const id = this.next++;
    const w = this.worker!;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.stop(fail("PluginTimeout", `${what} did not finish within ${timeout} ms: a plugin may be looping. The plugin worker was stopped and nothing was decided (fail closed); the next run starts it again.`));
      }, timeout);
      this.pending.set(id, { resolve, timer });
      w.postMessage({ ...m, id } as Request);
    });
  }

  private answer(r: Response) {
    const p = this.pending.get(r.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(r.id);
    p.resolve(r.result);
  }

  /** stop terminates the worker and answers every pending call with err. */
  private stop(err: { ok: false; error: EngineError }) {
    this.worker?.terminate();
    this.worker = null;
    this.started = null;
    this.labStarted = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve(err);
    }
    this.pending.clear();
  }
}
