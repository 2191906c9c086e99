// An IR prepared for fast decisions: map rules indexed by provider, claim path and value
// (so mapping an identity costs per claim, not per rule), protected filters known. Built
// once per policy; decisions then stay flat from 10 to 1,000 roles.

import type { JsonValue, MapIR, PolicyIR } from "../ir/policy.js";

interface ProviderIndex {
  /** `subject "x"` rules by subject. */
  readonly subjects: Map<string, MapIR[]>;
  /** Claim rules by claim path, then by the JSON text of the value they need. */
  readonly claims: Map<string, { readonly path: readonly string[]; readonly byValue: Map<string, MapIR[]> }>;
}

export interface CompiledPolicy {
  readonly ir: PolicyIR;
  readonly providers: ReadonlyMap<string, ProviderIndex>;
  /** Each role's place in the policy: roles are tried in that order, whatever the claims' order. */
  readonly roleOrder: ReadonlyMap<string, number>;
}

/** Filters that load code, bind sockets or reconfigure others at run time (DESIGN.md): granted only explicitly. */
export const PROTECTED_FILTERS = new Set([
  "ladspa",
  "lv2",
  "frei0r",
  "frei0r_src",
  "zmq",
  "azmq",
  "sendcmd",
  "asendcmd",
  "openclsrc",
  "program_opencl",
  "xfade_opencl",
]);

export function valueKey(value: JsonValue): string {
  return JSON.stringify(value);
}

export function compilePolicy(ir: PolicyIR): CompiledPolicy {
  const providers = new Map<string, ProviderIndex>();
  for (const rule of ir.maps) {
    let index = providers.get(rule.provider);
    if (index === undefined) providers.set(rule.provider, (index = { subjects: new Map(), claims: new Map() }));
    const match = rule.match;
    if (match.kind === "subject") {
      push(index.subjects, match.value, rule);
      continue;
    }
    const pathKey = match.path.join("\u0000");
    let byPath = index.claims.get(pathKey);
    if (byPath === undefined) index.claims.set(pathKey, (byPath = { path: match.path, byValue: new Map() }));
    for (const value of match.values) push(byPath.byValue, valueKey(value), rule);
  }
  return { ir, providers, roleOrder: new Map(Object.keys(ir.roles).map((name, i) => [name, i])) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
