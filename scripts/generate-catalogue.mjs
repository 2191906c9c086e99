#!/usr/bin/env node
// Generates the pinned ffmpeg catalogues src/ffmpeg/catalogue/data/ffmpeg-<M.m>.json
// (the `Catalogue` of src/ffmpeg/catalogue/types.ts) from a real ffmpeg and its libraries,
// plus the fftools option tables and encoder-parameter lists transcribed under
// scripts/catalogue/. See scripts/catalogue/README.md.
//
//   node scripts/generate-catalogue.mjs 5.1                      # the host's ffmpeg (Debian 12)
//   node scripts/generate-catalogue.mjs 7.1 --root /tmp/trixie   # a Debian 13 chroot
//   node scripts/generate-catalogue.mjs --check 5.1              # regenerate to memory, compare
//
// Needs, inside the root: ffmpeg, a C compiler, pkg-config and the FFmpeg -dev packages
// (libavcodec-dev libavformat-dev libavfilter-dev libavdevice-dev libswscale-dev
// libswresample-dev libavutil-dev). Plain Node (>= 18), builtins only.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const catDir = join(here, "catalogue");
const outDir = join(repo, "src", "ffmpeg", "catalogue", "data");

const TARGETS = {
  5.1: {
    id: "ffmpeg-5.1-debian12",
    table: "fftools-options-5.1.json",
    params: "encoder-params-debian12.json",
    protocolFlags: "protocol-flags-5.1.json",
    image2Tags: "image2-tags-5.1.json",
    dialect: 51,
  },
  7.1: {
    id: "ffmpeg-7.1-debian13",
    table: "fftools-options-7.1.json",
    params: "encoder-params-debian13.json",
    protocolFlags: "protocol-flags-7.1.json",
    image2Tags: "image2-tags-7.1.json",
    dialect: 71,
  },
};

// ---------------------------------------------------------------------------------------
// command line

function usage(msg) {
  if (msg) process.stderr.write(`generate-catalogue: ${msg}\n`);
  process.stderr.write(
    "usage: node scripts/generate-catalogue.mjs [--check] [--root DIR] [--quick] 5.1|7.1\n" +
      "  --root DIR  run ffmpeg, cc and the probe inside the chroot DIR (needs root)\n" +
      "  --check     do not write; fail if the committed JSON differs\n" +
      "  --quick     skip the per-filter/per-muxer `-h` cross-checks (faster, less checked)\n",
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
let root = null;
let check = false;
let quick = false;
let version = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--root") root = argv[++i] ?? usage("--root needs a directory");
  else if (a === "--check") check = true;
  else if (a === "--quick") quick = true;
  else if (TARGETS[a] && !version) version = a;
  else usage(`unexpected argument ${a}`);
}
if (!version) usage();
const target = TARGETS[version];

// ---------------------------------------------------------------------------------------
// running things (optionally inside a chroot), with a scrubbed environment

const ENV = { PATH: "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", LC_ALL: "C", AV_LOG_FORCE_NOCOLOR: "1" };

/** Runs argv (in `cwd`, a path inside the root) and resolves { code, stdout, stderr }. */
function run(args, { cwd = "/", input = null } = {}) {
  const full = root
    ? ["chroot", root, "/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", cwd, ...args]
    : ["/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", cwd, ...args];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(full[0], full.slice(1), { env: ENV, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.on("error", () => {}); // EPIPE when the program exits without reading stdin
    child.stdin.end(input ?? "");
  });
}

async function runOk(args, opts) {
  const r = await run(args, opts);
  if (r.code !== 0) throw new Error(`${args.join(" ")} failed (${r.code}):\n${r.stderr.slice(-2000)}`);
  return r;
}

/** Runs `jobs` (functions returning promises) with at most `n` at a time, results in order. */
async function pool(jobs, n = 4) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

const failures = [];
function assert(cond, msg) {
  if (!cond) failures.push(msg);
}
function assertEqualSets(a, b, what) {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = [...sa].filter((x) => !sb.has(x));
  const onlyB = [...sb].filter((x) => !sa.has(x));
  assert(!onlyA.length && !onlyB.length, `${what}: only in first [${onlyA.join(" ")}], only in second [${onlyB.join(" ")}]`);
}
/** Thrown (not process.exit) so that main's `finally` still removes its temporary directory. */
class ChecksFailed extends Error {}
function flushFailures(stage) {
  if (failures.length) {
    process.stderr.write(`generate-catalogue: ${failures.length} check(s) failed (${stage}):\n`);
    for (const f of failures.slice(0, 60)) process.stderr.write(`  - ${f}\n`);
    throw new ChecksFailed(stage);
  }
}
const log = (m) => process.stderr.write(`[${version}] ${m}\n`);

// ---------------------------------------------------------------------------------------
// 1. version and build configuration

const ffmpegArgs = (...a) => ["ffmpeg", "-hide_banner", "-nostdin", ...a];

async function versionInfo() {
  const { stdout } = await runOk(["ffmpeg", "-version"]);
  const m = /^ffmpeg version (\S+) /m.exec(stdout);
  const c = /^configuration: (.*)$/m.exec(stdout);
  if (!m || !c) throw new Error("cannot read `ffmpeg -version`");
  const libs = {};
  for (const l of stdout.matchAll(/^(lib\w+)\s+[\d. ]+\/\s*(\d+)\.\s*(\d+)\.\s*(\d+)\s*$/gm)) libs[l[1]] = `${Number(l[2])}.${Number(l[3])}.${Number(l[4])}`;
  const mm = /^(\d+)\.(\d+)/.exec(m[1]);
  return { ffmpegVersion: m[1], majorMinor: mm ? `${mm[1]}.${mm[2]}` : m[1], configuration: c[1], libs };
}

// ---------------------------------------------------------------------------------------
// 2. the C probe (scripts/catalogue/probe.c), compiled against the root's libraries

/** Compiles scripts/catalogue/SRC inside the root and runs it with `args` (stdin `input`). */
async function compileAndRun(src, pkgs, hint, args, input = null) {
  const hostDir = mkdtempSync(join(root ? join(root, "tmp") : "/tmp", "ffcat-"));
  const inRoot = root ? "/tmp/" + hostDir.split("/").pop() : hostDir;
  try {
    copyFileSync(join(catDir, src), join(hostDir, src));
    const r = await run(["/bin/sh", "-c", `cc -O1 -o prog ${src} $(pkg-config --cflags --libs ${pkgs})`], { cwd: inRoot });
    if (r.code !== 0) throw new Error(`cannot build scripts/catalogue/${src}: install ${hint}\n${r.stderr}`);
    return (await runOk(["./prog", ...args], { cwd: inRoot, input })).stdout;
  } finally {
    rmSync(hostDir, { recursive: true, force: true });
  }
}

/** Runs probe.c; stdin: the transcribed ff_img_tags extensions (candidates for image2). */
async function probe(image2Tags) {
  const out = await compileAndRun(
    "probe.c",
    "libavdevice libavfilter libavformat libavcodec libswscale libswresample libavutil",
    "gcc, pkg-config and libavcodec-dev libavformat-dev libavfilter-dev libavdevice-dev libswscale-dev libswresample-dev libavutil-dev",
    [],
    image2Tags.tags.map((t) => t[0]).join("\n") + "\n",
  );
  return JSON.parse(out);
}

/** Every listed key must be a name libx264/libx265 know; the normalisation rules must hold. */
async function checkEncoderParams(params) {
  for (const lib of ["x264", "x265"]) {
    const list = Object.keys(params.lists[lib]);
    const extra = [
      ["ffpolicy-no-such-key", "bad-name"],
      ["dump_yuv", lib === "x264" ? "ok" : "bad-name"],
      ["no-psnr", "ok"],
      ["nopsnr", "ok"],
      ["no_psnr", "ok"],
      ["CRF", "bad-name"],
      ...(lib === "x264"
        ? [
            ["qp_constant", "bad-name"],
            ["qp-constant", "bad-name"],
          ]
        : [
            ["--crf", "ok"],
            ["zonefile", "bad-name"],
            ["qpfile", "bad-name"],
            ["no-tskip-fast", "ok"],
          ]),
    ];
    const input = [...list, ...extra.map((e) => e[0])].join("\n") + "\n";
    const out = await compileAndRun("params-probe.c", "x264 x265", "gcc, pkg-config and libx264-dev libx265-dev", [lib], input);
    const res = new Map(
      out
        .trim()
        .split("\n")
        .map((l) => l.split("\t")),
    );
    for (const k of list) assert(res.get(k) === "ok" || res.get(k) === "bad-value", `${lib} does not know the key ${k} (${res.get(k)})`);
    for (const [k, want] of extra) assert(res.get(k) === want, `${lib} key ${k}: expected ${want}, got ${res.get(k)}`);
  }
}

// ---------------------------------------------------------------------------------------
// 3. listings printed by the binary (for the filter pads and for cross-checks)

function afterDashes(text) {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => /^\s*-{2,}\s*$/.test(l));
  return lines.slice(i + 1).filter((l) => l.trim());
}

