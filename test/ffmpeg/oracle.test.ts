// Tests of the differential-test oracle itself. They run the real ffmpeg (skipped when
// it is not installed), plus a few pure tests of the log parser on hand-made logs.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseOracleLog, readCorpus, runOracle, runOracleBatch, type OracleResult } from "./oracle.js";
import { splitShellWords } from "../../src/ffmpeg/shell-words.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, "corpus");

/** The tokens must cover argv in order, each argument right after its option, up to the end or the refusal. */
function checkCoverage(r: OracleResult): string | null {
  let j = 0;
  let afterDashdash = false;
  for (const t of r.tokens) {
    if (t.index !== j) return `token ${t.token} at ${t.index}, expected index ${j}`;
    if (t.token !== r.argv[t.index]) return `token text differs at ${t.index}`;
    if (t.kind === "output" && t.token.startsWith("-") && t.token !== "-" && !afterDashdash) return `output ${t.token} not shielded by --`;
    afterDashdash = t.kind === "dashdash";
    if (t.argumentIndex !== undefined) {
      if (t.argumentIndex !== t.index + 1) return `argument of ${t.token} is not the next token`;
      if (t.argument !== r.argv[t.argumentIndex]) return `argument text differs at ${t.argumentIndex}`;
      j += 2;
    } else j += 1;
  }
  if (r.refused) return r.refused.index === j ? null : `refused at ${r.refused.index}, tokens end at ${j}`;
  if (r.finishedSplitting) return j === r.argv.length ? null : `split finished but tokens end at ${j} of ${r.argv.length}`;
  return "neither finished nor refused";
}

describe("parseOracleLog (no ffmpeg needed)", () => {
  it("disambiguates a boolean followed by '1' from an option taking '1' by reading on", () => {
    const argv = ["-y", "1", "o"];
    const log =
      "Splitting the commandline.\n" +
      "Reading option '-y' ... matched as option 'y' (overwrite output files) with argument '1'.\n" +
      "Reading option '1' ... matched as output url.\n" +
      "Reading option 'o' ... matched as output url.\n" +
      "Finished splitting the commandline.\n";
    const p = parseOracleLog(argv, log);
    expect(p.parseError).toBeNull();
    expect(p.tokens.map((t) => [t.index, t.kind])).toEqual([
      [0, "option"],
      [1, "output"],
      [2, "output"],
    ]);
  });

  it("reports a log cut short as incomplete rather than as an error", () => {
    const argv = ["-i", "a", "b"];
    const log = "Splitting the commandline.\nReading option '-i' ... matched as input url with argument 'a'.\nReading option 'b' ..";
    const p = parseOracleLog(argv, log);
    expect(p.parseError).toBeNull();
    expect(p.incomplete).toBe(true);
    expect(p.finishedSplitting).toBe(false);
    expect(p.tokens).toHaveLength(1);
  });

  it("refuses to read a log that does not match the argv", () => {
    const p = parseOracleLog(
      ["-y"],
      "Splitting the commandline.\nReading option '-n' ... matched as option 'n' (never overwrite output files) with argument '1'.\n",
    );
    expect(p.parseError).not.toBeNull();
  });

  it("unfolds 'Last message repeated N times' in a group", () => {
    const argv = ["-y", "-y", "-y", "o"];
    const y = "matched as option 'y' (overwrite output files) with argument '1'.\n";
    const log =
      `Splitting the commandline.\nReading option '-y' ... ${y}Reading option '-y' ... ${y}Reading option '-y' ... ${y}` +
      "Reading option 'o' ... matched as output url.\nFinished splitting the commandline.\n" +
      "Parsing a group of options: global .\nApplying option y (overwrite output files) with argument 1.\n" +
      "    Last message repeated 2 times\nSuccessfully parsed a group of options.\n";
    const p = parseOracleLog(argv, log);
    expect(p.groups[0]!.applied.map((a) => a.tokenIndex)).toEqual([0, 1, 2]);
    expect(p.groups[0]!.complete).toBe(true);
  });
});

