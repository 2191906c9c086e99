// One fixture per diagnostic code, with its `check` output as a reviewed snapshot
// (update with `npx vitest run -u` and review the diff).

import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CODES } from "../../src/diagnostics/codes.js";
import { checkFileLines } from "../helpers.js";

const FIXTURES = "test/fixtures/diagnostics";
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".ffpolicy"));

describe("diagnostic fixtures", () => {
  it.each(fixtures)("%s", async (fixture) => {
    const lines = checkFileLines(join(FIXTURES, fixture));
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(join("..", "fixtures", "diagnostics", fixture.replace(/\.ffpolicy$/, ".expected")));
  });
});

describe("the code catalogue", () => {
  it.each(Object.keys(CODES))("%s has a fixture that produces it", (code) => {
    const fixture = join(FIXTURES, `${code}.ffpolicy`);
    expect(existsSync(fixture), `missing ${fixture}`).toBe(true);
    expect(checkFileLines(fixture).some((line) => line.includes(` ${code} `))).toBe(true);
  });

  it.each(Object.keys(CODES))("%s has a documentation page", (code) => {
    expect(existsSync(join("docs", "diagnostics", `${code}.md`)), `docs/diagnostics/${code}.md`).toBe(true);
  });

  it("has no fixture for a code that does not exist", () => {
    const codes = new Set(Object.keys(CODES));
    const strays = fixtures.map((f) => basename(f, ".ffpolicy")).filter((name) => !codes.has(name));
    expect(strays).toEqual([]);
  });
});

describe("DESIGN.md's sketch", () => {
  it("checks without errors when copied verbatim (its renderer role is flagged as loosening editor's cap)", () => {
    const lines = checkFileLines("test/fixtures/design-sketch.ffpolicy");
    expect(lines.filter((l) => l.includes(": error "))).toEqual([]);
    expect(lines.map((l) => l.split(" ")[2])).toEqual(["FFP4004"]);
  });
});
