// The engine in the browser: iamlab's Go engine compiled to WebAssembly,
// with a typed API over its JSON functions. Two modules, each loaded once:
// the light one (iamlab.wasm, wasm/js: loadEngine) that a page needs for
// its first decision, and the lab module (iamlab-lab.wasm, wasm/js/lab:
// loadLab) with scenarios, loaded only when a page needs it.
//
// Every call returns a value; nothing throws. A result has ok: true and its
// payload, or ok: false and an EngineError with IAM's error code and, for
// policy documents, each problem's line and column.

export interface Diagnostic {
  source?: string; // the document: "PolicyInputList.1", or the name given to validate
  line: number; // 1-based
  column: number; // 1-based, in characters
  path?: string; // the element, e.g. Statement[0].Effect
  message: string;
}

export interface EngineError {
  code: string; // InvalidInput, MalformedPolicyDocument, InternalError, Unavailable, or PluginRefused and PluginTimeout (plugins/)
  message: string;
  diagnostics?: Diagnostic[];
}

export type Failure = { ok: false; error: EngineError };
export type Result<T> = ({ ok: true } & T) | Failure;

export type PolicyType = "identity" | "resource" | "trust" | "boundary" | "session" | "scp" | "rcp";
export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

/** ContextKeyType is IAM's type of a context key's values. */
export const contextKeyTypes = [
  "string", "stringList", "numeric", "numericList", "boolean", "booleanList",
  "ip", "ipList", "binary", "binaryList", "date", "dateList",
] as const;
export type ContextKeyType = (typeof contextKeyTypes)[number];

/** SimulateRequest is IAM's SimulateCustomPolicy request, with iamlab's extensions. */
export interface SimulateRequest {
  PolicyInputList: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  SessionPolicyInputList?: string[];
  OrderedOrganizationPolicyInputList?: { ServiceControlPolicyInputList?: string[]; ResourceControlPolicyInputList?: string[] }[];
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  /** ResourcePolicyType "trust" reads ResourcePolicy as a role trust policy of the role in ResourceArns (iamlab's extension). */
  ResourcePolicyType?: "resource" | "trust";
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: { ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: ContextKeyType }[];
}

export interface Position {
  Line: number;
  Column: number;
}

export interface MatchedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition: Position;
  EndPosition: Position;
}

export interface StatementTrace {
  PolicyID: string;
  SourcePolicyType: string;
  PolicyType: PolicyType;
  Level?: string;
  Sid?: string;
  Index: number;
  Effect: "Allow" | "Deny";
  Start: Position;
  End: Position;
  Applied: boolean;
  Grant?: string;
  Why?: string;
  Error?: string;
}

export interface Explanation {
  Decision: Decision;
  Summary: string;
  PolicyTypes: { Type: PolicyType; Level?: string; Verdict: string }[];
  Statements: StatementTrace[];
  MissingContextValues: string[];
}

export interface ResourceResult {
  EvalResourceName: string;
  EvalResourceDecision: Decision;
  MatchedStatements: MatchedStatement[];
  MissingContextValues: string[];
  Explanation: Explanation;
}

export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: Decision;
  MatchedStatements: MatchedStatement[];
  MissingContextValues: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  ResourceSpecificResults: ResourceResult[];
  Explanation: Explanation;
}

export interface SimulateResponse {
  EvaluationResults: EvaluationResult[];
}

/** ScenarioRun is a scenario's run: what `iamlab run` prints, and its counts. */
export interface ScenarioRun {
  transcript: string;
  passed: boolean; // every expectation held
  statements: number;
  errors: number; // statements that failed outside an expect
  expectations: number;
  failed: number; // expectations that did not hold
}

/** Engine is the light module's API (iamlab.wasm): what the playground and the docs pages use first. */
export interface Engine {
  /** simulate runs SimulateCustomPolicy. */
  simulate(req: SimulateRequest): Result<{ response: SimulateResponse }>;
  /** validate checks one policy document and locates every problem. */
  validate(policy: string, type?: PolicyType, name?: string): Result<{ diagnostics: Diagnostic[] }>;
  /** explain gives every decision of a simulation in words. */
  explain(req: SimulateRequest): Result<{ text: string }>;
  /** decide is simulate and explain at once, from one simulation. */
  decide(req: SimulateRequest): Result<{ response: SimulateResponse; text: string }>;
  /** version is the engine's module version, or "devel". */
  version(): string;
  /**
   * declarePlugins names the plugin operators ("Plugin:Name") whose
   * plugins run in the page's plugin worker, so that validate accepts
   * them; a simulation here that calls one fails closed.
   */
  declarePlugins(operators: string[]): void;
}

/** Lab is the lab module's API (iamlab-lab.wasm), loaded by loadLab when a page needs it. */
export interface Lab {
  /**
   * runScenario runs a scenario (the scenario language) with the files it
   * may read, by name, and returns its transcript and counts; passed is
   * true when every expectation held. A scenario that does not parse is an
   * InvalidInput error with a diagnostic for each syntax error.
   */
  runScenario(source: string, files?: Record<string, string>): Result<ScenarioRun>;
}

