// Templates in grant patterns (`{claims.tenant}`), filled from the identity before a
// pattern is matched; a value that could widen the pattern makes it match nothing.

import type { JsonValue, PatternIR } from "../ir/policy.js";

/** Characters a claim value may not hold: they would widen the pattern or escape a directory. */
const UNSAFE_CLAIM = /[/\\*?[\]{}]|^\.\.?$|^$/;

export type Filled = { readonly ok: true; readonly pattern: string } | { readonly ok: false; readonly reason: string };

/** Fill `{claims.a.b}` and `{subject}` from the identity's claims. */
export function fillTemplates(pattern: PatternIR, claims: { readonly [key: string]: JsonValue }): Filled {
  if (!pattern.templated) return { ok: true, pattern: pattern.pattern };
  let failure: string | null = null;
  const filled = pattern.pattern.replace(/\{([^{}]*)\}/g, (_whole, path: string) => {
    const segments = path === "subject" ? ["sub"] : path.split(".").slice(1);
    const value = lookup(claims, segments);
    if (typeof value !== "string" && typeof value !== "number") {
      failure ??= value === undefined ? `the identity has no claim ${segments.join(".")}` : `claim ${segments.join(".")} is ${describe(value)}, not a string`;
      return "";
    }
    const text = String(value);
    if (UNSAFE_CLAIM.test(text)) failure ??= `claim ${segments.join(".")} is '${text}', which may not be used in a path (no '/', '..', or wildcards)`;
    return text;
  });
  return failure === null ? { ok: true, pattern: filled } : { ok: false, reason: failure };
}

export function lookup(claims: JsonValue, path: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = claims;
  for (const segment of path) {
    // Own properties only: a claim named `constructor` or `__proto__` is missing unless the token has it.
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as { readonly [key: string]: JsonValue })[segment];
  }
  return current;
}

export function describe(value: JsonValue | undefined): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