async function listings() {
  const get = async (opt) => (await runOk(ffmpegArgs(opt))).stdout;
  const [codecs, encoders, decoders, filters, protocols, muxers, demuxers, devices] = await Promise.all(
    ["-codecs", "-encoders", "-decoders", "-filters", "-protocols", "-muxers", "-demuxers", "-devices"].map(get),
  );
  const res = {};
  // opt_init_hw_device("list") prints the types and exits during option parsing
  const hw = (await run(ffmpegArgs("-init_hw_device", "list"))).stdout;
  res.hwDeviceTypes = hw
    .replace(/^Supported hardware device types:\n/, "")
    .split("\n")
    .filter(Boolean);
  res.codecs = new Map();
  for (const l of afterDashes(codecs)) {
    const m = /^ (\S{6}) (\S+)/.exec(l);
    res.codecs.set(m[2], { decode: m[1][0] === "D", encode: m[1][1] === "E", kind: m[1][2] });
  }
  const coders = (t) => {
    const map = new Map();
    for (const l of afterDashes(t)) {
      const m = /^ (\S{6}) (\S+)/.exec(l);
      map.set(m[2], m[1][0]);
    }
    return map;
  };
  res.encoders = coders(encoders);
  res.decoders = coders(decoders);
  res.filters = new Map();
  for (const l of filters.split("\n")) {
    const m = /^ ([.T][.S][.C]) (\S+) +(\S+->\S+) /.exec(l);
    if (m) res.filters.set(m[2], m[3]);
  }
  const inp = /Input:\n([\s\S]*?)Output:\n([\s\S]*)$/.exec(protocols);
  res.protocols = {
    input: inp[1]
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
    output: inp[2]
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
  };
  const formats = (t) =>
    afterDashes(t).map((l) => {
      // 5.1: " DE name"; 7.x adds a third column ("d": a device): " DEd name"
      const m = /^ ([D ])([E ])([d ])? ?(\S+)/.exec(l);
      return { demux: m[1] === "D", mux: m[2] === "E", name: m[4] };
    });
  res.muxers = formats(muxers).map((f) => f.name);
  res.demuxers = formats(demuxers).map((f) => f.name);
  res.devices = formats(devices);
  return res;
}

// ---------------------------------------------------------------------------------------
// 4. the option table (transcribed), and what ffmpeg's -h / -loglevel debug say about it

function loadTable() {
  return JSON.parse(readFileSync(join(catDir, target.table), "utf8"));
}

/** Expands the 7.x composite flag macros of fftools/cmdutils.h. */
function expandFlags(flags) {
  const out = new Set(flags);
  const add = (k, parts) => {
    if (out.has(k)) for (const p of parts) out.add(p);
  };
  add("OPT_PERSTREAM", ["OPT_FLAG_PERSTREAM", "OPT_SPEC"]);
  add("OPT_SPEC", ["OPT_FLAG_SPEC", "OPT_OFFSET"]);
  add("OPT_OFFSET", ["OPT_FLAG_OFFSET", "OPT_PERFILE"]);
  return out;
}

const MEDIA = [
  ["OPT_VIDEO", "video"],
  ["OPT_AUDIO", "audio"],
  ["OPT_SUBTITLE", "subtitle"],
  ["OPT_DATA", "data"],
];

/** One transcribed row → FftoolsOption, by the rules of fftools/cmdutils.c of the version. */
function deriveOption(row) {
  const f = target.dialect === 71 ? expandFlags(row.flags) : new Set(row.flags);
  const has = (k) => f.has(k);
  let arg, bool, scope, spec, valueType, fromFile;
  if (target.dialect === 51) {
    // split_commandline: OPT_EXIT → optional argument; HAS_ARG → required; else "1".
    arg = has("OPT_EXIT") ? "exit" : has("HAS_ARG") ? "required" : "none";
    bool = has("OPT_BOOL");
    // add_opt: global iff !(flags & (OPT_PERFILE | OPT_SPEC | OPT_OFFSET))
    scope = has("OPT_PERFILE") || has("OPT_SPEC") || has("OPT_OFFSET") ? "perfile" : "global";
    spec = has("OPT_SPEC");
    // write_option's order of tests
    valueType = has("OPT_STRING")
      ? "string"
      : has("OPT_BOOL")
        ? "bool"
        : has("OPT_INT")
          ? "int"
          : has("OPT_INT64")
            ? "int64"
            : has("OPT_TIME")
              ? "time"
              : has("OPT_FLOAT")
                ? "float"
                : has("OPT_DOUBLE")
                  ? "double"
                  : "func";
    fromFile = false;
  } else {
    const type = row.type;
    // opt_has_arg(): BOOL → no; FUNC → OPT_FUNC_ARG; anything else → yes.
    const hasArg = type === "OPT_TYPE_BOOL" ? false : type === "OPT_TYPE_FUNC" ? has("OPT_FUNC_ARG") : true;
    arg = has("OPT_EXIT") ? "exit" : hasArg ? "required" : "none";
    bool = type === "OPT_TYPE_BOOL";
    // add_opt: global iff !(flags & OPT_PERFILE) (OPT_OFFSET/OPT_SPEC/OPT_PERSTREAM include it)
    scope = has("OPT_PERFILE") ? "perfile" : "global";
    // the specifier is kept (SpecifierOpt) iff OPT_FLAG_SPEC; OPT_PERSTREAM implies it
    spec = has("OPT_FLAG_SPEC");
    valueType = type.replace(/^OPT_TYPE_/, "").toLowerCase();
    // write_option: `-/NAME FILE` needs opt_has_arg(po)
    fromFile = hasArg;
  }
  let direction = "none";
  if (scope === "perfile") {
    const i = has("OPT_INPUT");
    const o = has("OPT_OUTPUT");
    direction = i && o ? "both" : i ? "input" : o ? "output" : "none";
    assert(direction !== "none", `per-file option ${row.name} has neither OPT_INPUT nor OPT_OUTPUT`);
  }
  const media = (MEDIA.find(([k]) => has(k)) ?? [null, null])[1];
  return {
    name: row.name,
    help: row.help ?? "",
    arg,
    bool,
    scope,
    direction,
    spec,
    media,
    expert: has("OPT_EXPERT"),
    valueType,
    alias: row.alias ?? null,
    fromFile,
  };
}

