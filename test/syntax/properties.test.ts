// Properties over arbitrary input: parsing and checking never throw, every diagnostic's
// range lies inside the file, and whatever parses cleanly formats soundly.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { Kw } from "../../src/syntax/tokens.js";
import { checkText } from "../helpers.js";
import { expectFormatsSoundly } from "../ide/format-check.js";

const samples = readdirSync("samples")
  .filter((f) => f.endsWith(".ffpolicy"))
  .map((f) => readFileSync(join("samples", f), "utf8"));

/** Pieces of the language (every keyword, punctuation, typical values), so random text often gets deep into the grammar. */
const VOCABULARY = [
  ...Object.keys(Kw),
  "==",
  "=",
  "<=",
  "=>",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  ">",
  '"/mnt/**"',
  '"rtmp://h/app/*"',
  '"ffmpeg -i a b"',
  "8M",
  "15m",
  "1920x1080",
  "h264",
  "libx264",
  "#c\n",
  "\n",
  " ",
  '"',
  "\\",
];

const tokenSoup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 60 }).map((parts) => parts.join(" "));

const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom("", ...VOCABULARY)), { minLength: 1, maxLength: 5 }))
  .map(([text, edits]) =>
    edits.reduce((t, [at, length, insert]) => {
      const start = at % (t.length + 1);
      return t.slice(0, start) + insert + t.slice(start + length);
    }, text),
  );

function expectWellBehaved(text: string): void {
  const result = parse(text);
  for (const d of result.diagnostics) {
    expect(d.range.start).toBeGreaterThanOrEqual(0);
    expect(d.range.end).toBeLessThanOrEqual(text.length);
    expect(d.range.start).toBeLessThanOrEqual(d.range.end);
  }
  expect(() => checkText(text)).not.toThrow();
  if (result.diagnostics.every((d) => d.severity !== "error")) expectFormatsSoundly(text);
}

describe("parser properties", () => {
  it("arbitrary text never throws and stays in range", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), expectWellBehaved), { numRuns: 300 });
  });

  it("token soup never throws and stays in range", () => {
    fc.assert(fc.property(tokenSoup, expectWellBehaved), { numRuns: 500 });
  });

  it.each([
    ["lists", (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`],
    ["objects", (n: number) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`],
  ])("cuts %s nested thousands deep instead of exhausting the stack", (_kind, nested) => {
    const text = `policy p\ntest "t" {\n  as okta { sub: ${nested(5000)} }\n  run "ffmpeg -i a b"\n  expect deny\n}\n`;
    expectWellBehaved(text);
    expect(parse(text).diagnostics.map((d) => d.message)).toContain("nested more than 64 levels deep; what is inside is skipped");
  });

  it("reads a file that starts with a UTF-8 byte-order mark", () => {
    expect(parse("\uFEFFpolicy p\n").diagnostics).toEqual([]);
  });

  it("keeps a backslash that ends an unclosed string inside the file (a counterexample it found)", () => {
    expectWellBehaved('audit " "ffmpeg -i a b" \\');
  });

  it("mutated samples never throw, stay in range, and format soundly when clean", () => {
    fc.assert(fc.property(mutatedSample, expectWellBehaved), { numRuns: 300 });
  });
});
