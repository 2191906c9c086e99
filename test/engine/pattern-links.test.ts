// Symbolic links behind names ffmpeg expands at run time (src/engine/names.ts): segment,
// image2, hls and dash names, image2 input sequences and globs, and the NAME.tmp files hls
// and dash write first. A real directory tree with real links, judged through the real
// file system, and the real ffmpeg showing that each link is really followed — so the
// deny is not a guess about ffmpeg.
//
//   ROOT/secret/victim.mp4, ROOT/secret/red.png, ROOT/secret/pl     (not granted)
//   ROOT/granted/in/      read grant;  ROOT/granted/out/  write grant
//   ROOT/granted/inside.mp4                                           (not granted either)

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Decision } from "../../src/engine/decision.js";
import { NO_FILES } from "../../src/engine/targets.js";
import { diskFileSystem } from "../../src/workspace/files.js";
import { decideCommand, policyFromText } from "../helpers.js";
import { explanation, sandboxPolicy } from "../security/cases.js";

const ROOT = realpathSync(mkdtempSync(join(tmpdir(), "ffpolicy-pattern-links-")));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

const IN = `${ROOT}/granted/in`;
const OUT = `${ROOT}/granted/out`;
const SECRET = `${ROOT}/secret`;

function ffmpeg(args: readonly string[], cwd = ROOT): { status: number | null; stderr: string; stdout: string } {
  const run = spawnSync("ffmpeg", ["-nostdin", "-hide_banner", "-y", ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

/** A small png of one colour. */
function png(path: string, colour: string): void {
  execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", `color=${colour}:s=32x32`, "-frames:v", "1", path]);
}

/** Build the tree under `root` (the differential runs ffmpeg on a fresh copy each time). */
function build(root: string): void {
  for (const dir of [
    "secret/dir",
    "granted/in/seq",
    "granted/in/glob",
    "granted/in/cut",
    "granted/out/seg",
    "granted/out/img",
    "granted/out/hls",
    "granted/out/dash",
    "granted/out/sig",
  ])
    mkdirSync(join(root, dir), { recursive: true });
  for (const dir of ["granted/in/clean", "granted/out/clean", "granted/out/hlstmp", "granted/out/dated", "granted/out/inside"])
    mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, "secret/victim.mp4"), "victim\n");
  writeFileSync(join(root, "secret/pl"), "victim playlist\n");
  png(join(root, "secret/red.png"), "red");
  png(join(root, "granted/in/seq/img001.png"), "blue");
  png(join(root, "granted/in/glob/a.png"), "blue");
  png(join(root, "granted/in/cut/x.png"), "blue");
  png(join(root, "granted/in/clean/img001.png"), "blue");
  execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=d=1:s=64x48:r=5", "-c:v", "mpeg4", join(root, "granted/in/in.mp4")]);
  const secret = join(root, "secret");
  // Writes: the first name each muxer makes is a link out of the write grant (dash renames its
  // media segments over the name, so its init segment, opened directly, is the one).
  symlinkSync(`${secret}/victim.mp4`, join(root, "granted/out/seg/s000.mp4"));
  symlinkSync(`${secret}/victim.mp4`, join(root, "granted/out/img/i001.png"));
  symlinkSync(`${secret}/victim.mp4`, join(root, "granted/out/hls/h0.ts"));
  symlinkSync(`${secret}/victim.mp4`, join(root, "granted/out/dash/init-stream0.m4s"));
  symlinkSync(`${secret}/victim.mp4`, join(root, "granted/out/sig/sig0.bin"));
  symlinkSync(`${secret}/pl`, join(root, "granted/out/hlstmp/a.m3u8.tmp"));
  symlinkSync(secret, join(root, "granted/out/dated/2099"));
  // A link that stays inside the grant.
  symlinkSync(join(root, "granted/out/clean/x.mp4"), join(root, "granted/out/inside/s000.mp4"));
  // Reads: a sequence member, a glob match and a name cut short are links to the secret.
  symlinkSync(`${secret}/red.png`, join(root, "granted/in/seq/img002.png"));
  symlinkSync(`${secret}/red.png`, join(root, "granted/in/glob/b.png"));
  symlinkSync(`${secret}/red.png`, join(root, "granted/in/cut/x"));
}
build(ROOT);

/** The sandbox's policy for this tree, and never write its secret playlist. */
function policyFor(root: string) {
  return policyFromText(sandboxPolicy(root, `\nforbid write "${root}/secret/pl"\n`));
}

const POLICY = policyFor(ROOT);

function judge(command: string, fs = diskFileSystem, root = ROOT): Decision {
  return decideCommand(root === ROOT ? POLICY : policyFor(root), command, { claims: { sub: "alice", groups: ["editors"] }, cwd: root, fs });
}

/** A command line for the judge from ffmpeg's own arguments. */
const quoted = (args: readonly string[]) => ["ffmpeg", ...args].map((a) => `'${a}'`).join(" ");

const COPY = `-i ${IN}/in.mp4 -c copy`;

/** vf_signature over two inputs writes one file each, `sig0.bin` and `sig1.bin`. */
function signature(root: string): string[] {
  const input = `${root}/granted/in/in.mp4`;
  const graph = `[0:v][1:v]signature=nb_inputs=2:format=xml:filename=${root}/granted/out/sig/sig%d.bin`;
  return ["-i", input, "-i", input, "-filter_complex", graph, "-map", "0:v", "-f", "null", "-"];
}

describe("links behind names ffmpeg expands are judged", () => {
  it.each([
    [
      "segment: the first segment is a link out",
      `ffmpeg ${COPY} -f segment ${OUT}/seg/s%03d.mp4`,
      `write ${SECRET}/victim.mp4 (-f segment, as ${OUT}/seg/s000.mp4)`,
    ],
    ["segment: the same, relative to the working directory", `ffmpeg ${COPY} -f segment granted/out/seg/s%03d.mp4`, `write ${SECRET}/victim.mp4`],
    ["image2: the first image is a link out", `ffmpeg -i ${IN}/in.mp4 ${OUT}/img/i%03d.png`, `write ${SECRET}/victim.mp4 (-f image2, as ${OUT}/img/i001.png)`],
    [
      "hls: a default segment name is a link out",
      `ffmpeg ${COPY} -f hls ${OUT}/hls/h.m3u8`,
      `write ${SECRET}/victim.mp4 (-f hls (segments), as ${OUT}/hls/h0.ts)`,
    ],
    [
      "hls: -hls_segment_filename with %d",
      `ffmpeg ${COPY} -f hls -hls_segment_filename ${OUT}/hls/h%d.ts ${OUT}/clean/x.m3u8`,
      `write ${SECRET}/victim.mp4 (-f hls (segments), as ${OUT}/hls/h0.ts)`,
    ],
    ["hls: the playlist's .tmp file is a link out", `ffmpeg ${COPY} -f hls ${OUT}/hlstmp/a.m3u8`, `write ${SECRET}/pl (-f hls, as ${OUT}/hlstmp/a.m3u8.tmp)`],
    [
      "dash: a $RepresentationID$ init segment is a link out",
      `ffmpeg ${COPY} -f dash ${OUT}/dash/a.mpd`,
      `write ${SECRET}/victim.mp4 (-f dash (init segments), as ${OUT}/dash/init-stream0.m4s)`,
    ],
    [
      "signature: the file of its first input is a link out",
      `ffmpeg ${signature(ROOT).join(" ")}`,
      `write ${SECRET}/victim.mp4 (filter signature (filename), as ${OUT}/sig/sig0.bin)`,
    ],
    ["segment -strftime: a directory the date can be is a link out", `ffmpeg ${COPY} -f segment -strftime 1 ${OUT}/dated/%Y/s.mp4`, `write ${SECRET}/s.mp4`],
    [
      "image2 input: a member of the sequence is a link out",
      `ffmpeg -i ${IN}/seq/img%03d.png -f null -`,
      `read ${SECRET}/red.png (-i, as ${IN}/seq/img002.png)`,
    ],
    [
      "image2 input: -pattern_type glob matches a link out",
      `ffmpeg -pattern_type glob -i '${IN}/glob/*.png' -f null -`,
      `read ${SECRET}/red.png (-i (glob), as ${IN}/glob/b.png)`,
    ],
    ["image2 input: the default glob_sequence (%*) matches a link out", `ffmpeg -i '${IN}/glob/%*.png' -f null -`, `read ${SECRET}/red.png`],
    [
      "image2 input: a name cut at a '%' it cannot expand is a link out",
      `ffmpeg -f image2 -i '${IN}/cut/x%Y.png' -f null -`,
      `read ${SECRET}/red.png (-i, as ${IN}/cut/x)`,
    ],
  ])("%s", (_name, command, because) => {
    const decision = judge(command);
    expect(decision.verdict, explanation(decision)).toBe("deny");
    expect(explanation(decision)).toContain(because);
  });

  it("a forbid sees the target behind the link", () => {
    const decision = judge(`ffmpeg ${COPY} -f hls ${OUT}/hlstmp/a.m3u8`);
    expect(decision.forbids.map((f) => f.what)).toContain(`write ${OUT}/hlstmp/a.m3u8 (as ${OUT}/hlstmp/a.m3u8.tmp)`);
  });

  it.each([
    ["braces in the default glob_sequence", `ffmpeg -i '${IN}/glob/%{../../../secret/red,a%}.png' -f null -`, "brace expansion in an image2 glob"],
    ["-strftime %D writes a '/'", `ffmpeg ${COPY} -f segment -strftime 1 ${OUT}/clean/s%D.mp4`, "writes a '/' into the name"],
    ["a name ffmpeg would cut short", `ffmpeg ${COPY} -f segment ${OUT}/clean/${"./".repeat(520)}s%03d.mp4`, "is too long"],
    [
      "image2 -update 1 with a name ffmpeg would cut short",
      `ffmpeg -i ${IN}/in.mp4 -frames:v 1 -update 1 ${OUT}/clean/${"./".repeat(520)}x.png`,
      "is too long",
    ],
  ])("denies what cannot be judged: %s", (_name, command, because) => {
    const decision = judge(command);
    expect(decision.verdict).toBe("deny");
    expect(explanation(decision)).toContain(because);
  });

  it.each([
    ["segment into a directory without links", `ffmpeg ${COPY} -f segment ${OUT}/clean/s%03d.mp4`],
    ["segment whose existing link stays inside the grant", `ffmpeg ${COPY} -f segment ${OUT}/inside/s%03d.mp4`],
    ["image2 into a directory without links", `ffmpeg -i ${IN}/in.mp4 ${OUT}/clean/i%03d.png`],
    ["hls into a directory without links", `ffmpeg ${COPY} -f hls ${OUT}/clean/a.m3u8`],
    ["dash into a directory without links", `ffmpeg ${COPY} -f dash ${OUT}/clean/a.mpd`],
    ["an image2 sequence without links", `ffmpeg -i ${IN}/clean/img%03d.png -f null -`],
    ["a glob that matches only files", `ffmpeg -pattern_type glob -i '${IN}/seq/*1.png' -f null -`],
    ["a plain name that merely looks like a pattern (mp4 writes it as it is)", `ffmpeg ${COPY} -f mp4 ${OUT}/clean/s%03d.mp4`],
  ])("allows: %s", (_name, command) => {
    const decision = judge(command);
    expect(decision.verdict, explanation(decision)).toBe("allow");
  });

  it("the write beside the link is still denied directly, and the pattern was allowed before links were judged", () => {
    expect(judge(`ffmpeg ${COPY} -f mp4 ${OUT}/seg/s000.mp4`).verdict).toBe("deny");
    // Without a file system (a `test` block), the name is judged as written: no links, no listing.
    expect(judge(`ffmpeg ${COPY} -f segment ${OUT}/seg/s%03d.mp4`, NO_FILES).verdict).toBe("allow");
  });
});

describe("differential: the real ffmpeg follows each of those links", () => {
  /** A fresh copy of the tree for each run, so one run's writes do not change the next. */
  function fresh(): string {
    const root = realpathSync(mkdtempSync(join(tmpdir(), "ffpolicy-pattern-links-run-")));
    build(root);
    return root;
  }

  it.each([
    ["segment", (r: string) => [`-i`, `${r}/granted/in/in.mp4`, "-c", "copy", "-f", "segment", `${r}/granted/out/seg/s%03d.mp4`]],
    ["image2", (r: string) => [`-i`, `${r}/granted/in/in.mp4`, "-frames:v", "1", `${r}/granted/out/img/i%03d.png`]],
    ["hls segments", (r: string) => [`-i`, `${r}/granted/in/in.mp4`, "-c", "copy", "-f", "hls", `${r}/granted/out/hls/h.m3u8`]],
    ["dash segments", (r: string) => [`-i`, `${r}/granted/in/in.mp4`, "-c", "copy", "-f", "dash", `${r}/granted/out/dash/a.mpd`]],
    ["signature files", signature],
  ])("%s: writes through the link into secret/victim.mp4, and ffpolicy denies it", (_name, args) => {
    const root = fresh();
    try {
      const before = readFileSync(`${root}/secret/victim.mp4`, "utf8");
      const run = ffmpeg(args(root));
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(`${root}/secret/victim.mp4`, "latin1")).not.toBe(before);
      expect(judge(quoted(args(root)), diskFileSystem, root).verdict).toBe("deny");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("hls: writes its playlist through the .tmp link into secret/pl", () => {
    const root = fresh();
    try {
      const run = ffmpeg(["-i", `${root}/granted/in/in.mp4`, "-c", "copy", "-f", "hls", `${root}/granted/out/hlstmp/a.m3u8`]);
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(`${root}/secret/pl`, "utf8")).toContain("#EXTM3U");
      expect(
        judge(quoted(["-i", `${root}/granted/in/in.mp4`, "-c", "copy", "-f", "hls", `${root}/granted/out/hlstmp/a.m3u8`]), diskFileSystem, root).verdict,
      ).toBe("deny");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("segment -strftime: writes into the directory link", () => {
    const root = fresh();
    try {
      // The link is named for this year, as strftime will name it.
      const year = String(new Date().getFullYear());
      symlinkSync(`${root}/secret`, `${root}/granted/out/dated/${year}`);
      const args = ["-i", `${root}/granted/in/in.mp4`, "-c", "copy", "-f", "segment", "-strftime", "1", `${root}/granted/out/dated/%Y/s.mp4`];
      const run = ffmpeg(args);
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(`${root}/secret/s.mp4`)).toBe(true);
      expect(judge(quoted(args), diskFileSystem, root).verdict).toBe("deny");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ["an image2 sequence", ["-i", "granted/in/seq/img%03d.png"]],
    ["a -pattern_type glob", ["-pattern_type", "glob", "-i", "granted/in/glob/*.png"]],
    ["the default glob_sequence", ["-i", "granted/in/glob/%*.png"]],
  ])("%s: reads the red secret image through the link, and ffpolicy denies it", (_name, input) => {
    // Two frames: the blue file and the red one behind the link (a dangling link would stop at one).
    const run = ffmpeg(["-v", "error", ...input, "-f", "framecrc", "-"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split("\n").filter((l) => /^0,/.test(l))).toHaveLength(2);
    expect(judge(quoted([...input, "-f", "null", "-"])).verdict).toBe("deny");
  });

  it("a name cut at a '%' av_get_frame_filename cannot expand: reads the link's target", () => {
    const run = ffmpeg(["-v", "error", "-f", "image2", "-i", "granted/in/cut/x%Y.png", "-f", "framecrc", "-"]);
    expect(run.status, run.stderr).toBe(0);
    const red = ffmpeg(["-v", "error", "-i", "secret/red.png", "-f", "framecrc", "-"]);
    const crc = (out: string) =>
      out
        .split("\n")
        .find((l) => /^0,/.test(l))!
        .split(",")
        .at(-1);
    expect(crc(run.stdout)).toBe(crc(red.stdout));
    expect(judge(quoted(["-f", "image2", "-i", "granted/in/cut/x%Y.png", "-f", "null", "-"])).verdict).toBe("deny");
  });
});