/** The text show_help_default() prints for `-h long` (its option sections only). */
function expectedHelp(rows) {
  const bits = (row) => (target.dialect === 71 ? expandFlags(row.flags) : new Set(row.flags));
  const line = (row) => {
    let buf = row.name;
    const f = bits(row);
    if (target.dialect === 71) {
      if (f.has("OPT_FLAG_PERSTREAM")) buf += "[:<stream_spec>]";
      else if (f.has("OPT_FLAG_SPEC")) buf += "[:<spec>]";
      if (row.argname !== null && row.argname !== undefined) buf += ` <${row.argname}>`;
    } else if (row.argname !== null && row.argname !== undefined) buf += " " + row.argname;
    buf = buf.slice(0, 127);
    return `-${buf.padEnd(17)}  ${row.help ?? "(null)"}`;
  };
  const sections = [];
  const section = (title, req, rej, alt = []) => {
    const sel = rows.filter((r) => {
      const f = bits(r);
      return req.every((k) => f.has(k)) && !rej.some((k) => f.has(k)) && (!alt.length || alt.some((k) => f.has(k)));
    });
    if (sel.length) sections.push([title, ...sel.map(line)].join("\n"));
  };
  const E = "OPT_EXPERT",
    X = "OPT_EXIT",
    V = "OPT_VIDEO",
    A = "OPT_AUDIO",
    S = "OPT_SUBTITLE",
    D = "OPT_DATA";
  if (target.dialect === 51) {
    const perFile = ["OPT_SPEC", "OPT_OFFSET", "OPT_PERFILE"];
    section("Print help / information / capabilities:", [X], []);
    section("Global options (affect whole program instead of just one file):", [], [...perFile, X, E]);
    section("Advanced global options:", [E], [...perFile, X]);
    section("Per-file main options:", [], [E, A, V, S, X], perFile);
    section("Advanced per-file options:", [E], [A, V, S], perFile);
    section("Video options:", [V], [E, A]);
    section("Advanced Video options:", [E, V], [A]);
    section("Audio options:", [A], [E, V]);
    section("Advanced Audio options:", [E, A], [V]);
    section("Subtitle options:", [S], []);
  } else {
    const P = "OPT_PERFILE",
      I = "OPT_INPUT",
      O = "OPT_OUTPUT",
      PS = "OPT_FLAG_PERSTREAM";
    section("Print help / information / capabilities:", [X], [E]);
    section("Advanced information / capabilities:", [X, E], []);
    section("Global options (affect whole program instead of just one file):", [], [P, X, E]);
    section("Advanced global options:", [E], [P, X]);
    section("Per-file options (input and output):", [P, I, O], [X, PS, E, V, A, S, D]);
    section("Advanced per-file options (input and output):", [P, I, O, E], [X, PS, V, A, S, D]);
    section("Per-file options (input-only):", [P, I], [X, PS, O, E, V, A, S, D]);
    section("Advanced per-file options (input-only):", [P, I, E], [X, PS, O, V, A, S, D]);
    section("Per-file options (output-only):", [P, O], [X, PS, I, E, V, A, S, D]);
    section("Advanced per-file options (output-only):", [P, O, E], [X, PS, I, V, A, S, D]);
    section("Per-stream options:", [PS], [X, E, V, A, S, D]);
    section("Advanced per-stream options:", [PS, E], [X, V, A, S, D]);
    section("Video options:", [V], [E, A, S, D]);
    section("Advanced Video options:", [E, V], [A, S, D]);
    section("Audio options:", [A], [E, V, S, D]);
    section("Advanced Audio options:", [E, A], [V, S, D]);
    section("Subtitle options:", [S], [E, V, A, D]);
    section("Advanced Subtitle options:", [E, S], [V, A, D]);
    section("Data stream options:", [D], [V, A, S]);
  }
  return sections;
}

async function checkTableAgainstBinary(rows, tmp) {
  // (a) `ffmpeg -h long` lists exactly the table's options, section by section, in order.
  const { stdout } = await runOk(ffmpegArgs("-h", "long"), { cwd: tmp });
  const want = expectedHelp(rows);
  const start = stdout.indexOf("Print help / information / capabilities:");
  const got = stdout
    .slice(start)
    .trim()
    .split(/\n\n+/)
    .map((s) => s.replace(/\s+$/gm, ""));
  const wantTrim = want.map((s) => s.replace(/\s+$/gm, ""));
  assert(got.length === wantTrim.length, `-h long has ${got.length} option sections, the table predicts ${wantTrim.length}`);
  for (let i = 0; i < Math.max(got.length, wantTrim.length); i++) {
    if (got[i] !== wantTrim[i]) {
      const g = (got[i] ?? "").split("\n");
      const w = (wantTrim[i] ?? "").split("\n");
      const j = g.findIndex((l, k) => l !== w[k]);
      assert(false, `-h long section ${i + 1} differs at line ${j + 1}: binary "${g[j] ?? g[g.length]}" / table "${w[j] ?? ""}"`);
    }
  }

  // (b) split_commandline matches every table name as that option, with the arity we derived.
  const args = ["-loglevel", "debug"];
  const expect = [];
  for (const row of rows) {
    const o = deriveOption(row);
    const value = o.arg === "none" ? "1" : row.name === "loglevel" || row.name === "v" ? "debug" : "x";
    args.push("-" + row.name);
    if (o.arg !== "none") args.push(value);
    expect.push(`Reading option '-${row.name}' ... matched as option '${row.name}' (${row.help ?? "(null)"}) with argument '${value}'.`);
    if (o.bool) {
      args.push("-no" + row.name);
      expect.push(`Reading option '-no${row.name}' ... matched as option '${row.name}' (${row.help ?? "(null)"}) with argument 0.`);
    }
  }
  // 7.x: `-/NAME` is found like NAME (find_option skips the '/'), with the same arity
  if (target.dialect === 71)
    for (const row of rows.filter((r) => deriveOption(r).fromFile)) {
      args.push("-/" + row.name, "x");
      expect.push(`Reading option '-/${row.name}' ... matched as option '${row.name}' (${row.help ?? "(null)"}) with argument 'x'.`);
    }
  // the named group separators (match_group_separator runs before the table)
  const groupName = { input: "input url", decoder: "loopback decoder" };
  for (const [sep, kind] of Object.entries(loadTable().separators)) {
    args.push("-" + sep, "x");
    expect.push(`Reading option '-${sep}' ... matched as ${groupName[kind]} with argument 'x'.`);
  }
  const r = await run(["ffmpeg", ...args], { cwd: tmp });
  // the first -loglevel debug is ours; the table's own -loglevel entry comes later
  const lines = splitLog(r.stderr);
  lines.shift();
  assert(lines.length >= expect.length, `split of the table: ffmpeg read ${lines.length} tokens, expected ${expect.length}`);
  for (let i = 0; i < expect.length; i++)
    if (lines[i] !== expect[i]) {
      assert(false, `split of table option #${i}: expected «${expect[i]}», ffmpeg said «${lines[i]}»`);
      break;
    }
}

// ---------------------------------------------------------------------------------------
// 5. AVOptions: the probe's list, checked against `-h full` and against the split itself