describe("runOracle against the installed ffmpeg (CI installs Debian's ffmpeg)", () => {
  it("reads a plain command: tokens, groups, trailing options", async () => {
    const r = await runOracle(["ffmpeg", "-f", "lavfi", "-i", "testsrc=d=0.1", "-c:v:0", "libx264", "-nostdin", "-crf", "20", "-y", "out.mp4", "-ss", "1"]);
    expect(r.argv[0]).toBe("-f");
    expect(r.tokens).toEqual([
      { index: 0, token: "-f", kind: "option", name: "f", help: "force format", argument: "lavfi", argumentIndex: 1 },
      { index: 2, token: "-i", kind: "input", argument: "testsrc=d=0.1", argumentIndex: 3 },
      { index: 4, token: "-c:v:0", kind: "option", name: "c", help: "codec name", argument: "libx264", argumentIndex: 5 },
      { index: 6, token: "-nostdin", kind: "option", name: "stdin", help: "enable or disable interaction on standard input", argument: "0" },
      { index: 7, token: "-crf", kind: "avoption", name: "crf", argument: "20", argumentIndex: 8 },
      { index: 9, token: "-y", kind: "option", name: "y", help: "overwrite output files", argument: "1" },
      { index: 10, token: "out.mp4", kind: "output" },
      { index: 11, token: "-ss", kind: "option", name: "ss", help: "set the start time offset", argument: "1", argumentIndex: 12 },
    ]);
    expect(r.trailing).toBe(true);
    expect(r.finishedSplitting).toBe(true);
    expect(r.refused).toBeNull();
    expect(r.groups).toEqual([
      {
        kind: "global",
        url: null,
        complete: true,
        applied: [
          { key: "nostdin", value: "0", index: 6 },
          { key: "y", value: "1", index: 9 },
        ],
      },
      { kind: "input", url: "testsrc=d=0.1", complete: true, applied: [{ key: "f", value: "lavfi", index: 0 }] },
      { kind: "output", url: "out.mp4", complete: true, applied: [{ key: "c:v:0", value: "libx264", index: 4 }] },
    ]);
    expect(r.stoppedEarly).toBe(true); // killed before it encoded anything
  });

  it("reads AVOptions, also when opt_default logs in the middle of the line", async () => {
    const r = await runOracle(["-strict", "-2", "-vb", "1M", "-i", "in.mp4", "out.mp4"]);
    expect(r.parseError).toBeNull();
    expect(r.tokens.slice(0, 2)).toEqual([
      { index: 0, token: "-strict", kind: "avoption", name: "strict", argument: "-2", argumentIndex: 1 },
      { index: 2, token: "-vb", kind: "avoption", name: "vb", argument: "1M", argumentIndex: 3 },
    ]);
    expect(r.stderr).toContain("Routing option strict to both codec and muxer layer");
  });

  it("reads refusals: unrecognized option, missing argument, opt_default error", async () => {
    const unknown = await runOracle(["-i", "in.mp4", "-foo", "bar", "out.mp4"]);
    expect(unknown.refused).toEqual({ message: "Unrecognized option 'foo'.", index: 2, error: "Option not found" });
    expect(unknown.finishedSplitting).toBe(false);
    expect(unknown.tokens.map((t) => t.kind)).toEqual(["input"]);

    const missing = await runOracle(["-i", "in.mp4", "-c:v"]);
    expect(missing.refused).toEqual({ message: "Missing argument for option 'c:v'.", index: 2, error: "Invalid argument" });

    const crfAtEnd = await runOracle(["-i", "in.mp4", "out.mp4", "-crf"]);
    expect(crfAtEnd.refused?.message).toBe("Unrecognized option 'crf'.");

    const sws = await runOracle(["-srcw", "10", "out.mp4"]);
    expect(sws.refused?.message).toBe(
      "Directly using swscale dimensions/format options is not supported, please use the -s or -pix_fmt options\nError parsing option 'srcw' with argument '10'.",
    );
    expect(sws.exitCode).toBe(1);
  });

  it("reads `--` (and the exit option at the end, which takes no argument)", async () => {
    const r = await runOracle(["-i", "in.mp4", "--", "-out.mp4", "-h"]);
    expect(r.tokens).toEqual([
      { index: 0, token: "-i", kind: "input", argument: "in.mp4", argumentIndex: 1 },
      { index: 2, token: "--", kind: "dashdash" },
      { index: 3, token: "-out.mp4", kind: "output" },
      { index: 4, token: "-h", kind: "option", name: "h", help: "show help" },
    ]);
    expect(r.groups[0]).toEqual({ kind: "global", url: null, complete: false, applied: [{ key: "h", value: "(null)", index: 4 }] });
    expect(r.exitCode).toBe(0);
  });

  it("reads arguments holding newlines, quotes and the log's own phrases", async () => {
    const nasty = "a'b\n' with argument 'c'.\nReading option 'x' ... matched as output url.\n";
    const url = "out 'q'\n\"dq\".nut";
    const r = await runOracle(["-f", "lavfi", "-i", "testsrc=d=0.1", "-metadata", nasty, "-y", "-y", "-f", "nut", url]);
    expect(r.parseError).toBeNull();
    expect(r.tokens.map((t) => [t.kind, t.argument])).toEqual([
      ["option", "lavfi"],
      ["input", "testsrc=d=0.1"],
      ["option", nasty],
      ["option", "1"],
      ["option", "1"],
      ["option", "nut"],
      ["output", undefined],
    ]);
    expect(r.groups.map((g) => g.url)).toEqual([null, "testsrc=d=0.1", url]);
    expect(r.groups[0]!.applied.map((a) => a.index)).toEqual([6, 7]); // the repeated line was folded by av_log
    expect(r.groups[2]!.applied).toEqual([
      { key: "metadata", value: nasty, index: 4 },
      { key: "f", value: "nut", index: 8 },
    ]);
  });

  it("keeps reading when the command sets its own log level (and reports argv unchanged)", async () => {
    const argv = ["-v", "quiet", "-f", "lavfi", "-i", "testsrc=d=0.1", "-loglevel:x", "error", "-f", "null", "-"];
    const r = await runOracle(argv);
    expect(r.argv).toEqual(argv);
    expect(r.tokens[0]).toEqual({ index: 0, token: "-v", kind: "option", name: "v", help: "set logging level", argument: "quiet", argumentIndex: 1 });
    expect(r.groups.map((g) => [g.kind, g.complete])).toEqual([
      ["global", true],
      ["input", true],
      ["output", true],
    ]);
    expect(r.groups[0]!.applied).toEqual([
      { key: "v", value: "quiet", index: 0 },
      { key: "loglevel:x", value: "error", index: 6 },
    ]);
  });

  it("accepts argv with or without the program name", async () => {
    const a = await runOracle(["/usr/bin/ffmpeg", "-i", "x", "y"]);
    const b = await runOracle(["-i", "x", "y"]);
    expect(a.argv).toEqual(["-i", "x", "y"]);
    expect(a.tokens).toEqual(b.tokens);
  });

  it("runs the whole corpus quickly, and every command either finishes splitting or is refused", async () => {
    const entries = [...readCorpus(join(corpusDir, "docs.txt")), ...readCorpus(join(corpusDir, "edge-cases.txt"))];
    expect(entries.length).toBeGreaterThan(420);
    const started = Date.now();
    const results = await runOracleBatch(entries.map((e) => e.argv));
    const ms = Date.now() - started;
    const count = (f: (r: OracleResult) => boolean) => results.filter(f).length;
    console.log(
      `oracle: ${results.length} commands in ${(ms / 1000).toFixed(1)} s — ` +
        `${count((r) => r.finishedSplitting)} finished splitting (${count((r) => r.trailing)} with trailing options), ` +
        `${count((r) => r.refused !== null)} refused, ${count((r) => r.stoppedEarly)} stopped early, ${count((r) => r.timedOut)} timed out; ` +
        `sandbox: ${results[0]?.sandbox}`,
    );
    const problems: string[] = [];
    results.forEach((r, i) => {
      const e = entries[i]!;
      const why = r.parseError ?? (r.timedOut && !r.finishedSplitting ? "timed out while splitting" : null) ?? checkCoverage(r);
      if (why) problems.push(`${e.file}:${e.line}: ${why}: ${e.text}`);
    });
    expect(problems).toEqual([]);
    expect(count((r) => r.finishedSplitting) + count((r) => r.refused !== null)).toBe(results.length);
  }, 180_000);

  it("every corpus line is split by splitShellWords into an ffmpeg command", () => {
    for (const f of ["docs.txt", "edge-cases.txt"]) {
      for (const e of readCorpus(join(corpusDir, f))) {
        expect(splitShellWords(e.text).ok).toBe(true);
        expect(e.argv[0]).toBe("ffmpeg");
      }
    }
  });
});
