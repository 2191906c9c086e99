import { expect } from "vitest";
import { formatPolicy } from "../../src/ide/format.js";
import { parse } from "../../src/syntax/parse.js";
import { withoutRanges } from "../syntax/ast-tools.js";

export function format(text: string): string {
  const syntax = parse(text);
  expect(syntax.diagnostics).toEqual([]);
  return formatPolicy(text, syntax);
}

/** The round-trip properties every formatted text must have. */
export function expectFormatsSoundly(text: string): string {
  const formatted = format(text);
  expect(withoutRanges(parse(formatted).file)).toEqual(withoutRanges(parse(text).file));
  expect(format(formatted)).toBe(formatted);
  expect(parse(formatted).comments.map((c) => c.text.trimEnd())).toEqual(parse(text).comments.map((c) => c.text.trimEnd()));
  return formatted;
}
