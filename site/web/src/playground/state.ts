// The playground's state: every pane's text, as plain data that the share
// links and local storage carry, and the simulation request it makes.

import type { ContextKeyType, SimulateRequest } from "../engine";

export interface ContextRow {
  key: string;
  type: ContextKeyType;
  values: string; // list values separated by commas
}

export interface State {
  v: 1;
  identity: string[]; // identity-based policies
  resource: string; // the resource-based policy
  /** resourceType says what resource is: a resource-based policy, or a role trust policy (iamlab's ResourcePolicyType extension); resource when absent. */
  resourceType?: ResourceType;
  boundary: string; // the permissions boundary
  scps: string[]; // one SCP per organization level, root first
  session: string; // the session policy
  caller: string; // CallerArn
  actions: string; // one or more, separated by commas or new lines
  resources: string; // one or more ARNs
  owner: string; // ResourceOwner
  context: ContextRow[];
  /** mode is the playground's mode: policies (a simulation) or scenario; policies when absent. */
  mode?: Mode;
  /** scenario is the scenario mode's text (the scenario language). */
  scenario?: string;
  /** files are the files the scenario may read (file "…", import "…"), by name. */
  files?: ScenarioFile[];
}

/** ScenarioFile is a file of the scenario mode. */
export interface ScenarioFile {
  name: string;
  text: string;
}

export type Mode = "policies" | "scenario";

/** ResourceType is what the resource pane holds: a resource-based policy or a role trust policy. */
export type ResourceType = "resource" | "trust";

/** Editor ids name the policy editors: identity-0, resource, scp-1 … */
export type EditorId = string;

/** request builds the SimulateCustomPolicy request, and says which editor each policy id of the engine's answers refers to. */
export function request(s: State): { req: SimulateRequest; sources: Map<string, EditorId> } {
  const sources = new Map<string, EditorId>();
  const list = (text: string) => text.split(/[\s,]+/).map((t) => t.trim()).filter((t) => t !== "");
  const req: SimulateRequest = { PolicyInputList: [], ActionNames: list(s.actions) };
  s.identity.forEach((p, i) => {
    if (p.trim() === "") return;
    req.PolicyInputList.push(p);
    sources.set(`PolicyInputList.${req.PolicyInputList.length}`, `identity-${i}`);
  });
  if (s.boundary.trim() !== "") {
    req.PermissionsBoundaryPolicyInputList = [s.boundary];
    sources.set("PermissionsBoundaryPolicyInputList.1", "boundary");
  }
  if (s.session.trim() !== "") {
    req.SessionPolicyInputList = [s.session];
    sources.set("SessionPolicyInputList.1", "session");
  }
  const levels = s.scps.filter((p) => p.trim() !== "");
  if (levels.length > 0) {
    req.OrderedOrganizationPolicyInputList = [];
    s.scps.forEach((p, i) => {
      if (p.trim() === "") return;
      const n = req.OrderedOrganizationPolicyInputList!.length;
      req.OrderedOrganizationPolicyInputList!.push({ ServiceControlPolicyInputList: [p] });
      sources.set(`OrderedOrganizationPolicyInputList[${n}].ServiceControlPolicyInputList.1`, `scp-${i}`);
    });
  }
  if (s.resource.trim() !== "") {
    req.ResourcePolicy = s.resource;
    if (s.resourceType === "trust") req.ResourcePolicyType = "trust";
    sources.set("ResourcePolicy", "resource");
  }
  const resources = list(s.resources);
  if (resources.length > 0) req.ResourceArns = resources;
  if (s.caller.trim() !== "") req.CallerArn = s.caller.trim();
  if (s.owner.trim() !== "") req.ResourceOwner = s.owner.trim();
  const rows = s.context.filter((c) => c.key.trim() !== "");
  if (rows.length > 0) {
    req.ContextEntries = rows.map((c) => ({
      ContextKeyName: c.key.trim(),
      ContextKeyType: c.type,
      ContextKeyValues: c.type.endsWith("List")
        ? c.values.split(",").map((v) => v.trim()).filter((v) => v !== "")
        : [c.values.trim()],
    }));
  }
  return { req, sources };
}

/** normalize fills in what a stored or shared state lacks, so that an old or hand-made link still loads. */
export function normalize(x: unknown, fallback: State): State {
  if (typeof x !== "object" || x === null) return fallback;
  const o = x as Partial<State>;
  const str = (v: unknown, d: string) => (typeof v === "string" ? v : d);
  const strs = (v: unknown, d: string[]) =>
    Array.isArray(v) && v.every((e) => typeof e === "string") ? (v as string[]) : d;
  const s: State = {
    v: 1,
    identity: strs(o.identity, fallback.identity),
    resource: str(o.resource, ""),
    boundary: str(o.boundary, ""),
    scps: strs(o.scps, []),
    session: str(o.session, ""),
    caller: str(o.caller, ""),
    actions: str(o.actions, ""),
    resources: str(o.resources, ""),
    owner: str(o.owner, ""),
    context: Array.isArray(o.context)
      ? o.context
          .filter((c): c is ContextRow => typeof c === "object" && c !== null)
          .map((c) => ({ key: str(c.key, ""), type: (str(c.type, "string") as ContextKeyType), values: str(c.values, "") }))
      : [],
  };
  s.mode = o.mode === "scenario" ? "scenario" : "policies";
  s.scenario = str(o.scenario, fallback.scenario ?? "");
  s.files = Array.isArray(o.files)
    ? o.files
        .filter((f): f is ScenarioFile => typeof f === "object" && f !== null)
        .map((f) => ({ name: str(f.name, ""), text: str(f.text, "") }))
    : structuredClone(fallback.files ?? []);
  if (o.resourceType === "trust") s.resourceType = "trust"; // absent: a resource policy
  if (s.identity.length === 0) s.identity = [""];
  return s;
}

// Share links carry the state as JSON, deflated (the browser's own
// CompressionStream) and base64url-encoded, after #s= in the URL.

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64url(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** encodeState gives the fragment of a share link (without #s=). */
export async function encodeState(s: State): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return toBase64url(await pipe(json, new CompressionStream("deflate-raw")));
}

/** decodeState reads a share link's fragment; null when it is not one. */
export async function decodeState(fragment: string, fallback: State): Promise<State | null> {
  try {
    const json = await pipe(fromBase64url(fragment), new DecompressionStream("deflate-raw"));
    return normalize(JSON.parse(new TextDecoder().decode(json)), fallback);
  } catch {
    return null;
  }
}

const storageKey = "iamlab-playground";

export function loadStored(fallback: State): State | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? normalize(JSON.parse(raw), fallback) : null;
  } catch {
    return null;
  }
}

export function store(s: State): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(s));
  } catch {
    // full or unavailable: the state is simply not kept
  }
}
