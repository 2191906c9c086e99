// simulate, test and diff from the command line: exit codes, JSON, the batch table.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../ffmpeg/inspect-helper.js";

const EDITOR = ["--as", "okta", "--claims", '{"sub":"alice","groups":["video-editors"]}'];
const COMMAND = ["ffmpeg", "-i", "/mnt/ingest/a.mov", "-c:v", "libx264", "-b:v", "5M", "-s", "1920x1080", "-c:a", "aac", "-b:a", "128k", "/mnt/renders/a.mp4"];

describe("simulate", () => {
  it("exits 0 on allow and prints the verdict first, each action with its rule", async () => {
    const result = await runCli(["simulate", "samples/studio.ffpolicy", ...EDITOR, "--", ...COMMAND]);
    expect(result.exitCode).toBe(0);
    const [first, ...rest] = result.stdout.split("\n");
    expect(first).toMatch(/^ALLOW\b/);
    expect(rest.join("\n")).toMatch(/✓ write \/mnt\/renders\/a\.mp4 \(output url\)\s+samples\/studio\.ffpolicy:\d+:\d+/);
  });

  it("exits 1 on deny, with the reason and the change that would allow it", async () => {
    const result = await runCli(["simulate", "samples/studio.ffpolicy", ...EDITOR, "--", ...COMMAND.slice(0, 6), "12M", ...COMMAND.slice(7)]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^DENY/);
    expect(result.stdout).toContain("-b:v is 12M, over 8M (fix: lower -b:v to 8M or less)");
  });

  it("prints the decision as JSON", async () => {
    const result = await runCli(["simulate", "samples/studio.ffpolicy", ...EDITOR, "--json", "--", ...COMMAND]);
    const decision = JSON.parse(result.stdout);
    expect([decision.verdict, decision.identity.roles, decision.outputs[0].by]).toEqual(["allow", ["editor"], "editor"]);
    // Each check names the rule that decided it, with the rule's whole range: `read "/mnt/ingest/**"` on line 30.
    const read = decision.outputs[0].answers[0].checks.find((c: { what: string }) => c.what.startsWith("read "));
    expect(read.rule).toEqual({ file: "samples/studio.ffpolicy", line: 30, column: 3, endLine: 30, endColumn: 24 });
  });

  it("reports a pending allow as exit 0 with the checks", async () => {
    const result = await runCli([
      "simulate",
      "samples/studio.ffpolicy",
      ...EDITOR,
      "--",
      "ffmpeg",
      "-i",
      "/mnt/ingest/a.mov",
      "-c",
      "copy",
      "/mnt/renders/a.mov",
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ALLOW \(pending run-time checks\)/);
    expect(result.stdout).toContain("? run-time check: video codec of stream 0: the copied stream's codec must be one of h264, hevc, vp9, av1");
  });

  it("uses --facts and --cwd", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ffpolicy-facts-"));
    const facts = join(dir, "facts.json");
    writeFileSync(
      facts,
      JSON.stringify({
        "a.mov": {
          streams: [
            { media: "video", codec: "h264", width: 1920, height: 1080, bitrate: 6e6 },
            { media: "audio", codec: "aac", bitrate: 128000 },
          ],
        },
      }),
    );
    const result = await runCli([
      "simulate",
      "samples/studio.ffpolicy",
      ...EDITOR,
      "--facts",
      facts,
      "--cwd",
      "/mnt/ingest",
      "--",
      "ffmpeg",
      "-i",
      "a.mov",
      "-c",
      "copy",
      "../renders/a.mov",
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ALLOW\s/);
  });

  it("decides a batch: a table, totals, exit 1 when any is denied", async () => {
    const result = await runCli(["simulate", "samples/studio.ffpolicy", ...EDITOR, "--commands", "test/fixtures/cli/commands.txt"]);
    expect(result.exitCode).toBe(1);
    // Nothing is known about the input (not even that it is no playlist): the allow waits for the probe.
    expect(result.stdout).toMatch(/^2\s+allow\?\s/m);
    expect(result.stdout).toMatch(/^3\s+deny\s/m);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1 allowed (1 pending run-time checks), 2 denied");
  });

  it("exits 2 for a policy with errors, an unknown provider, or bad claims", async () => {
    expect((await runCli(["simulate", "test/fixtures/diagnostics/FFP2001.ffpolicy", ...EDITOR, "--", ...COMMAND])).exitCode).toBe(2);
    expect((await runCli(["simulate", "samples/studio.ffpolicy", "--as", "nope", "--claims", "{}", "--", ...COMMAND])).exitCode).toBe(2);
    const bad = await runCli(["simulate", "samples/studio.ffpolicy", "--as", "okta", "--claims", "{not json", "--", ...COMMAND]);
    expect([bad.exitCode, bad.stderr]).toEqual([2, expect.stringContaining("--claims is not JSON")]);
  });
});

describe("test", () => {
  it("runs every test block and ends with N passed, N failed", async () => {
    const result = await runCli(["test", "samples/studio.ffpolicy", "samples/broadcaster.ffpolicy", "samples/saas.ffpolicy"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("16 passed, 0 failed");
  });

  it("explains a failing test and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ffpolicy-test-"));
    const policy = join(dir, "p.ffpolicy");
    writeFileSync(
      policy,
      `${readFileSync("samples/studio.ffpolicy", "utf8")}
test "wrongly expects an allow" {
  as okta { sub: "bob", groups: ["video-editors"] }
  run "ffmpeg -i /mnt/ingest/a.mov -c:v libx264 -b:v 50M /mnt/renders/a.mp4"
  expect allow
}
test "strict fails on a pending allow" {
  as okta { sub: "bob", groups: ["video-editors"] }
  run "ffmpeg -i /mnt/ingest/a.mov -c copy /mnt/renders/a.mov"
  expect allow strict
}
`,
    );
    const vectors = join(dir, "vectors.json");
    const result = await runCli(["test", policy, "--emit-vectors", vectors]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("✗ wrongly expects an allow");
    expect(result.stdout).toContain("expected allow, but it is denied");
    expect(result.stdout).toContain("expected allow strict, but the allow is pending run-time checks");
    expect(result.stdout.trim().split("\n").at(-1)).toBe("2 passed, 2 failed");
    const written = JSON.parse(readFileSync(vectors, "utf8"));
    expect(written.map((v: { name: string; expected: { verdict: string } }) => [v.name, v.expected.verdict])).toEqual([
      ["editors render H.264 into renders", "allow"],
      ["editors cannot publish live", "deny"],
      ["wrongly expects an allow", "deny"],
      ["strict fails on a pending allow", "allow"],
    ]);
  });
});

describe("diff", () => {
  it("lists decisions that flip, with both explanations; exit 1", async () => {
    const result = await runCli([
      "diff",
      "samples/studio.ffpolicy",
      "test/fixtures/cli/studio-v2.ffpolicy",
      "--commands",
      "test/fixtures/cli/commands.txt",
      ...EDITOR,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("commands.txt:3: deny → allow");
    expect(result.stdout).toContain("before (samples/studio.ffpolicy):");
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1 decision changed (3 commands × 1 identities)");
  });

  it("exits 0 when nothing changes, and reads --identities", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ffpolicy-diff-"));
    const identities = join(dir, "ids.json");
    writeFileSync(identities, JSON.stringify([{ provider: "okta", claims: { sub: "x", groups: [] } }]));
    const result = await runCli([
      "diff",
      "samples/studio.ffpolicy",
      "samples/studio.ffpolicy",
      "--commands",
      "test/fixtures/cli/commands.txt",
      "--identities",
      identities,
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe("0 decisions changed (3 commands × 1 identities)");
  });

  it("refuses an identity whose provider neither policy declares, or two ways of giving identities (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ffpolicy-diff-"));
    const identities = join(dir, "ids.json");
    writeFileSync(identities, JSON.stringify([{ provider: "Okta", claims: { sub: "x", groups: ["video-editors"] } }]));
    const diff = (...rest: string[]) =>
      runCli(["diff", "samples/studio.ffpolicy", "test/fixtures/cli/studio-v2.ffpolicy", "--commands", "test/fixtures/cli/commands.txt", ...rest]);
    const misspelt = await diff("--identities", identities);
    expect(misspelt.exitCode).toBe(2);
    expect(misspelt.stderr).toContain("the policy has no provider 'Okta' (it has okta, corp, ci)");
    const both = await diff("--identities", identities, ...EDITOR);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("not both");
  });
});
