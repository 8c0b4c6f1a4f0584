// The messages between the page (client.ts) and the plugin worker
// (worker.ts).

import type { SimulateRequest } from "../engine";

export type Request =
  | { id: number; type: "load"; name: string; bytes: ArrayBuffer }
  | { id: number; type: "remove"; name: string }
  | { id: number; type: "simulate"; request: SimulateRequest }
  /** lab starts the lab module (scenarios) in the worker, once. */
  | { id: number; type: "lab" }
  /** scenario runs a scenario with the worker's plugin files (the lab module's runScenarioWithPlugins). */
  | { id: number; type: "scenario"; source: string; files: Record<string, string> };

export interface Response {
  id: number;
  result: unknown;
}
