// Test-side views of the AST: without source positions (to compare two parses), and
// every node's range (to check ranges against the text).

import type { Range } from "../../src/base/range.js";

const POSITION_KEYS = new Set(["range", "closeRange", "operatorRange"]);

/** The AST with every source position removed: equal for two parses of equivalent text. */
export function withoutRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRanges);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !POSITION_KEYS.has(key))
      .map(([key, v]) => [key, withoutRanges(v)]),
  );
}

/** Every range in the tree, with the node that holds it. */
export function allRanges(value: unknown, out: { node: Record<string, unknown>; range: Range }[] = []): { node: Record<string, unknown>; range: Range }[] {
  if (Array.isArray(value)) {
    for (const item of value) allRanges(item, out);
  } else if (value !== null && typeof value === "object") {
    const node = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(node)) {
      if (POSITION_KEYS.has(key)) out.push({ node, range: v as Range });
      else allRanges(v, out);
    }
  }
  return out;
}
