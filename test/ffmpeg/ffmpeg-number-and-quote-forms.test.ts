// Numbers and quoting as ffmpeg 5.1 reads them where a misreading changes what a command
// does: stream specifier indices (strtol base 0: `010` is 8), `pipe:` descriptors (strtol
// base 10: ` 3` and `+3` are 3), and tee branches (two levels of av_get_token, so a quoted
// or escaped ']' does not end the option block). Each is checked against the real ffmpeg.

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultCatalogue, loadCatalogue } from "../../src/ffmpeg/catalogue/index.js";
import { readCommand } from "../../src/ffmpeg/command.js";
import { teeBranches } from "../../src/ffmpeg/tee.js";
import { loadEffects } from "../../src/ffmpeg/job/effects.js";
import { strtol, toCInt } from "../../src/ffmpeg/numbers.js";
import { matches, parseSpecifier, type Specifier } from "../../src/ffmpeg/specifier.js";
import { parseUrl, type Url } from "../../src/ffmpeg/url.js";

const dir = mkdtempSync(join(tmpdir(), "ffpolicy-forms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the real ffmpeg in the temp dir; its stderr. */
function ffmpeg(args: readonly string[], stdio: (number | "ignore" | "pipe")[] = ["ignore", "ignore", "pipe"]): string {
  const r = spawnSync("ffmpeg", ["-hide_banner", "-nostdin", ...args], { cwd: dir, stdio, encoding: "utf8", timeout: 30_000 });
  return r.stderr ?? "";
}

const TINY = ["-f", "lavfi", "-i", "testsrc=d=0.04:s=16x16"];

describe("strtol", () => {
  const read = (text: string, base: 0 | 10) => {
    const { value, end } = strtol(text, base);
    return [String(value), end];
  };

  it("reads base 0 as C does: 0x hexadecimal, a leading 0 octal", () => {
    expect(read("010", 0)).toEqual(["8", 3]);
    expect(read("0x10", 0)).toEqual(["16", 4]);
    expect(read("0X1f", 0)).toEqual(["31", 4]);
    expect(read("08", 0)).toEqual(["0", 1]);
    expect(read("0x", 0)).toEqual(["0", 1]);
    expect(read("0xg", 0)).toEqual(["0", 1]);
    expect(read("0b1", 0)).toEqual(["0", 1]);
    expect(read("-0x10", 0)).toEqual(["-16", 5]);
  });

  it("skips isspace and reads a sign; endptr is the start when no digit was read", () => {
    expect(read(" \t\n\v\f\r+3", 10)).toEqual(["3", 8]);
    expect(read("-3", 10)).toEqual(["-3", 2]);
    expect(read("3 ", 10)).toEqual(["3", 1]);
    expect(read("0x3", 10)).toEqual(["0", 1]);
    expect(read("", 10)).toEqual(["0", 0]);
    expect(read("  +", 10)).toEqual(["0", 0]);
    expect(read("x", 10)).toEqual(["0", 0]);
  });

  it("clamps to a 64-bit long, and an int keeps the low 32 bits", () => {
    expect(read("99999999999999999999", 10)).toEqual(["9223372036854775807", 20]);
    expect(read("-99999999999999999999", 10)).toEqual(["-9223372036854775808", 21]);
    expect(toCInt(4294967297n)).toBe(1);
    expect(toCInt(-4294967293n)).toBe(3);
    expect(toCInt(9223372036854775807n)).toBe(-1);
  });
});

describe("stream specifier indices: strtol(…, 0), nothing after", () => {
  const index = (spec: Specifier) => (spec.kind === "stream" ? [spec.type, spec.index] : spec.kind);

  it("reads octal and hexadecimal indices", () => {
    expect(index(parseSpecifier("010"))).toEqual([null, 8]);
    expect(index(parseSpecifier("0x10"))).toEqual([null, 16]);
    expect(index(parseSpecifier("v:010"))).toEqual(["v", 8]);
    expect(index(parseSpecifier("V:0x2"))).toEqual(["V", 2]);
    expect(index(parseSpecifier("00"))).toEqual([null, 0]);
    expect(index(parseSpecifier("4294967297"))).toEqual([null, 1]);
    expect(index(parseSpecifier("v:"))).toEqual(["v", null]);
  });

  it("leaves what ffmpeg refuses, or reads differently across versions, undecided", () => {
    for (const text of ["08", "0x", "0b1", "1 ", " 1", "+1", "-1", "v:+1", "v: 1", "v:-1", "v:1a", "0:v", "v::", "4294967295", "18446744073709551617"]) {
      expect(parseSpecifier(text).kind, text).toBe("opaque");
    }
  });

  /** Which of 18 video streams `-c:SPEC mpeg4` reaches in the real ffmpeg, or "refused". */
  function ffmpegMatches(spec: string): number[] | "refused" {
    const labels = Array.from({ length: 18 }, (_, i) => `[o${i}]`);
    const stderr = ffmpeg([
      "-filter_complex",
      `testsrc=d=0.04:s=16x16,split=18${labels.join("")}`,
      ...labels.flatMap((l) => ["-map", l]),
      "-c",
      "rawvideo",
      `-c:${spec}`,
      "mpeg4",
      "-f",
      "null",
      "-",
    ]);
    if (stderr.includes("Invalid stream specifier")) return "refused";
    return [...stderr.matchAll(/^ {2}Stream #0:(\d+): Video: mpeg4/gm)].map((m) => Number(m[1]));
  }

  function ffpolicyMatches(text: string): number[] | "refused" {
    const spec = parseSpecifier(text);
    if (spec.kind === "opaque") return "refused";
    return Array.from({ length: 18 }, (_, i) => i).filter((i) => matches(spec, { media: "video", index: i, indexInType: i }));
  }

  it.each(["010", "0x10", "0X0a", "00", "17", "v:010", "v:0x11", "V:0x2", "v:", "4294967296", "4294967297", "v:4294967298", "08", "0x", "0b1", "v:+1", "v:1a"])(
    "-c:%s reaches the streams ffmpeg applies it to",
    (spec) => {
      expect(ffpolicyMatches(spec)).toEqual(ffmpegMatches(spec));
    },
  );

  it("a negative int matches nothing in 5.1 (7.1 reads it as no index): undecided, never a wrong stream", () => {
    expect(ffmpegMatches("4294967295")).toEqual([]);
    expect(ffpolicyMatches("4294967295")).toBe("refused");
  });
});

describe("pipe: descriptors: strtol(…, 10) over the whole rest", () => {
  const urls = defaultCatalogue().urls;
  const fdOf = (raw: string, ctx = urls) => {
    const url: Url = parseUrl(raw, ctx);
    return url.kind === "pipe" ? url.fd : url.kind;
  };

  it("reads blanks, a sign and leading zeros, and falls back to stdin/stdout otherwise", () => {
    expect(fdOf("pipe:3")).toBe(3);
    expect(fdOf("pipe:+3")).toBe(3);
    expect(fdOf("pipe: 3")).toBe(3);
    expect(fdOf("pipe:\t\n3")).toBe(3);
    expect(fdOf("pipe:03")).toBe(3);
    expect(fdOf("pipe:-3")).toBe(-3);
    expect(fdOf("pipe:4294967299")).toBe(3);
    expect(fdOf("pipe:18446744073709551619")).toBe(-1);
    expect(fdOf("pipe:01")).toBe(1);
    for (const raw of ["pipe:", "pipe:3 ", "pipe:0x3", "pipe:x", "pipe:+", "pipe: ", "-"]) expect(fdOf(raw), raw).toBeNull();
  });

  it("7.x fd: takes no descriptor in the url; 5.1 has no fd protocol", () => {
    const v71 = loadCatalogue("7.1")!.urls;
    expect(fdOf("fd:", v71)).toBeNull();
    expect(fdOf("fd:3", v71)).toBe("unknown");
    expect(fdOf("fd: 1", v71)).toBe("unknown");
    expect(fdOf("fd:3")).toBe("unknown");
  });

  /** Which descriptor ffmpeg really wrote `-f nut URL` to: 1, 3 or 4 (or null: none of them). */
  function ffmpegWrites(url: string): number | null {
    const files = [1, 3, 4].map((fd) => [fd, join(dir, `fd${fd}.out`)] as const);
    const fds = files.map(([, path]) => openSync(path, "w"));
    try {
      ffmpeg([...TINY, "-c", "rawvideo", "-f", "nut", url], ["ignore", fds[0]!, "pipe", fds[1]!, fds[2]!]);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    const written = files.filter(([, path]) => statSync(path).size > 0).map(([fd]) => fd);
    return written.length === 1 ? written[0]! : null;
  }

  it.each(["pipe:3", "pipe:+3", "pipe: 3", "pipe:\t3", "pipe:03", "pipe:4294967299", "pipe:-4294967292", "pipe:3 ", "pipe:0x3", "pipe:", "pipe:x", "pipe:01"])(
    "%j writes where ffmpeg writes",
    (url) => {
      const fd = fdOf(url);
      expect(fd === null ? 1 : fd).toBe(ffmpegWrites(url));
    },
  );
});

describe("tee branches: av_get_token per branch, av_opt_get_key_value per option", () => {
  const read = (url: string) => teeBranches(url).map((b) => ({ url: b.url, options: Object.fromEntries(b.options), problem: b.problem }));

  it("reads quoted and escaped ']' inside an option value (the url is what follows the real ']')", () => {
    expect(read("[f=mp4:brand=\\'isom]/tmp/out/\\'x]/tmp/evil.mp4")).toEqual([
      { url: "/tmp/evil.mp4", options: { f: "mp4", brand: "isom]/tmp/out/x" }, problem: null },
    ]);
    expect(read("[f=mp4:brand=a\\\\]b]c")).toEqual([{ url: "c", options: { f: "mp4", brand: "a]b" }, problem: null }]);
    // Quotes the branch level removes do not protect at the option level.
    expect(read("[f=null:format_whitelist='a]b/'x]c/d")).toEqual([{ url: "b/x]c/d", options: { f: "null", format_whitelist: "a" }, problem: null }]);
  });

  it("splits on unescaped '|', trims blanks around a branch, and does not unescape the url again", () => {
    expect(read("[f=null]a|[f=null]b").map((b) => b.url)).toEqual(["a", "b"]);
    expect(read("[f=null] a \\| b |c").map((b) => b.url)).toEqual([" a | b", "c"]);
    expect(read("[f=null]'a|b'").map((b) => b.url)).toEqual(["a|b"]);
    expect(read("[f=null]a\\\\\\\\b").map((b) => b.url)).toEqual(["a\\\\b"]);
    expect(read("[]x.nut")).toEqual([{ url: "x.nut", options: {}, problem: null }]);
    expect(read("[ f = null ]x")).toEqual([{ url: "x", options: { f: "null" }, problem: null }]);
  });

  it("keys match in any case, as in an AVDictionary: the last one wins, tee's own keys are found in any case", () => {
    expect(read("[F=hls:hls_segment_filename=s%d.ts]x.mp4")[0]!.options).toEqual({ f: "hls", hls_segment_filename: "s%d.ts" });
    expect(read("[f=mp4:F=hls]x.mp4")[0]!.options).toEqual({ f: "hls" });
    expect(read("[f=mp4:OnFail=ignore:BSFS/v=h264_mp4toannexb]x.mp4")[0]!.options).toEqual({ f: "mp4", onfail: "ignore", "bsfs/v": "h264_mp4toannexb" });
  });

  it("reports a branch whose options tee cannot read", () => {
    expect(read("[f=null:]x")[0]!.problem).toContain("No option found");
    expect(read("[\vf=null]x")[0]!.problem).toContain("No option found");
    expect(read("[f=null")[0]!.problem).toContain("no closing ']'");
    expect(read("[f=null:format_whitelist=\\'a]b'c")[0]!.problem).toContain("no closing ']'");
    expect(read("[f=null:]x")[0]).toMatchObject({ url: "", options: {} });
  });

  /** The branches ffmpeg opened: `filename:'…' format:…` as tee logs them at debug level. */
  function ffmpegBranches(url: string): string[][] {
    const stderr = ffmpeg(["-loglevel", "debug", ...TINY, "-map", "0", "-c:v", "rawvideo", "-f", "tee", url]);
    return [...stderr.matchAll(/\[tee @ [^\]]*\] filename:'(.*)' format:(\S+)$/gm)].map((m) => [m[1]!, m[2]!]);
  }

  it.each([
    "[f=null:format_whitelist=\\'a]b/\\'x]c/d",
    "[f=null:format_whitelist='a]b/'x]c/d",
    "[f=null:format_whitelist=a\\\\]b]c",
    "[f=null:format_whitelist=a\\]b]c",
    "[f=null:format_whitelist=a'b]c'd]e",
    "[f=null]a|[f=null]b",
    "[f=null] a \\| b |[f=null]c",
    "[f=null]'a|b'",
    "[ f = null ]x",
    " [f=null]x",
    "[F=null]x.nut",
    "[f=nut:F=null]x.nut",
    "[format_whitelist=a\\]:f=null]x|[f=null]y",
    "[f=null\r:format_whitelist=\ra\r]x",
  ])("%j: the branches ffmpeg opens", (url) => {
    const ours = teeBranches(url)
      .filter((b) => b.problem === null && b.options.has("f"))
      .map((b) => [b.url, b.options.get("f")!]);
    expect(ours).toEqual(ffmpegBranches(url));
  });

  it.each(["[f=null:]x", "[\vf=null]x"])("%j: ffmpeg refuses the branch too", (url) => {
    expect(teeBranches(url)[0]!.problem).not.toBeNull();
    expect(ffmpegBranches(url)).toEqual([]);
  });

  it("the job writes where ffmpeg writes", () => {
    const url = "[f=mp4:brand=\\'isom]out/\\'x]evil.mp4";
    const args = [...TINY, "-map", "0", "-c:v", "mpeg4", "-f", "tee", url];
    const read = readCommand(args, defaultCatalogue(), loadEffects(), () => ({
      streams: [{ media: "video", codec: "rawvideo", width: 16, height: 16, frameRate: 25, bitrate: null, duration: 40 }],
    }));
    if (!read.ok) throw new Error(read.refusal.message);
    const written = read.job.outputs[0]!.destinations.map((d) => d.url.raw);
    expect(written).toEqual(["evil.mp4"]);
    ffmpeg(["-y", ...args]);
    expect(existsSync(join(dir, "evil.mp4"))).toBe(true);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("the tee: protocol reads its children as the tee muxer reads its branches", () => {
  /** What the job writes for a tee: url, and what ffmpeg wrote (files under the temp dir). */
  function writes(url: string): string[] {
    const read = readCommand([...TINY, "-map", "0", "-c:v", "mpeg4", "-f", "mpegts", url], defaultCatalogue(), loadEffects(), () => null);
    if (!read.ok) throw new Error(read.refusal.message);
    return read.job.accesses.filter((a) => a.kind === "write").map((a) => a.target);
  }

  it.each([
    ["quotes removed: '..' climbs", "tee:sub/'..'/q.ts", "sub/../q.ts", "q.ts"],
    ["an escaped '.' is a '.'", "tee:sub/.\\./e.ts", "sub/../e.ts", "e.ts"],
    ["blanks around a child trimmed", "tee: t.ts |u.ts", "t.ts", "t.ts"],
  ])("%s", (_name, url, judged, written) => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    expect(writes(url)).toContain(judged);
    ffmpeg(["-y", ...TINY, "-map", "0", "-c:v", "mpeg4", "-f", "mpegts", url]);
    expect(existsSync(join(dir, written))).toBe(true);
  });

  it("a child with options is not modelled", () => {
    const read = readCommand([...TINY, "-f", "mpegts", "tee:[timeout=5]tcp://127.0.0.1:9000"], defaultCatalogue(), loadEffects(), () => null);
    if (!read.ok) throw new Error(read.refusal.message);
    expect(read.job.problems.map((p) => p.message).join("\n")).toContain("the options of a tee: child");
  });
});
