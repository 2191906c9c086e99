#!/usr/bin/env node
// Reads every URLProtocol definition (`const URLProtocol ff_NAME_protocol = { … }`) out of
// an FFmpeg source tree's libavformat/*.c and prints, as JSON, its `.name`, `.flags` (the
// URL_PROTOCOL_FLAG_* names), `.priv_data_class`'s class_name when it is a literal, the
// file and the C symbol. The flags live in the private URLProtocol struct, so no public
// API can report them: this is the re-checking aid for the hand-maintained transcriptions
// scripts/catalogue/protocol-flags-<version>.json, not part of regeneration:
//
//   node scripts/catalogue/extract-protocol-flags.mjs ~/src/ffmpeg-5.1.9 > /tmp/protos.json
//   node scripts/catalogue/extract-protocol-flags.mjs ~/src/ffmpeg-5.1.9 \
//        --compare scripts/catalogue/protocol-flags-5.1.json
//
// Several definitions can carry one name (`tls` in each tls_*.c backend, `rtmp` in
// rtmpproto.c and librtmp.c); which one a build has depends on its configure flags, so
// the transcription names the file, and --compare checks that file's definition.
// Understood of C: comments, string literals, designated initialisers, `|`, and the
// RTMP_PROTOCOL(flavor, UPPER) macro family of rtmpproto.c (`.name = #flavor`).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

function usage() {
  process.stderr.write("usage: extract-protocol-flags.mjs FFMPEG_SOURCE_DIR [--compare TRANSCRIPTION.json]\n");
  process.exit(2);
}
const args = process.argv.slice(2);
if (args.length !== 1 && !(args.length === 3 && args[1] === "--compare")) usage();
const src = join(args[0], "libavformat");

const stripComments = (s) => s.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");

/** The balanced `{ … }` starting at s[i] === "{". */
function braceBlock(s, i) {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '"') {
      for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === "\\") j++;
    } else if (s[j] === "{") depth++;
    else if (s[j] === "}" && --depth === 0) return s.slice(i + 1, j);
  }
  throw new Error("unbalanced braces");
}

function fields(body) {
  const get = (k) => new RegExp(`\\.${k}\\s*=\\s*([^,]+?)\\s*(?:,|$)`).exec(body)?.[1] ?? null;
  const flags = get("flags");
  return {
    nameExpr: get("name"),
    flags: flags
      ? flags
          .split("|")
          .map((f) => f.trim())
          .filter(Boolean)
          .sort()
      : [],
    classVar: (get("priv_data_class") ?? "").replace(/^&/, "") || null,
  };
}

/** Joins adjacent string literals; `#flavor` and `flavor` become ARG (a macro's parameter). */
function cString(expr, arg) {
  const parts = expr.match(/"[^"]*"|#\s*flavor\b/g);
  return parts ? parts.map((p) => (p.startsWith('"') ? p.slice(1, -1) : arg)).join("") : null;
}

/**
 * class_name of the AVClass VAR of the file: `static const AVClass VAR = { .class_name =
 * "…" }`, or one a one-parameter class macro makes (`HTTP_CLASS(http)` in http.c,
 * `RTMP_CLASS(rtmp)` in librtmp.c: `static const AVClass lib ## flavor ## _class`).
 */
function className(text, v) {
  if (!v) return null;
  const m = new RegExp(`AVClass\\s+${v}\\s*=\\s*\\{`).exec(text);
  if (m) {
    const c = /\.class_name\s*=\s*((?:"[^"]*"\s*)+)(?:,|$)/.exec(braceBlock(text, m.index + m[0].length - 1));
    return c ? cString(c[1], null) : null;
  }
  const flat = text.replace(/\\\n/g, " ");
  for (const d of flat.matchAll(/#define\s+(\w+)\(flavor\)\s+static const AVClass\s+([\w\s#]+?)\s*=\s*\{([^}]*)\}/g)) {
    const c = /\.class_name\s*=\s*([^,]+)/.exec(d[3]);
    for (const inv of text.matchAll(new RegExp(`^${d[1]}\\((\\w+)\\)`, "gm"))) {
      const varName = d[2]
        .split("##")
        .map((t) => (t.trim() === "flavor" ? inv[1] : t.trim()))
        .join("");
      if (varName === v) return c ? cString(c[1], inv[1]) : null;
    }
  }
  return null;
}

const defs = [];
for (const file of readdirSync(src)
  .filter((f) => f.endsWith(".c"))
  .sort()) {
  const raw = readFileSync(join(src, file), "utf8");
  const text = stripComments(raw);
  // plain definitions
  for (const m of text.matchAll(/URLProtocol\s+(ff_\w+_protocol)\s*=\s*\{/g)) {
    // inside a macro (a line ending in a backslash): the macro case below
    if (/\\\s*$/.test(text.slice(m.index, text.indexOf("\n", m.index)))) continue;
    const f = fields(braceBlock(text, m.index + m[0].length - 1));
    const lit = /^"([^"]*)"$/.exec(f.nameExpr ?? "");
    defs.push({ name: lit ? lit[1] : f.nameExpr, symbol: m[1], file: `libavformat/${file}`, flags: f.flags, className: className(text, f.classVar) });
  }
  // rtmpproto.c: `const URLProtocol ff_##flavor##_protocol = { .name = #flavor, … }` in a
  // macro, instantiated as RTMP_PROTOCOL(flavor, UPPER)
  const mac = /#define\s+(\w+)\(flavor\)[^\n]*\\\n([\s\S]*?)\n(?![^\n]*\\$)[^\n]*\n/.exec(text);
  if (mac && /URLProtocol\s+ff_##flavor##_protocol/.test(text)) {
    const body = text.slice(text.indexOf("URLProtocol ff_##flavor##_protocol"));
    const f = fields(braceBlock(body.replace(/\\\n/g, "\n"), body.indexOf("{")));
    for (const inv of text.matchAll(/^RTMP_PROTOCOL\((\w+),\s*(\w+)\)/gm))
      defs.push({
        name: inv[1],
        symbol: `ff_${inv[1]}_protocol`,
        file: `libavformat/${file}`,
        flags: f.flags,
        className: inv[1],
        condition: `CONFIG_${inv[2]}_PROTOCOL`,
      });
  }
}

if (args[1] !== "--compare") {
  process.stdout.write(JSON.stringify(defs, null, 1) + "\n");
  process.exit(0);
}
const tr = JSON.parse(readFileSync(args[2], "utf8"));
let bad = 0;
for (const [name, row] of Object.entries(tr.protocols)) {
  const d = defs.find((x) => x.name === name && x.file === row.file);
  if (!d) {
    process.stdout.write(`${name}: no definition named "${name}" in ${row.file}\n`);
    bad++;
  } else if (d.flags.join() !== [...row.flags].sort().join() || d.symbol !== row.symbol || d.className !== row.className) {
    process.stdout.write(
      `${name}: source has ${d.symbol} [${d.flags}] class ${d.className}, transcription ${row.symbol} [${row.flags}] class ${row.className}\n`,
    );
    bad++;
  }
}
process.stdout.write(bad ? `${bad} difference(s)\n` : `${Object.keys(tr.protocols).length} protocols agree with ${src}\n`);
process.exit(bad ? 1 : 0);