async function checkAvOptions(p, tableNames, tableArity, tmp) {
  const accepted = p.avOptions.filter((o) => o.name);
  const names = new Set(accepted.map((o) => o.name));
  const refused = p.avOptions.filter((o) => o.refused).map((o) => o.refused);
  const rejected = p.avOptions.filter((o) => o.rejected).map((o) => o.rejected);

  // (a) `-h full` up to the filter classes prints the codec, format, sws and swr classes.
  const { stdout } = await runOk(ffmpegArgs("-h", "full"), { cwd: tmp });
  const cut = stdout.indexOf("\nAVFilter AVOptions:");
  assert(cut > 0, "-h full: no 'AVFilter AVOptions:' section");
  const shown = new Set();
  for (const m of stdout.slice(0, cut).matchAll(/^  -(\S+) +\[?<[^>]+>/gm)) shown.add(m[1]);
  const notAccepted = [...shown].filter((n) => !names.has(n) && !refused.includes(n));
  assert(!notAccepted.length, `-h full shows AVOptions opt_default would not accept: ${notAccepted.join(" ")}`);
  const hidden = accepted.filter((o) => !shown.has(o.name) && (/[ED]/.test(o.flags.slice(0, 2)) || o.layers.includes("swr")));
  assert(!hidden.length, `AVOptions with E/D flags missing from -h full: ${hidden.map((o) => o.name).join(" ")}`);

  // (b) one command line holding every accepted name: each must be "matched as AVOption",
  //     except the names ffmpeg's own table takes first.
  const args = ["-loglevel", "debug"];
  const expect = [];
  // find_option: the table name, alone or followed by ':'
  const tableName = (tok) => tok.split(":")[0];
  const tableMatch = (tok) => tableNames.has(tableName(tok));
  const pushTok = (tok) => {
    // a name in ffmpeg's own table is taken by the table, with the table's arity
    args.push("-" + tok);
    if (!tableMatch(tok) || tableArity.get(tableName(tok)) !== "none") args.push("1");
    expect.push(
      tableMatch(tok)
        ? new RegExp(`^Reading option '-${esc(tok)}' \\.\\.\\. matched as option '${esc(tableName(tok))}' `)
        : new RegExp(`^Reading option '-${esc(tok)}' \\.\\.\\. matched as AVOption '${esc(tok)}' with argument '1'\\.$`),
    );
  };
  for (const o of accepted) pushTok(o.name);
  // the -vNAME / -aNAME / -sNAME rule of opt_default (AVCodecContext options only)
  for (const n of p.codecContext) for (const pre of ["v", "a", "s"]) pushTok(pre + n);
  // a specifier is stripped for the codec layer only
  for (const o of accepted.filter((o) => o.layers.includes("codec")).slice(0, 40)) pushTok(o.name + ":v");
  const r = await run(["ffmpeg", ...args], { cwd: tmp });
  const lines = splitLog(r.stderr);
  lines.shift();
  assert(lines.length >= expect.length, `AVOption split: ffmpeg read ${lines.length} tokens, expected ${expect.length}`);
  for (let i = 0; i < expect.length; i++)
    if (!expect[i].test(lines[i] ?? "")) {
      assert(false, `AVOption split #${i}: expected ${expect[i]}, ffmpeg said «${lines[i]}»`);
      break;
    }

  // (c) negative cases, one command each: names ffmpeg must refuse.
  const ccNames = new Set(p.codecContext);
  const codecOnlyPrivate = accepted.find(
    (o) => o.layers.length === 1 && o.layers[0] === "codec" && !ccNames.has(o.name) && !o.classes.includes("AVCodecContext"),
  );
  const formatOnly = accepted.filter((o) => o.layers.length === 1 && o.layers[0] === "format").slice(0, 5);
  const unknown = [
    ...rejected.filter((n) => !tableNames.has(n)).map((n) => [n, "Unrecognized option"]),
    ...refused.map((n) => [n, "Directly using swscale dimensions/format options is not supported"]),
    ...(codecOnlyPrivate ? [["v" + codecOnlyPrivate.name, "Unrecognized option"]] : []),
    ...formatOnly.map((o) => [o.name + ":v", "Unrecognized option"]),
    ...formatOnly.map((o) => ["no" + o.name, "Unrecognized option"]),
    ["/" + accepted[0].name, "Unrecognized option"],
    ["ffpolicy_no_such_option", "Unrecognized option"],
  ];
  const filterOnly = [...new Set(p.filters.flatMap((f) => Object.keys(f.options)))]
    .filter((n) => !names.has(n) && !tableNames.has(n) && !refused.includes(n) && !rejected.includes(n))
    .sort()
    .slice(0, 10);
  for (const n of filterOnly) unknown.push([n, "Unrecognized option"]);
  const results = await pool(
    unknown.map(
      ([n]) =>
        () =>
          run(["ffmpeg", "-hide_banner", "-" + n, "1", "-f", "null", "-"], { cwd: tmp }),
    ),
    4,
  );
  unknown.forEach(([n, msg], i) => {
    assert(results[i].code !== 0 && results[i].stderr.includes(msg), `-${n} 1: expected "${msg}", got: ${results[i].stderr.trim().split("\n").pop()}`);
  });
  return { negatives: unknown.length };
}

/** The "Reading option" lines of a -loglevel debug run, with opt_default's verbose aside removed. */
function splitLog(stderr) {
  return stderr
    .replace(/Routing option \S+ to both codec and muxer layer\n/g, "")
    .split("\n")
    .filter((l) => l.startsWith("Reading option '"));
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ---------------------------------------------------------------------------------------
// 6. filters and muxers: the probe's facts against `-h filter=NAME` / `-h muxer=NAME`

const HELP_TYPE = {
  boolean: "bool",
  dictionary: "dict",
  pix_fmt: "pixel_fmt",
  unsigned: "uint",
};

async function checkFilterHelp(p, tmp) {
  const jobs = p.filters.map((f) => async () => {
    const { stdout } = await run(ffmpegArgs("-h", "filter=" + f.name), { cwd: tmp });
    const opts = {};
    for (const m of stdout.matchAll(/^  [ -](\S+) +\[?<([^>]+)>/gm)) if (!(m[1] in opts)) opts[m[1]] = m[2];
    return opts;
  });
  const helps = await pool(jobs, 4);
  p.filters.forEach((f, i) => {
    const h = helps[i];
    assertEqualSets(Object.keys(f.options), Object.keys(h), `filter ${f.name} options vs -h filter=${f.name}`);
    // -h prints them in av_opt_next order too (libavutil/opt.c opt_list)
    assert(
      Object.keys(f.options).join() === Object.keys(h).join(),
      `filter ${f.name} option order ${Object.keys(f.options)} vs -h filter=${f.name} ${Object.keys(h)}`,
    );
    for (const [k, t] of Object.entries(h)) {
      const mine = f.options[k];
      if (!mine) continue;
      const helpType = HELP_TYPE[t] ?? t;
      const base = mine.replace(/\[\]$/, "");
      const ok = base === helpType || (helpType === "channel_layout" && base === "chlayout");
      assert(ok, `filter ${f.name} option ${k}: probe type ${mine}, -h says <${t}>`);
    }
  });
}

async function checkMuxerHelp(muxers, tmp) {
  const names = Object.keys(muxers);
  const jobs = names.map((n) => async () => (await run(ffmpegArgs("-h", "muxer=" + n), { cwd: tmp })).stdout);
  const helps = await pool(jobs, 4);
  names.forEach((n, i) => {
    const h = helps[i];
    const get = (what) => (new RegExp(`Default ${what} codec: (\\S+)\\.`).exec(h) ?? [null, null])[1];
    const ext = (/^ {4}Common extensions: (.*)\.$/m.exec(h) ?? [null, ""])[1];
    const m = muxers[n];
    assert(m.defaultVideo === get("video"), `muxer ${n}: default video ${m.defaultVideo} vs -h: ${get("video")}`);
    assert(m.defaultAudio === get("audio"), `muxer ${n}: default audio ${m.defaultAudio} vs -h: ${get("audio")}`);
    assert(m.defaultSubtitle === get("subtitle"), `muxer ${n}: default subtitle ${m.defaultSubtitle} vs -h: ${get("subtitle")}`);
    assert(m.extensions.join(",") === ext, `muxer ${n}: extensions ${m.extensions} vs -h: ${ext}`);
  });
}

/**
 * The shorthand as the binary applies it: `NAME=0:0:…` with one value more than the probe's
 * shorthand list, parsed by `-filter_complex` with `-loglevel debug`. process_options (5.1)
 * / ff_filter_opt_parse (7.1) log "Setting 'KEY' to value '0'" for each positional value
 * before anything checks the value, then refuse the extra one ("No option name near '0…'";
 * 5.1 without a private class: "This filter does not take any options").
 */
async function checkShorthand(p, tmp) {
  const jobs = p.filters.map((f) => async () => {
    const args = Array(f.shorthand.length + 1)
      .fill("0")
      .join(":");
    const r = await run(ffmpegArgs("-loglevel", "debug", "-filter_complex", `${f.name}=${args}`, "-f", "null", "-"), { cwd: tmp });
    const set = [...r.stderr.matchAll(/Setting '([^']*)' to value '0'$/gm)].map((m) => m[1]);
    const refused = /No option name near '0|This filter does not take any options/.test(r.stderr);
    return { set, refused };
  });
  const res = await pool(jobs, 4);
  p.filters.forEach((f, i) => {
    const { set, refused } = res[i];
    assert(JSON.stringify(set) === JSON.stringify(f.shorthand), `filter ${f.name}: shorthand ${f.shorthand.join(":")} but ffmpeg set ${set.join(":")}`);
    assert(refused, `filter ${f.name}: ffmpeg took ${f.shorthand.length + 1} positional values`);
  });
}

/**
 * av_guess_format by extension, as ffmpeg applies it to an output name without `-f`: one
 * frame of testsrc to out.EXT (or a %03d pattern) in an empty directory; `Output #0, NAME`
 * (printed by av_dump_format) names the muxer. The extensions are the ones several muxers
 * claim plus common ones.
 */
const EXTENSION_SAMPLES = [
  "mp4",
  "mkv",
  "mka",
  "ts",
  "m3u8",
  "flv",
  "jpg",
  "png",
  "avi",
  "mov",
  "webm",
  "nut",
  "gif",
  "mpg",
  "mpeg",
  "vob",
  "m4v",
  "wmv",
  "asf",
  "mjpg",
  "mxf",
  "avif",
  "ogg",
  "wav",
  "mp3",
];
const PATTERN_SAMPLES = ["jpg", "webp", "mng", "avif"];

async function checkExtensionSamples(cat, tmp) {
  const cases = [
    ...EXTENSION_SAMPLES.map((e) => [`out.${e}`, cat.formatByExtension[e]]),
    // av_guess_format's image-sequence shortcut: a %d pattern goes to image2 when
    // ff_guess_image2_codec knows the extension, else to the plain extension match
    ...PATTERN_SAMPLES.map((e) => [`out%03d.${e}`, e in cat.image2CodecByExtension ? "image2" : cat.formatByExtension[e]]),
  ];
  const jobs = cases.map(([name]) => async () => {
    const dir = `${tmp}/ext-${cases.findIndex((c) => c[0] === name)}`;
    await runOk(["mkdir", "-p", dir]);
    const r = await run(ffmpegArgs("-f", "lavfi", "-i", "testsrc=d=0.04", "-frames:v", "1", "-y", name), { cwd: dir });
    return (/^Output #0, ([^,]+), to /m.exec(r.stderr) ?? [null, null])[1];
  });
  const got = await pool(jobs, 4);
  cases.forEach(([name, want], i) => assert(want && got[i] === want, `ffmpeg ... ${name}: the binary chose muxer ${got[i]}, the catalogue says ${want}`));
  return cases.length;
}

/**
 * URL_PROTOCOL_FLAG_NESTED_SCHEME as the binary applies it (url_find_protocol): `P+file:…`
 * finds protocol P only when P has the flag; for any other P it is "Protocol not found".
 */
async function checkNestedSchemes(cat, tmp) {
  const names = [...new Set([...cat.protocols.input, ...cat.protocols.output])].sort();
  const jobs = names.map((n) => () => run(ffmpegArgs("-i", `${n}+file:/nonexistent/ffpolicy`), { cwd: tmp }));
  const res = await pool(jobs, 4);
  names.forEach((n, i) => {
    const notFound = res[i].stderr.includes("Protocol not found");
    assert(
      notFound !== cat.nestedSchemeProtocols.includes(n),
      `-i ${n}+file:…: ${notFound ? "Protocol not found" : "found"}, but nestedSchemeProtocols ${cat.nestedSchemeProtocols.includes(n) ? "lists" : "does not list"} ${n}`,
    );
  });
}

// ---------------------------------------------------------------------------------------
// 7. assembling the catalogue

function splitList(s) {
  return s ? s.split(",").filter(Boolean) : [];
}

function buildCatalogue(vi, p, lists, table, params, protocolFlags) {
  const cat = {};
  cat.id = target.id;
  cat.ffmpegVersion = vi.ffmpegVersion;
  cat.majorMinor = vi.majorMinor;
  cat.configuration = vi.configuration;
  cat.configurationSha256 = createHash("sha256").update(vi.configuration, "utf8").digest("hex");
  cat.separators = table.separators;
  cat.options = table.options.map(deriveOption);

  cat.avOptions = {};
  for (const o of p.avOptions) {
    if (!o.name) continue;
    cat.avOptions[o.name] = {
      layers: o.layers,
      classes: [...new Set(o.classes)].sort(),
      type: o.type,
      flags: o.flags,
    };
  }

  cat.codecs = {};
  for (const c of p.codecs) {
    if (c.name.includes("_deprecated")) continue; // as `ffmpeg -codecs` skips them
    assert(c.type !== "unknown", `codec ${c.name} has an unknown media type`);
    // avcodec_find_encoder: the first registered non-experimental encoder, else the
    // first experimental one (so native vorbis/opus lose to libvorbis/libopus)
    assert(
      c.defaultEncoder === null ? c.encoders.length === 0 : c.encoders.includes(c.defaultEncoder),
      `codec ${c.name}: default encoder ${c.defaultEncoder} not among ${c.encoders}`,
    );
    cat.codecs[c.name] = {
      type: c.type,
      decode: c.decoders.length > 0,
      encode: c.encoders.length > 0,
      defaultEncoder: c.defaultEncoder,
      encoders: c.encoders,
      decoders: c.decoders,
    };
  }
  cat.encoders = {};
  for (const e of p.encoders) cat.encoders[e.name] = { codec: e.codec, type: e.type, privateClass: e.privateClass };
  cat.decoders = {};
  for (const d of p.decoders) cat.decoders[d.name] = { codec: d.codec, type: d.type };

  // options in av_opt_next order (the probe's; serialize() keeps it); a name that is an
  // array index would be reordered by any JSON reader, so there must be none
  cat.filters = {};
  for (const f of p.filters) {
    const options = {};
    for (const [k, t] of Object.entries(f.options)) {
      assert(!/^(0|[1-9]\d*)$/.test(k), `filter ${f.name}: option name ${k} cannot keep its place in a JSON object`);
      options[k] = { type: t };
    }
    cat.filters[f.name] = { io: lists.filters.get(f.name), options, shorthand: f.shorthand };
  }

  cat.protocols = { input: [...p.protocolsIn].sort(), output: [...p.protocolsOut].sort() };

  // A (de)muxer name may list several names ("mov,mp4,m4a,…"): each is a key; the first
  // registered (de)muxer wins a name, as av_find_input_format / av_guess_format do.
  cat.muxers = {};
  for (const m of p.muxers)
    for (const n of splitList(m.name))
      if (!(n in cat.muxers))
        cat.muxers[n] = {
          extensions: splitList(m.extensions),
          defaultVideo: m.video,
          defaultAudio: m.audio,
          defaultSubtitle: m.subtitle,
          device: m.device,
          nofile: m.nofile,
          attachedPicturesOnly: m.attachedPicturesOnly,
        };
  cat.demuxers = {};
  for (const d of p.demuxers)
    for (const n of splitList(d.name)) if (!(n in cat.demuxers)) cat.demuxers[n] = { extensions: splitList(d.extensions), device: d.device, nofile: d.nofile };

  // av_guess_format(NULL, "x.EXT", NULL) per lowercase muxer extension (the probe's calls)
  cat.formatByExtension = {};
  for (const e of p.formatByExtension) {
    assert(e.muxer !== null && e.muxer in cat.muxers, `extension ${e.ext}: av_guess_format gave ${e.muxer}`);
    cat.formatByExtension[e.ext] = e.muxer;
  }
  // ff_guess_image2_codec: every extension it knows (img2.c's table, asked of the library);
  // an image2-muxer extension it does not know (5.1/7.1: avif) is left out: image2 then
  // falls back to its default video codec and a %d pattern does not select image2
  cat.image2CodecByExtension = {};
  for (const e of p.image2Extensions) if (e.known) cat.image2CodecByExtension[e.ext] = e.own;

  // the private URLProtocol flags, transcribed (scripts/catalogue/protocol-flags-*.json)
  const withFlag = (f) =>
    Object.keys(protocolFlags.protocols)
      .filter((n) => protocolFlags.protocols[n].flags.includes(f))
      .sort();
  cat.nestedSchemeProtocols = withFlag("URL_PROTOCOL_FLAG_NESTED_SCHEME");
  cat.networkProtocols = withFlag("URL_PROTOCOL_FLAG_NETWORK");

  cat.hwDeviceTypes = p.hwDeviceTypes;

  cat.encoderParams = {};
  for (const [opt, list] of Object.entries(params.params)) cat.encoderParams[opt] = params.lists[list];
  return cat;
}

function crossCheck(vi, p, lists) {
  // library versions: the probe ran on the same libraries as the binary
  for (const [lib, v] of Object.entries(p.libs)) assert(vi.libs[lib] === v, `${lib}: ffmpeg -version says ${vi.libs[lib]}, the probe linked ${v}`);
  assert(p.versionInfo === vi.ffmpegVersion, `av_version_info ${p.versionInfo} vs ffmpeg -version ${vi.ffmpegVersion}`);
  // codecs, encoders, decoders
  const codecs = p.codecs.filter((c) => !c.name.includes("_deprecated"));
  assertEqualSets(
    codecs.map((c) => c.name),
    [...lists.codecs.keys()],
    "codecs vs -codecs",
  );
  const kind = { video: "V", audio: "A", subtitle: "S", data: "D", attachment: "T" };
  for (const c of codecs) {
    const l = lists.codecs.get(c.name);
    if (!l) continue;
    assert(l.decode === c.decoders.length > 0 && l.encode === c.encoders.length > 0 && l.kind === kind[c.type], `codec ${c.name}: -codecs flags differ`);
  }
  const ch = { video: "V", audio: "A", subtitle: "S" };
  assertEqualSets(
    p.encoders.map((e) => e.name),
    [...lists.encoders.keys()],
    "encoders vs -encoders",
  );
  assertEqualSets(
    p.decoders.map((e) => e.name),
    [...lists.decoders.keys()],
    "decoders vs -decoders",
  );
  for (const e of p.encoders) assert(lists.encoders.get(e.name) === (ch[e.type] ?? "?"), `encoder ${e.name}: type`);
  for (const e of p.decoders) assert(lists.decoders.get(e.name) === (ch[e.type] ?? "?"), `decoder ${e.name}: type`);
  assert(
    JSON.stringify(p.hwDeviceTypes) === JSON.stringify(lists.hwDeviceTypes),
    `hardware device types ${p.hwDeviceTypes} vs -init_hw_device list ${lists.hwDeviceTypes}`,
  );
  // filters
  assertEqualSets(
    p.filters.map((f) => f.name),
    [...lists.filters.keys()],
    "filters vs -filters",
  );
  // protocols
  assertEqualSets(p.protocolsIn, lists.protocols.input, "input protocols vs -protocols");
  assertEqualSets(p.protocolsOut, lists.protocols.output, "output protocols vs -protocols");
  // formats and devices
  assertEqualSets(
    p.muxers.map((m) => m.name),
    lists.muxers,
    "muxers vs -muxers",
  );
  assertEqualSets(
    p.demuxers.map((m) => m.name),
    lists.demuxers,
    "demuxers vs -demuxers",
  );
  assertEqualSets(
    [...p.muxers.filter((m) => m.device).map((m) => "E " + m.name), ...p.demuxers.filter((m) => m.device).map((m) => "D " + m.name)],
    lists.devices.flatMap((d) => [...(d.mux ? ["E " + d.name] : []), ...(d.demux ? ["D " + d.name] : [])]),
    "device flags vs -devices",
  );
}

/** The two transcriptions of private tables, against what the binary and the library say. */
function checkTranscriptions(p, lists, protocolFlags, image2Tags) {
  // protocol-flags-*.json: exactly the protocols `ffmpeg -protocols` lists, each the
  // definition the build has (its private class's name as avio_protocol_get_class says)
  const listed = [...new Set([...lists.protocols.input, ...lists.protocols.output])];
  assertEqualSets(Object.keys(protocolFlags.protocols), listed, `${target.protocolFlags} vs -protocols`);
  for (const [n, row] of Object.entries(protocolFlags.protocols)) {
    assert(
      n in p.protocolClasses && p.protocolClasses[n] === row.className,
      `protocol ${n}: ${target.protocolFlags} says class ${row.className} (${row.file}), avio_protocol_get_class says ${p.protocolClasses[n]}`,
    );
    for (const f of row.flags) assert(["URL_PROTOCOL_FLAG_NETWORK", "URL_PROTOCOL_FLAG_NESTED_SCHEME"].includes(f), `protocol ${n}: unknown flag ${f}`);
  }
  // image2-tags-*.json: the library maps each listed extension to the listed codec, and
  // knows no (de)muxer extension the transcription lacks
  const lib = new Map(p.image2Extensions.map((e) => [e.ext, e]));
  const tags = new Map(image2Tags.tags);
  for (const [ext, codec] of image2Tags.tags)
    assert(lib.get(ext)?.own === codec, `${target.image2Tags}: ${ext} → ${codec}, ff_guess_image2_codec says ${lib.get(ext)?.own}`);
  const image2Default = p.muxers.find((m) => m.name === "image2")?.video;
  for (const e of p.image2Extensions) {
    if (e.known) {
      assert(tags.has(e.ext), `ff_guess_image2_codec knows ${e.ext} (→ ${e.own}), ${target.image2Tags} does not list it`);
      assert(e.codec === e.own && e.patternMuxer === "image2", `image2 extension ${e.ext}: av_guess_codec ${e.codec}, x%03d.${e.ext} → ${e.patternMuxer}`);
    } else {
      assert(
        e.codec === image2Default && e.patternMuxer !== "image2",
        `unknown image2 extension ${e.ext}: av_guess_codec ${e.codec}, x%03d.${e.ext} → ${e.patternMuxer}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// 8. deterministic output: sorted keys (but a filter's options keep declaration order),
//    one record per line

/** Where key order is data: `filters.NAME.options` (av_opt_next order). */
const keepOrder = (path) => path.length === 3 && path[0] === "filters" && path[2] === "options";

function sortKeys(v, path = []) {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, [...path, "[]"]));
  if (v && typeof v === "object") {
    const o = {};
    const keys = keepOrder(path) ? Object.keys(v) : Object.keys(v).sort();
    for (const k of keys) o[k] = sortKeys(v[k], [...path, k]);
    return o;
  }
  return v;
}

/** `depth` levels of containers are expanded one entry per line; below that, one-line JSON. */
function emit(v, depth, indent = "") {
  if (depth <= 0 || v === null || typeof v !== "object") return JSON.stringify(v);
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    if (!v.length) return "[]";
    return "[\n" + v.map((x) => inner + emit(x, depth - 1, inner)).join(",\n") + "\n" + indent + "]";
  }
  const keys = Object.keys(v);
  if (!keys.length) return "{}";
  return "{\n" + keys.map((k) => `${inner}${JSON.stringify(k)}: ${emit(v[k], depth - 1, inner)}`).join(",\n") + "\n" + indent + "}";
}

const DEPTH = {
  hwDeviceTypes: 0,
  nestedSchemeProtocols: 0,
  networkProtocols: 0,
  avOptions: 1,
  codecs: 1,
  decoders: 1,
  encoders: 1,
  filters: 1,
  muxers: 1,
  demuxers: 1,
  options: 1,
  protocols: 1,
  formatByExtension: 1,
  image2CodecByExtension: 1,
  encoderParams: 2,
};

function serialize(cat) {
  const s = sortKeys(cat);
  const keys = Object.keys(s);
  return "{\n" + keys.map((k) => `  ${JSON.stringify(k)}: ${emit(s[k], DEPTH[k] ?? 0, "  ")}`).join(",\n") + "\n}\n";
}

// ---------------------------------------------------------------------------------------
// 9. sanity checks on the written file

/** The file is exactly a `Catalogue` (src/ffmpeg/catalogue/types.ts): keys and value domains. */
function validateShape(c) {
  const bad = (path, why) => assert(false, `shape: ${path} ${why}`);
  const isStr = (v) => typeof v === "string";
  const isBool = (v) => typeof v === "boolean";
  const strArr = (v) => Array.isArray(v) && v.every(isStr);
  const MEDIA = ["video", "audio", "subtitle", "data", "attachment"];
  const keys = (o, want, path) => {
    const got = Object.keys(o ?? {})
      .sort()
      .join();
    if (!o || typeof o !== "object" || Array.isArray(o) || got !== [...want].sort().join()) bad(path, `has keys [${got}], want [${want}]`);
  };
  const record = (o, path, each) => {
    if (!o || typeof o !== "object" || Array.isArray(o)) return bad(path, "is not a record");
    for (const [k, v] of Object.entries(o)) each(v, `${path}.${k}`);
  };
  keys(
    c,
    [
      "id",
      "ffmpegVersion",
      "majorMinor",
      "configuration",
      "configurationSha256",
      "separators",
      "options",
      "avOptions",
      "codecs",
      "encoders",
      "decoders",
      "filters",
      "protocols",
      "muxers",
      "demuxers",
      "formatByExtension",
      "image2CodecByExtension",
      "nestedSchemeProtocols",
      "networkProtocols",
      "hwDeviceTypes",
      "encoderParams",
    ],
    "catalogue",
  );
  for (const k of ["hwDeviceTypes", "nestedSchemeProtocols", "networkProtocols"]) if (!strArr(c[k])) bad(k, "is not a list of strings");
  for (const k of ["id", "ffmpegVersion", "majorMinor", "configuration"]) if (!isStr(c[k])) bad(k, "is not a string");
  if (!/^[0-9a-f]{64}$/.test(c.configurationSha256)) bad("configurationSha256", "is not hex SHA-256");
  record(c.separators, "separators", (v, p) => ["input", "decoder"].includes(v) || bad(p, v));
  if (!Array.isArray(c.options)) bad("options", "is not an array");
  const OPT = ["name", "help", "arg", "bool", "scope", "direction", "spec", "media", "expert", "valueType", "alias", "fromFile"];
  (c.options ?? []).forEach((o, i) => {
    const p = `options[${i}]`;
    keys(o, OPT, p);
    if (!isStr(o.name) || !isStr(o.help)) bad(p, "name/help");
    if (!["none", "required", "exit"].includes(o.arg)) bad(p, "arg");
    if (!["global", "perfile"].includes(o.scope)) bad(p, "scope");
    if (!["input", "output", "both", "none"].includes(o.direction)) bad(p, "direction");
    if (!(o.media === null || MEDIA.includes(o.media))) bad(p, "media");
    if (!["string", "int", "int64", "float", "double", "time", "bool", "func"].includes(o.valueType)) bad(p, "valueType");
    for (const k of ["bool", "spec", "expert", "fromFile"]) if (!isBool(o[k])) bad(p, k);
    if (o.alias !== null) {
      keys(o.alias, ["name", "specifier"], p + ".alias");
      if (!isStr(o.alias.name) || !(o.alias.specifier === null || isStr(o.alias.specifier))) bad(p, "alias");
    }
  });
  record(c.avOptions, "avOptions", (v, p) => {
    keys(v, ["layers", "classes", "type", "flags"], p);
    if (!Array.isArray(v.layers) || !v.layers.length || !v.layers.every((l) => ["codec", "format", "sws", "swr"].includes(l))) bad(p, "layers");
    if (!strArr(v.classes) || !v.classes.length || !isStr(v.type) || !/^[E.][D.][F.][V.][A.][S.]$/.test(v.flags)) bad(p, "classes/type/flags");
  });
  record(c.codecs, "codecs", (v, p) => {
    keys(v, ["type", "decode", "encode", "defaultEncoder", "encoders", "decoders"], p);
    if (!MEDIA.includes(v.type) || !isBool(v.decode) || !isBool(v.encode) || !strArr(v.encoders) || !strArr(v.decoders)) bad(p, "values");
    if (!(v.defaultEncoder === null || (isStr(v.defaultEncoder) && c.encoders?.[v.defaultEncoder]))) bad(p, "defaultEncoder");
  });
  for (const k of ["encoders", "decoders"])
    record(c[k], k, (v, p) => {
      keys(v, k === "encoders" ? ["codec", "type", "privateClass"] : ["codec", "type"], p);
      if (!isStr(v.codec) || !MEDIA.includes(v.type)) bad(p, "values");
      if (k === "encoders" && !(v.privateClass === null || isStr(v.privateClass))) bad(p, "privateClass");
    });
  record(c.filters, "filters", (v, p) => {
    keys(v, ["io", "options", "shorthand"], p);
    if (!isStr(v.io) || !/->/.test(v.io)) bad(p, "io");
    if (!strArr(v.shorthand)) bad(p, "shorthand");
    record(v.options, p + ".options", (o, q) => {
      keys(o, ["type"], q);
      if (!isStr(o.type)) bad(q, "type");
    });
  });
  keys(c.protocols, ["input", "output"], "protocols");
  if (!strArr(c.protocols?.input) || !strArr(c.protocols?.output)) bad("protocols", "lists");
  record(c.muxers, "muxers", (v, p) => {
    keys(v, ["extensions", "defaultVideo", "defaultAudio", "defaultSubtitle", "device", "nofile", "attachedPicturesOnly"], p);
    if (!strArr(v.extensions) || !isBool(v.device) || !isBool(v.nofile) || !isBool(v.attachedPicturesOnly)) bad(p, "values");
    for (const k of ["defaultVideo", "defaultAudio", "defaultSubtitle"]) if (!(v[k] === null || isStr(v[k]))) bad(p, k);
  });
  record(c.demuxers, "demuxers", (v, p) => {
    keys(v, ["extensions", "device", "nofile"], p);
    if (!strArr(v.extensions) || !isBool(v.device) || !isBool(v.nofile)) bad(p, "values");
  });
  record(c.formatByExtension, "formatByExtension", (v, p) => (isStr(v) && c.muxers?.[v]) || bad(p, v));
  record(c.image2CodecByExtension, "image2CodecByExtension", (v, p) => (isStr(v) && c.codecs?.[v]) || bad(p, v));
  for (const k of ["nestedSchemeProtocols", "networkProtocols"])
    for (const n of c[k] ?? []) if (!c.protocols?.input.includes(n) && !c.protocols?.output.includes(n)) bad(k, `${n} is not a protocol`);
  record(c.encoderParams, "encoderParams", (v, p) => record(v, p, (e, q) => ["plain", "bitrate", "quality", "rate", "unmodelled", "read", "write"].includes(e) || bad(q, e)));
}

function sanity(file) {
  const c = JSON.parse(readFileSync(file, "utf8"));
  validateShape(c);
  const ok = (cond, msg) => assert(cond, `sanity: ${msg}`);
  const opt = (n) => c.options.find((o) => o.name === n);
  ok(c.id === target.id && c.majorMinor === version, "id and majorMinor");
  ok(createHash("sha256").update(c.configuration).digest("hex") === c.configurationSha256, "configuration hash");
  ok(c.encoders.libx264?.codec === "h264" && c.encoders.libx264?.type === "video", "libx264 → h264 video encoder");
  ok(c.codecs.h264?.defaultEncoder === "libx264", "libx264 is h264's default encoder");
  // avcodec_find_encoder skips experimental encoders: the native vorbis is listed first
  ok(c.codecs.vorbis?.encoders[0] === "vorbis" && c.codecs.vorbis.defaultEncoder === "libvorbis", "vorbis: libvorbis, not the experimental native encoder");
  ok(
    c.codecs.mp3?.defaultEncoder === "libmp3lame" && c.codecs.h264.decoders.length && c.codecs.dvd_nav_packet?.defaultEncoder === null,
    "mp3 → libmp3lame; decoder-only codecs have none",
  );
  ok(c.muxers.mp4?.defaultVideo === "h264" && c.muxers.mp4?.defaultAudio === "aac", "mp4 defaults h264 + aac");
  ok(c.muxers.mp4?.extensions.includes("mp4") && !c.muxers.mp4.device, "mp4 extensions");
  ok(c.demuxers.mp4 && c.demuxers.mov && c.demuxers.hls, "mov/mp4/hls demuxers");
  ok(c.demuxers.x11grab?.device === true && c.muxers.alsa?.device === true, "devices flagged");
  ok(c.avOptions.crf?.layers.includes("codec") && c.avOptions.crf.classes.includes("libx264"), "crf is a codec-layer AVOption (libx264)");
  for (const n of ["rtmp_app", "listen", "http_proxy", "protocol_whitelist", "safe", "allowed_extensions"])
    ok(c.avOptions[n]?.layers.includes("format"), `${n} is a format-layer AVOption`);
  ok(c.avOptions.sws_flags?.layers.join() === "sws", "sws_flags is swscale's");
  ok(!c.avOptions.srcw && !c.avOptions.bits_per_raw_sample, "srcw (refused) and flagless options absent");
  ok(c.avOptions["x264-params"]?.type === "dict" && c.avOptions["x265-params"], "x264-params/x265-params");
  ok(c.filters.movie?.options.filename?.type === "string" && c.filters.movie.io === "|->N", "movie filter");
  ok(c.filters.movie?.shorthand[0] === "filename", "movie shorthand starts with filename");
  ok(c.filters.scale?.shorthand.slice(0, 3).join() === "w,h,flags", "scale shorthand w, h, flags (width/height share w/h's offsets)");
  ok(
    Object.keys(c.filters.scale?.options ?? {})
      .slice(0, 4)
      .join() === "w,width,h,height",
    "filter options keep declaration order",
  );
  ok(
    c.filters.drawtext?.options.fontfile && c.filters.drawtext.options.textfile && c.filters.drawtext.shorthand.slice(0, 3).join() === "fontfile,text,textfile",
    "drawtext fontfile/textfile",
  );
  ok(c.filters.null?.shorthand.length === 0 && c.filters.overlay?.shorthand.slice(0, 2).join() === "x,y", "null (no private class) / overlay shorthand");
  ok(c.filters.scale?.io === "V->V" && c.filters.amovie && c.filters.subtitles?.options.filename, "scale/amovie/subtitles");
  ok(c.hwDeviceTypes.includes("vaapi") && c.hwDeviceTypes.includes("cuda"), "hardware device types");
  ok(c.protocols.input.includes("file") && c.protocols.output.includes("rtmp") && !c.protocols.input.includes("nosuch"), "protocols");
  ok(c.nestedSchemeProtocols.join() === "crypto,hls", "nested schemes: crypto, hls");
  for (const n of ["rtmp", "rtmps", "http", "https", "tcp", "udp", "srt", "tls", "rist"]) ok(c.networkProtocols.includes(n), `${n} is a network protocol`);
  for (const n of ["file", "pipe", "crypto", "hls", "data", "concat", "subfile", "tee"]) ok(!c.networkProtocols.includes(n), `${n} is not a network protocol`);
  const fbe = {
    mp4: "mp4",
    mkv: "matroska",
    mka: "matroska",
    ts: "mpegts",
    m3u8: "hls",
    flv: "flv",
    jpg: "image2",
    png: "image2",
    mpg: "mpeg",
    vob: "svcd",
    m4v: "ipod",
    wmv: "asf",
    avif: "avif",
  };
  for (const [e, m] of Object.entries(fbe)) ok(c.formatByExtension[e] === m, `formatByExtension ${e} → ${m} (got ${c.formatByExtension[e]})`);
  ok(!("gif" in c.image2CodecByExtension) && c.formatByExtension.gif === "gif", "gif is the gif muxer's, image2 does not know it");
  ok(
    c.image2CodecByExtension.jpg === "mjpeg" && c.image2CodecByExtension.png === "png" && c.image2CodecByExtension.webp === "webp",
    "image2 jpg → mjpeg, png → png, webp → webp (ff_img_tags, not image2's extension list)",
  );
  ok(c.image2CodecByExtension.pic === "qdraw" && !("avif" in c.image2CodecByExtension), "image2: pic → qdraw (the first tag); avif unknown");
  ok(
    c.muxers.tee?.nofile === true && c.muxers.image2?.nofile === true && c.muxers.hls?.nofile === true && c.muxers.mp4?.nofile === false,
    "muxer AVFMT_NOFILE: tee, image2, hls yes; mp4 no",
  );
  ok(
    c.demuxers.image2?.nofile === true && c.demuxers.lavfi?.nofile === true && c.demuxers.mov?.nofile === false,
    "demuxer AVFMT_NOFILE: image2, lavfi yes; mov no",
  );
  const c_ = opt("c"),
    codec = opt("codec"),
    fc = opt("filter_complex"),
    y = opt("y"),
    stdin = opt("stdin");
  ok(c_?.scope === "perfile" && c_.spec && c_.arg === "required" && c_.direction === "both", "-c");
  ok(codec?.scope === "perfile" && codec.spec, "-codec");
  ok(fc?.scope === "global" && fc.arg === "required", "-filter_complex is global");
  ok(opt("lavfi")?.alias?.name === "filter_complex", "-lavfi → filter_complex");
  ok(y?.bool && y.scope === "global" && y.arg === "none", "-y is a global boolean");
  ok(stdin?.bool && stdin.scope === "global", "-stdin is a global boolean (so -nostdin works)");
  ok(opt("vcodec")?.alias?.name === "codec" && opt("vcodec").alias.specifier === "v", "-vcodec → codec:v");
  ok(opt("h")?.arg === "exit" && opt("i") === undefined && c.separators.i === "input", "-h / -i");
  ok(opt("map")?.scope === "perfile" && opt("map").direction === "output", "-map");
  ok(opt("progress")?.scope === "global" && opt("sdp_file")?.scope === "global", "-progress / -sdp_file global");
  const names = c.options.map((o) => o.name);
  ok(new Set(names).size === names.length, "option names unique");
  ok(c.encoderParams["x264-params"]?.crf === "quality" && c.encoderParams["x264-params"]["vbv-maxrate"] === "bitrate", "x264 crf/vbv-maxrate");
  ok(c.encoderParams["x264-params"]?.["dump-yuv"] === "write" && c.encoderParams["x264-params"].cqmfile === "read", "x264 files");
  ok(c.encoderParams["x265-params"]?.csv === "write" && c.encoderParams["x265-params"]["analysis-load"] === "read", "x265 files");
  ok(
    c.encoderParams.x264opts === c.encoderParams["x264-params"] || JSON.stringify(c.encoderParams.x264opts) === JSON.stringify(c.encoderParams["x264-params"]),
    "x264opts = x264-params keys",
  );
  if (version === "5.1") {
    ok(opt("vsync")?.scope === "global" && opt("autorotate")?.arg === "required" && opt("autorotate").bool, "5.1 -vsync, -autorotate (HAS_ARG|OPT_BOOL)");
    ok(
      c.options.every((o) => !o.fromFile),
      "5.1 has no -/opt",
    );
    ok(!c.protocols.input.includes("fd"), "5.1 has no fd:");
    // vf_scale.c 5.1: `size`/`s` are declared with flags 0 (an initialiser slip), so -h
    // hides them, but they are still settable and `size` is the 5th positional value
    ok(c.filters.scale.shorthand[4] === "size" && !c.filters.scale.options.size, "5.1 scale: hidden size is positional");
  } else {
    ok(c.separators.dec === "decoder", "7.1 -dec");
    ok(opt("filter_complex").fromFile && !opt("y").fromFile && !opt("h").fromFile, "7.1 -/opt");
    ok(opt("autorotate")?.arg === "none" && opt("autorotate").bool, "7.1 -autorotate is a plain boolean");
    ok(c.protocols.input.includes("fd"), "7.1 has fd:");
    ok(c.filters.scale.shorthand[4] === "size" && c.filters.scale.options.size, "7.1 scale: size listed and positional");
    ok(c.image2CodecByExtension.hdr === "hdr" && c.image2CodecByExtension.wbmp === "wbmp", "7.1 image2 hdr, wbmp");
  }
  flushFailures("sanity");
}

// ---------------------------------------------------------------------------------------

async function main() {
  const table = loadTable();
  const params = JSON.parse(readFileSync(join(catDir, target.params), "utf8"));
  const protocolFlags = JSON.parse(readFileSync(join(catDir, target.protocolFlags), "utf8"));
  const image2Tags = JSON.parse(readFileSync(join(catDir, target.image2Tags), "utf8"));
  log(`reading ${root ? "ffmpeg in " + root : "the host's ffmpeg"}`);
  const vi = await versionInfo();
  if (vi.majorMinor !== version) throw new Error(`this ffmpeg is ${vi.ffmpegVersion}, not ${version}`);
  const [p, lists] = await Promise.all([probe(image2Tags), listings()]);
  crossCheck(vi, p, lists);
  checkTranscriptions(p, lists, protocolFlags, image2Tags);
  await checkEncoderParams(params);
  flushFailures("listings");

  const hostTmp = mkdtempSync(join(root ? join(root, "tmp") : "/tmp", "ffcat-run-"));
  const tmp = root ? "/tmp/" + hostTmp.split("/").pop() : hostTmp;
  try {
    log("checking the option table against -h long and the split");
    await checkTableAgainstBinary(table.options, tmp);
    const tableNames = new Set(table.options.map((o) => o.name));
    log("checking AVOptions against -h full and the split");
    const tableArity = new Map(table.options.map((o) => [o.name, deriveOption(o).arg]));
    await checkAvOptions(p, tableNames, tableArity, tmp);
    flushFailures("options");
    const cat = buildCatalogue(vi, p, lists, table, params, protocolFlags);
    flushFailures("catalogue");
    const contested = p.formatByExtension.filter((e) => e.listedBy.length > 1);
    log(`extensions several muxers list: ${contested.map((e) => `${e.ext} → ${e.muxer} (${e.listedBy.join(" ")})`).join(", ")}`);
    const unknownImage2 = p.image2Extensions.filter((e) => e.image2 && !e.known).map((e) => e.ext);
    if (unknownImage2.length) log(`image2 muxer extensions ff_guess_image2_codec does not know: ${unknownImage2.join(" ")}`);
    log(`checking ${EXTENSION_SAMPLES.length + PATTERN_SAMPLES.length} output names against the muxer ffmpeg picks`);
    await checkExtensionSamples(cat, tmp);
    log("checking nested schemes (P+file:) against the binary");
    await checkNestedSchemes(cat, tmp);
    if (!quick) {
      log(`checking ${p.filters.length} filters' shorthand against -filter_complex NAME=0:0:…`);
      await checkShorthand(p, tmp);
      log(`checking ${p.filters.length} filters against -h filter=NAME`);
      await checkFilterHelp(p, tmp);
      log(`checking ${Object.keys(cat.muxers).length} muxers against -h muxer=NAME`);
      const firstNames = {};
      for (const m of p.muxers) {
        const n = splitList(m.name)[0];
        if (!(n in firstNames)) firstNames[n] = cat.muxers[n];
      }
      await checkMuxerHelp(firstNames, tmp);
    }
    flushFailures("help");

    const text = serialize(cat);
    const file = join(outDir, `ffmpeg-${version}.json`);
    if (check) {
      let old = "";
      try {
        old = readFileSync(file, "utf8");
      } catch {}
      if (old !== text) {
        const tmpOut = join(hostTmp, "new.json");
        writeFileSync(tmpOut, text);
        process.stderr.write(`generate-catalogue: ${file} is out of date (regenerate it)\n`);
        process.exit(1);
      }
      sanity(file);
      log(`${file} is up to date`);
    } else {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(file, text);
      sanity(file);
      log(
        `wrote ${file}: ${cat.options.length} options, ${Object.keys(cat.avOptions).length} AVOptions, ` +
          `${Object.keys(cat.codecs).length} codecs, ${Object.keys(cat.encoders).length} encoders, ` +
          `${Object.keys(cat.decoders).length} decoders, ${Object.keys(cat.filters).length} filters, ` +
          `${Object.keys(cat.muxers).length} muxers, ${Object.keys(cat.demuxers).length} demuxers, ` +
          `${cat.protocols.input.length}/${cat.protocols.output.length} protocols in/out`,
      );
    }
  } finally {
    rmSync(hostTmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  if (!(e instanceof ChecksFailed)) process.stderr.write(`generate-catalogue: ${e.stack ?? e}\n`);
  process.exit(1);
});
