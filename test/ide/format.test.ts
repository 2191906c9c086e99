// Formatting: reviewed expected outputs, the round trip (parse → format → parse gives
// the same AST), idempotence, and no comment ever lost.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectFormatsSoundly, format } from "./format-check.js";

const FIXTURES = "test/fixtures/format";

describe("fmt", () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith(".input.ffpolicy")))("%s", async (fixture) => {
    const formatted = expectFormatsSoundly(readFileSync(join(FIXTURES, fixture), "utf8"));
    await expect(formatted).toMatchFileSnapshot(join("..", "fixtures", "format", fixture.replace(".input.", ".expected.")));
  });

  it.each(readdirSync("samples").filter((f) => f.endsWith(".ffpolicy")))("round-trips samples/%s", (sample) => {
    expectFormatsSoundly(readFileSync(join("samples", sample), "utf8"));
  });

  it("breaks a long list one item per line, with a trailing comma", () => {
    const items = Array.from({ length: 20 }, (_, i) => `codec_number_${i}`);
    const formatted = format(`set many = [${items.join(", ")}]`);
    expect(formatted).toBe(`set many = [\n${items.map((i) => `  ${i},\n`).join("")}]\n`);
  });

  it("puts a blank line between blocks and keeps one where the author left several", () => {
    expect(format('role a { read "/a" }\nrole b { read "/b" }\n\n\n\npolicy x\npolicy y')).toBe(
      'role a {\n  read "/a"\n}\n\nrole b {\n  read "/b"\n}\n\npolicy x\npolicy y\n',
    );
  });

  it("formats an empty file to an empty file", () => {
    expect(format("")).toBe("");
    expect(format("# only a comment")).toBe("# only a comment\n");
  });
});
