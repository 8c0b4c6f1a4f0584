// The lab module's editor and MFA functions (iamlab-lab.wasm, package
// wasm/js/labbridge): Access Analyzer-style findings, the console's policy
// summary, completions, TOTP codes, and scenario runs with their MFA
// devices. Loaded with engine.ts's loadLab, once; every call returns a
// value and nothing throws.

import { loadLab, type EngineError, type PolicyType, type Result, type ScenarioRun } from "../engine";

/** Finding is one Access Analyzer-style finding, located for an editor (lines and columns from 1). */
export interface Finding {
  code: string; // PASS_ROLE_WITH_STAR_IN_RESOURCE …
  type: "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";
  title: string;
  message: string;
  link: string; // /validate/<code>/
  path?: string;
  syntax?: boolean; // repeats what the parser reports
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SummaryLevel {
  level: string;
  full: boolean;
  granted: number;
  of: number;
}

export interface SummaryRow {
  prefix: string;
  service: string;
  access: string; // "Full access", "Limited: Read, Write" …
  fullAccess: boolean;
  levels: SummaryLevel[];
  resource: string;
  condition: string;
  warnings?: string[];
  actions: string[];
  unrecognized?: string[];
}

export interface PolicySummary {
  explicitDeny: SummaryRow[];
  allow: SummaryRow[];
  uncategorized: { Prefix: string; Effect: string; Actions: string[] }[];
  services: number;
}

export interface CompletionItem {
  label: string;
  apply?: string;
  snippet?: boolean;
  type: string;
  detail?: string;
  info?: string;
  boost?: number;
}

export interface Completions {
  kind: string; // "" when nothing fits
  from: number;
  to: number;
  items: CompletionItem[];
}

export interface TOTP {
  seed: string;
  code: string;
  secondsLeft: number;
  url: string; // otpauth://totp/…
  qr?: string; // data:image/png;base64,…
}

export interface MFADevice {
  serialNumber: string;
  user: string;
  totp: TOTP; // at the scenario's clock
}

/** ScenarioRunWithDevices is a run with the scenario's clock at its end and its virtual MFA devices. */
export type ScenarioRunWithDevices = ScenarioRun & { clock: string; devices: MFADevice[] };

export interface TOTPRequest {
  seed?: string;
  generate?: boolean;
  at: number; // ms since the epoch
  account?: string;
  issuer?: string;
  qr?: boolean;
}

export interface LabAPI {
  analyze(policy: string, type: PolicyType): Result<{ findings: Finding[] }>;
  summarize(policy: string, type: PolicyType, name?: string): Result<{ summary: PolicySummary }>;
  completions(policy: string, offset: number, type: PolicyType): Result<Completions>;
  totp(req: TOTPRequest): Result<{ totp: TOTP }>;
  runScenario(source: string, files?: Record<string, string>): Result<ScenarioRunWithDevices>;
}

type RawFn = (json: string) => string;

function call<T>(fn: RawFn | undefined, input: unknown): Result<T> {
  if (!fn) return { ok: false, error: { code: "Unavailable", message: "this build of the lab module lacks the function" } };
  try {
    return JSON.parse(fn(JSON.stringify(input))) as Result<T>;
  } catch (e) {
    return { ok: false, error: { code: "InternalError", message: `the lab module failed: ${String(e)}` } };
  }
}

function wrap(raw: Record<string, RawFn | undefined>): LabAPI {
  return {
    analyze: (policy, type) => call(raw.analyze, { policy, type }),
    summarize: (policy, type, name = "") => call(raw.summarize, { policy, type, name }),
    completions: (policy, offset, type) => call(raw.completions, { policy, offset, type }),
    totp: (req) => call(raw.totp, req),
    runScenario: (source, files = {}) => readScenarioRun(call(raw.runScenario, { source, files })),
  };
}

/**
 * readScenarioRun reads a scenario's result as the lab module gives it
 * (runScenario, or runScenarioWithPlugins in the plugin worker): the
 * bridge's ok says whether every expectation held; a refused scenario
 * comes with an error instead.
 */
export function readScenarioRun(result: unknown): Result<ScenarioRunWithDevices> {
  type Raw = Omit<ScenarioRunWithDevices, "passed"> & { ok: boolean; error?: EngineError };
  const r = result as Raw;
  if (r.error) return { ok: false, error: r.error };
  const { ok, transcript, statements, errors, expectations, failed, clock, devices } = r;
  return { ok: true, passed: ok, transcript, statements, errors, expectations, failed, clock: clock ?? "", devices: devices ?? [] };
}

let loaded: LabAPI | null = null;
let loading: Promise<Result<{ api: LabAPI }>> | null = null;
const waiting: (() => void)[] = [];

/** whenLabLoaded calls f once the lab module is loaded (now, if it is), without loading it. */
export function whenLabLoaded(f: () => void): void {
  if (labNow()) f();
  else waiting.push(f);
}

/** labAPI loads the lab module (once, shared with loadLab's other callers) and returns its API. */
export function labAPI(base = "/"): Promise<Result<{ api: LabAPI }>> {
  loading ??= loadLab(base).then((r): Result<{ api: LabAPI }> => {
    if (!r.ok) return r;
    loaded = wrap(globalThis.iamlabLab as unknown as Record<string, RawFn | undefined>);
    for (const f of waiting.splice(0)) f();
    return { ok: true, api: loaded };
  });
  return loading;
}

/** labNow is the lab module's API if it is loaded (whoever loaded it), without waiting. */
export function labNow(): LabAPI | null {
  if (!loaded && globalThis.iamlabLab) loaded = wrap(globalThis.iamlabLab as unknown as Record<string, RawFn | undefined>);
  return loaded;
}
