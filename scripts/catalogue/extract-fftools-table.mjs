#!/usr/bin/env node
// Reads ffmpeg's option table (`const OptionDef options[]` in fftools/ffmpeg_opt.c, with
// CMDUTILS_COMMON_OPTIONS from fftools/opt_common.h) out of an FFmpeg source tree and
// prints it as JSON: one record per entry, in table order, with the raw flag names.
//
// It is a re-checking aid for the hand-maintained transcriptions
// scripts/catalogue/fftools-options-<version>.json, not part of regeneration:
//
//   node scripts/catalogue/extract-fftools-table.mjs ~/src/ffmpeg-5.1.9 \
//        --define CONFIG_VAAPI=1 --define CONFIG_QSV=1 > /tmp/table.json
//   node scripts/generate-catalogue.mjs --check-table 5.1 /tmp/table.json
//
// `#if NAME` blocks are kept when NAME is defined to 1 (FFMPEG_OPT_* default to 1, as
// fftools/ffmpeg.h defines them; CONFIG_AVDEVICE defaults to 1; other CONFIG_* to 0).
// Only what the table needs of C is understood: string literals (adjacent ones are
// joined), identifiers, `|`, braces, designated `.u1.x = y`, `#if`/`#else`/`#endif`.
import { readFileSync } from "node:fs";
import { join } from "node:path";

function usage() {
  process.stderr.write("usage: extract-fftools-table.mjs FFMPEG_SOURCE_DIR [--define NAME=0|1]...\n");
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length < 1) usage();
const root = args[0];
const defines = new Map([["CONFIG_AVDEVICE", 1]]);
for (let i = 1; i < args.length; i++) {
  if (args[i] !== "--define" || !args[i + 1]) usage();
  const [k, v] = args[++i].split("=");
  defines.set(k, Number(v ?? 1));
}
const isDefined = (name) => {
  if (defines.has(name)) return defines.get(name) !== 0;
  if (name.startsWith("FFMPEG_OPT_")) return true;
  return false;
};

/** Strips comments and resolves #if/#else/#endif with the defines above. */
function preprocess(text) {
  text = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  // join continuation lines
  text = text.replace(/\\\n/g, " ");
  const out = [];
  const stack = [];
  for (const line of text.split("\n")) {
    const m = /^\s*#\s*(if|ifdef|ifndef|else|elif|endif)\b\s*(.*)$/.exec(line);
    if (m) {
      const [, kw, rest] = m;
      if (kw === "if" || kw === "ifdef") stack.push(isDefined(rest.trim().replace(/^defined\s*\(?\s*|\s*\)$/g, "")));
      else if (kw === "ifndef") stack.push(!isDefined(rest.trim()));
      else if (kw === "else") stack.push(!stack.pop());
      else if (kw === "elif") throw new Error("#elif not supported: " + line);
      else stack.pop();
      continue;
    }
    if (stack.every(Boolean)) out.push(line);
  }
  return out.join("\n");
}

function tokenize(text) {
  const toks = [];
  const re = /\s+|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|(.)/gy;
  let m;
  while ((m = re.exec(text))) {
    if (m[1]) toks.push({ t: "str", v: JSON.parse(m[1].replace(/\\'/g, "'")) });
    else if (m[2]) toks.push({ t: "id", v: m[2] });
    else if (m[3]) toks.push({ t: "num", v: m[3] });
    else if (m[4]) toks.push({ t: "p", v: m[4] });
  }
  return toks;
}

function macroBodies(text) {
  const macros = new Map();
  const re = /^\s*#\s*define\s+(\w+)[ \t]*(.*)$/gm;
  // the first definition wins (the CONFIG_AVDEVICE branch comes first in opt_common.h)
  const pre = preprocess(text.replace(/^(\s*#\s*define[^\n]*)$/gm, "$1"));
  let m;
  while ((m = re.exec(pre))) if (!macros.has(m[1])) macros.set(m[1], m[2]);
  return macros;
}

const fftools = join(root, "fftools");
const common = macroBodies(readFileSync(join(fftools, "opt_common.h"), "utf8"));
let src = preprocess(readFileSync(join(fftools, "ffmpeg_opt.c"), "utf8"));
const start = src.indexOf("const OptionDef options[] = {");
if (start < 0) throw new Error("options[] not found");
src = src.slice(start + "const OptionDef options[] = {".length);
for (let i = 0; i < 3; i++) for (const [k, v] of common) src = src.replace(new RegExp(`\\b${k}\\b`, "g"), v);

const toks = tokenize(src);
const entries = [];
let i = 0;
const expect = (v) => {
  if (toks[i]?.v !== v) throw new Error(`expected ${v} at token ${i}, got ${JSON.stringify(toks[i])}`);
  i++;
};
/** One initializer element, up to the next top-level `,` or `}`. */
function element() {
  const parts = [];
  let depth = 0;
  while (i < toks.length) {
    const tk = toks[i];
    if (depth === 0 && tk.t === "p" && (tk.v === "," || tk.v === "}")) break;
    if (tk.v === "{") depth++;
    if (tk.v === "}") depth--;
    parts.push(tk);
    i++;
  }
  return parts;
}
for (;;) {
  if (toks[i].v === ",") {
    i++;
    continue;
  }
  expect("{");
  if (toks[i].t === "id" && toks[i].v === "NULL") break;
  const elems = [];
  for (;;) {
    elems.push(element());
    if (toks[i].v === ",") i++;
    if (toks[i].v === "}") {
      i++;
      break;
    }
  }
  const named = {};
  const positional = [];
  for (const e of elems.filter((e) => e.length)) {
    if (e[0].v === ".") {
      const eq = e.findIndex((t) => t.v === "=");
      const key = e
        .slice(0, eq)
        .map((t) => t.v)
        .join("");
      if (key !== ".u1.name_canon" && key !== ".u1.names_alt") throw new Error("unknown designator " + key);
      named[key] = e.slice(eq + 1);
    } else positional.push(e);
  }
  const name = positional[0][0].v;
  const modern = positional[1].length === 1 && /^OPT_TYPE_/.test(positional[1][0].v) && positional.length >= 4;
  const flagsExpr = modern ? positional[2] : positional[1];
  const flags = flagsExpr.filter((t) => t.t === "id").map((t) => t.v);
  const strs = positional.slice(modern ? 4 : 3);
  const help = strs[0] ? strs[0].map((t) => t.v).join("") : null;
  const argname = strs[1] ? strs[1].map((t) => t.v).join("") : null;
  const rec = { name };
  if (modern) rec.type = positional[1][0].v;
  rec.flags = flags;
  rec.help = help;
  rec.argname = argname;
  if (named[".u1.name_canon"]) rec.canon = named[".u1.name_canon"][0].v;
  if (named[".u1.names_alt"]) {
    const arr = named[".u1.names_alt"][0].v;
    const full = preprocess(readFileSync(join(fftools, "ffmpeg_opt.c"), "utf8"));
    const m = new RegExp(`${arr}\\[\\]\\s*=\\s*\\{([^}]*)\\}`).exec(full);
    rec.alts = m ? [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]) : arr;
  }
  entries.push(rec);
}
process.stdout.write("[\n" + entries.map((e) => "  " + JSON.stringify(e)).join(",\n") + "\n]\n");
