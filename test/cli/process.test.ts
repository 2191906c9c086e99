// The real `ffpolicy` program as a process: what a user or a CI script sees at its edges
// (needs `out/`, which `npm test` builds first).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = new URL("../../bin/ffpolicy.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "ffpolicy-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the program; when `firstLineOnly`, close its stdout after the first chunk, as `| head -1` does. */
function run(args: readonly string[], firstLineOnly = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (firstLineOnly) child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the ffpolicy process", () => {
  it("keeps its exit code and prints no stack trace when the reader closes the pipe early", async () => {
    const file = join(dir, "big.ffpolicy");
    writeFileSync(file, ["policy p", ...Array.from({ length: 3000 }, (_, i) => `role r${i} { read "/a/**" }`)].join("\n") + "\n");
    const result = await run(["check", file], true);
    expect(result.stderr).not.toMatch(/EPIPE|node:events|at /);
    expect(result.code).toBe(0);
  });
});

describe("--version", () => {
  it("prints the package's version and the default catalogue", async () => {
    const result = await run(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+ \(catalogue ffmpeg-5\.1-debian12\)\n$/);
  });
});