interface RawAPI {
  simulate(json: string): string;
  validate(json: string): string;
  explain(json: string): string;
  decide(json: string): string;
  version(): string;
  declarePlugins(json: string): string;
}

interface RawLab {
  runScenario(json: string): string;
}

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

declare global {
  // eslint-disable-next-line no-var
  var iamlab: RawAPI | undefined;
  // eslint-disable-next-line no-var
  var iamlabReady: (() => void) | undefined;
  // eslint-disable-next-line no-var
  var iamlabModule: Promise<WebAssembly.Module> | undefined;
  // eslint-disable-next-line no-var
  var iamlabLab: RawLab | undefined;
  // eslint-disable-next-line no-var
  var iamlabLabReady: (() => void) | undefined;
  // eslint-disable-next-line no-var
  var Go: { new (): GoRuntime } | undefined;
}

function call<T>(fn: () => string): Result<T> {
  try {
    return JSON.parse(fn()) as Result<T>;
  } catch (e) {
    return { ok: false, error: { code: "InternalError", message: `the engine failed: ${String(e)}` } };
  }
}

function wrap(raw: RawAPI): Engine {
  return {
    simulate: (req) => call(() => raw.simulate(JSON.stringify(req))),
    validate: (policy, type = "identity", name = "") =>
      call(() => raw.validate(JSON.stringify({ policy, type, name }))),
    explain: (req) => call(() => raw.explain(JSON.stringify(req))),
    decide: (req) => call(() => raw.decide(JSON.stringify(req))),
    version: () => {
      const r = call<{ version: string }>(() => raw.version());
      return r.ok ? r.version : "unknown";
    },
    declarePlugins: (operators) => void call(() => raw.declarePlugins(JSON.stringify({ operators }))),
  };
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function wrapLab(raw: RawLab): Lab {
  return {
    runScenario: (source, files = {}) => {
      // The bridge's ok says whether every expectation held; a refused
      // scenario comes with an error instead.
      type Raw = Omit<ScenarioRun, "passed"> & { ok: boolean; error?: EngineError };
      const r = call<Raw>(() => raw.runScenario(JSON.stringify({ source, files }))) as Raw;
      if (r.error) return { ok: false, error: r.error };
      const { ok, transcript, statements, errors, expectations, failed } = r;
      return { ok: true, passed: ok, transcript, statements, errors, expectations, failed };
    },
  };
}

/**
 * start instantiates a Go module with wasm_exec.js's runtime and waits for
 * it to call the ready hook it is given (each module has its own).
 */
async function start(base: string, module: Promise<WebAssembly.Module>, hook: "iamlabReady" | "iamlabLabReady", mark: string): Promise<void> {
  if (!globalThis.Go) await loadScript(base + "wasm_exec.js");
  const go = new globalThis.Go!();
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  performance.mark(mark);
  const ready = new Promise<void>((resolve) => (globalThis[hook] = resolve));
  go.run(instance).catch(() => undefined);
  await ready;
}

let loading: Promise<Result<{ engine: Engine }>> | null = null;
let loadingLab: Promise<Result<{ lab: Lab }>> | null = null;

/**
 * loadEngine fetches and starts the engine once (later calls share the
 * first load). base is the site's root URL.
 */
export function loadEngine(base = "/"): Promise<Result<{ engine: Engine }>> {
  loading ??= (async (): Promise<Result<{ engine: Engine }>> => {
    try {
      // The page may have started compiling the module in its <head>, so
      // that compiling overlaps loading the scripts.
      const module = globalThis.iamlabModule ?? WebAssembly.compileStreaming(fetch(base + "iamlab.wasm"));
      await start(base, module, "iamlabReady", "iamlab:wasm-instantiated");
      performance.mark("iamlab:engine-ready");
      if (!globalThis.iamlab) throw new Error("the engine started but did not register its API");
      return { ok: true, engine: wrap(globalThis.iamlab) };
    } catch (e) {
      return { ok: false, error: { code: "Unavailable", message: `the engine could not start: ${String(e)}` } };
    }
  })();
  return loading;
}

/**
 * loadLab fetches and starts the lab module (iamlab-lab.wasm: scenarios)
 * once; later calls share the first load. It is a separate download from
 * the light engine so that a page's first decision does not wait for it:
 * the playground starts it in the background after its first decision,
 * and awaits it when a lab function is needed.
 */
export function loadLab(base = "/"): Promise<Result<{ lab: Lab }>> {
  loadingLab ??= (async (): Promise<Result<{ lab: Lab }>> => {
    try {
      performance.mark("iamlab:lab-start");
      await start(base, WebAssembly.compileStreaming(fetch(base + "iamlab-lab.wasm")), "iamlabLabReady", "iamlab:lab-instantiated");
      performance.mark("iamlab:lab-ready");
      if (!globalThis.iamlabLab) throw new Error("the lab module started but did not register its API");
      return { ok: true, lab: wrapLab(globalThis.iamlabLab) };
    } catch (e) {
      return { ok: false, error: { code: "Unavailable", message: `the lab module could not start: ${String(e)}` } };
    }
  })();
  return loadingLab;
}
