// Identity → roles through the policy's `map` rules. `==` compares one value; `contains`
// is membership — a single string claim counts as a one-element set, never a substring;
// `in` tests a single claim against a list; dotted paths reach nested claims; a missing
// claim never matches; a claim of the wrong type is explained, not coerced.

import type { JsonValue, MapIR, PolicyIR } from "../ir/policy.js";
import { valueKey, type CompiledPolicy } from "./compile.js";
import { describe, lookup } from "./patterns.js";

export interface Identity {
  readonly provider: string;
  /** Verified claims (OIDC), attributes (SAML, as top-level keys), or `{ sub }` (API tokens). */
  readonly claims: { readonly [key: string]: JsonValue };
}

export interface MappingResult {
  readonly rule: MapIR;
  readonly matched: boolean;
  /** Why it matched or not, in the policy author's words. */
  readonly why: string;
}

export interface RoleMapping {
  readonly roles: readonly string[];
  readonly rules: readonly MappingResult[];
}

/**
 * The roles an identity holds, through the compiled indexes: one lookup per claim value
 * instead of one evaluation per rule. `mapIdentity` gives the same roles with reasons.
 */
export function rolesOf(policy: CompiledPolicy, identity: Identity): string[] {
  const index = policy.providers.get(identity.provider);
  if (index === undefined) return [];
  const roles = new Set<string>();
  const sub = identity.claims["sub"];
  if (typeof sub === "string") for (const rule of index.subjects.get(sub) ?? []) roles.add(rule.role);
  for (const { path, byValue } of index.claims.values()) {
    const claim = lookup(identity.claims, path);
    if (claim === undefined || (typeof claim === "object" && claim !== null && !Array.isArray(claim))) continue;
    // A list matches `contains` element by element; a single value matches all three operators.
    const members = Array.isArray(claim) ? claim : [claim];
    for (const member of members) {
      for (const rule of byValue.get(valueKey(member)) ?? []) {
        if (rule.match.kind === "claim" && (Array.isArray(claim) ? rule.match.operator === "contains" : true)) roles.add(rule.role);
      }
    }
  }
  return [...roles].filter((role) => policy.roleOrder.has(role)).sort((a, b) => policy.roleOrder.get(a)! - policy.roleOrder.get(b)!);
}

export function mapIdentity(ir: PolicyIR, identity: Identity): RoleMapping {
  const rules = ir.maps.filter((rule) => rule.provider === identity.provider).map((rule) => evaluate(rule, identity));
  const roles = [...new Set(rules.filter((r) => r.matched).map((r) => r.rule.role))].filter((role) => role in ir.roles);
  return { roles, rules };
}

function equal(a: JsonValue, b: JsonValue): boolean {
  return a === b;
}

function show(value: JsonValue): string {
  return JSON.stringify(value);
}

function evaluate(rule: MapIR, identity: Identity): MappingResult {
  const match = rule.match;
  if (match.kind === "subject") {
    const sub = identity.claims["sub"];
    const matched = sub === match.value;
    return {
      rule,
      matched,
      why: matched ? `subject is ${show(match.value)}` : `subject is ${sub === undefined ? "missing" : show(sub)}, not ${show(match.value)}`,
    };
  }
  const name = match.path.join(".");
  const claim = lookup(identity.claims, match.path);
  if (claim === undefined) return { rule, matched: false, why: `the identity has no ${match.source} ${name}` };
  switch (match.operator) {
    case "==": {
      if (typeof claim === "object" && claim !== null)
        return { rule, matched: false, why: `${name} is ${describe(claim)}, not a single value${Array.isArray(claim) ? "; use 'contains'" : ""}` };
      const matched = equal(claim, match.values[0]!);
      return { rule, matched, why: `${name} is ${show(claim)}${matched ? "" : `, not ${show(match.values[0]!)}`}` };
    }
    case "contains": {
      const members = Array.isArray(claim) ? claim : typeof claim === "object" && claim !== null ? null : [claim];
      if (members === null) return { rule, matched: false, why: `${name} is an object, not a list` };
      const wanted = match.values[0]!;
      const matched = members.some((m) => equal(m, wanted));
      const what = Array.isArray(claim)
        ? `${name} ${matched ? "contains" : "does not contain"} ${show(wanted)}`
        : `${name} is ${show(claim)}${matched ? "" : `, not ${show(wanted)}`}`;
      return { rule, matched, why: what };
    }
    case "in": {
      if (typeof claim === "object" && claim !== null)
        return { rule, matched: false, why: `${name} is ${describe(claim)}; 'in' tests a single value${Array.isArray(claim) ? " (use 'contains')" : ""}` };
      const matched = match.values.some((v) => equal(claim, v));
      return { rule, matched, why: `${name} is ${show(claim)}, ${matched ? "in" : "not in"} ${show(match.values as JsonValue)}` };
    }
  }
}
