// The messages between the page (client.ts) and the plugin worker
// (worker.ts).

import type { SimulateRequest } from "../engine";

export type Request =
  | { id: number; type: "load"; name: string; bytes: ArrayBuffer }
  | { id: number; type: "remove"; name: string }
  | { id: number; type: "simulate"; request: SimulateRequest };

export interface Response {
  id: number;
  result: unknown;
}
