#!/usr/bin/env node
// Regenerates test/ffmpeg/corpus/docs.txt: every ffmpeg command line found in the
// verbatim (.Vb/.Ve) blocks of the man pages Debian ships with ffmpeg
// (/usr/share/man/man1/ffmpeg*.1.gz), one command per line, in POSIX shell syntax.
//
//   node scripts/extract-doc-commands.mjs [--man-dir DIR] [--out FILE] [--check]
//
// --check exits non-zero when the file on disk differs from what would be written.
//
// Kept: commands whose first word is `ffmpeg` (or `./ffmpeg`, or after a `$ ` prompt),
// that src/ffmpeg/shell-words.ts splits without error (so pipelines, `&&`, `;` and
// redirections are dropped), with no `$` anywhere (shell variables), no `...`/`[...]`
// elision placeholders and no argument containing a newline (a corpus line is one line).
// A command spread over several lines with backslash continuations, or with a quoted
// string running over lines, is joined first; so are lines the manual folded without a
// backslash (a line starting with `-` or a quote, or a lone word such as an output file). Duplicates are dropped (first wins); the
// specific pages are read before ffmpeg-all so each command is credited to the page
// that documents it.

import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const manDir = arg("--man-dir", "/usr/share/man/man1");
const outFile = resolve(root, arg("--out", "test/ffmpeg/corpus/docs.txt"));
const check = process.argv.includes("--check");

const { splitShellWords } = await loadShellWords();

/** Loads src/ffmpeg/shell-words.ts without a build step: TypeScript's transpiler (a dev dependency) strips the types. */
async function loadShellWords() {
  const source = readFileSync(join(root, "src/ffmpeg/shell-words.ts"), "utf8");
  let ts;
  try {
    ts = (await import(pathToFileURL(join(root, "node_modules/typescript/lib/typescript.js")).href)).default;
  } catch {
    throw new Error("typescript is needed to load src/ffmpeg/shell-words.ts (npm install)");
  }
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return import("data:text/javascript;base64," + Buffer.from(js).toString("base64"));
}

// The specific pages first, so a command is credited to the page that documents it;
// ffmpeg-all (the concatenation of all of them) last, for anything else.
const PAGE_ORDER = [
  "ffmpeg.1.gz",
  "ffmpeg-utils.1.gz",
  "ffmpeg-scaler.1.gz",
  "ffmpeg-resampler.1.gz",
  "ffmpeg-codecs.1.gz",
  "ffmpeg-bitstream-filters.1.gz",
  "ffmpeg-formats.1.gz",
  "ffmpeg-protocols.1.gz",
  "ffmpeg-devices.1.gz",
  "ffmpeg-filters.1.gz",
  "ffmpeg-all.1.gz",
];

function pages() {
  const present = readdirSync(manDir).filter((f) => /^ffmpeg(-[a-z-]+)?\.1(\.gz)?$/.test(f));
  const rank = (f) => {
    const i = PAGE_ORDER.indexOf(f.endsWith(".gz") ? f : f + ".gz");
    return i < 0 ? PAGE_ORDER.length - 1 : i; // unknown pages go just before ffmpeg-all
  };
  return present.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function readRoff(file) {
  const raw = readFileSync(join(manDir, file));
  return (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
}

/** The few escapes pod2man puts in verbatim blocks; anything else is left alone (and then usually rejected). */
function unroff(line) {
  return line
    .replace(/^\\&/, "")
    .replace(/\\\*\(Aq/g, "'")
    .replace(/\\\*\(L"|\\\*\(R"/g, '"')
    .replace(/\\\*\(C[`']/g, "")
    .replace(/\\-/g, "-")
    .replace(/\\\|/g, "")
    .replace(/\\\^/g, "")
    .replace(/\\&/g, "")
    .replace(/\\e/g, "\\");
}

/** Verbatim blocks of a roff page, each an array of text lines. */
function verbatimBlocks(roff) {
  const blocks = [];
  let block = null;
  for (const line of roff.split("\n")) {
    if (/^\.Vb\b/.test(line)) block = [];
    else if (/^\.Ve\b/.test(line)) {
      if (block) blocks.push(block);
      block = null;
    } else if (block) {
      if (line.startsWith(".")) continue; // requests inside a block (rare)
      block.push(unroff(line));
    }
  }
  return blocks;
}

const START = /^\s*(?:\$\s+)?(?:\.\/)?ffmpeg(?=\s)/;

/** Commands (joined text, original text) found in one block. */
function commandsOf(block) {
  const found = [];
  for (let i = 0; i < block.length; i++) {
    if (!START.test(block[i])) continue;
    const lines = [block[i].replace(/^\s*\$\s+/, "").trim()];
    let j = i;
    // Continue over backslash continuations, quotes left open at the end of a line, and
    // lines the manual wrapped without a backslash (texinfo examples are often folded).
    while (j + 1 < block.length && (needsMore(lines.join("\n")) || wrapped(block[j], block[j + 1]))) lines.push(block[++j]);
    found.push(lines);
    i = j;
  }
  return found;
}

/** A line that continues the command above it although that one did not end with a backslash. */
function wrapped(previous, line) {
  if (START.test(line) || /^\s*#/.test(line) || /^\s*(?:\.\.\.)?\s*$/.test(line)) return false;
  // `-option …`, a quoted argument, or a lone word (an output file folded onto its own line);
  // or anything after a line left dangling on an option or a `-map '[label]'`.
  return /^\s*[-'"]/.test(line) || /^\s*[\w./%-]+\s*$/.test(line) || /(?:\s-\w+|\s-map\s+'\[\w+\]')\s*$/.test(previous);
}

function needsMore(text) {
  if (/\\$/.test(text)) return true;
  const r = splitShellWords(text);
  return !r.ok && /unterminated/.test(r.message);
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** One line of shell text with the same words; prefers the text as the documentation wrote it. */
function oneLine(lines, words) {
  const tidy = lines
    .map((l, k) => (k === 0 ? l : l.trimStart()))
    .map((l, k, all) => (k < all.length - 1 ? l.replace(/\\$/, "").trimEnd() : l.trimEnd()))
    .join(" ");
  const r = splitShellWords(tidy);
  if (r.ok && same(r.words, words)) return tidy;
  return words.map(quote).join(" ");
}

function quote(word) {
  if (word !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return "'" + word.replace(/'/g, "'\\''") + "'";
}

function rejectReason(words) {
  if (words.length < 2) return "no arguments";
  if (words.some((w) => w.includes("\n"))) return "an argument spans lines";
  if (words.some((w) => w.includes("$"))) return "shell variable";
  if (words.some((w) => w === "..." || w === "[...]" || /^\[?\.\.\.\]?$/.test(w))) return "elision placeholder";
  if (words.some((w) => /^\[(?:options|infile options|outfile options)\]$/.test(w))) return "synopsis";
  return null;
}

const seen = new Set();
const out = [
  "# ffmpeg command lines from the man pages Debian ships (/usr/share/man/man1/ffmpeg*.1.gz).",
  "# Generated by scripts/extract-doc-commands.mjs; do not edit by hand. One command per line,",
  "# POSIX shell syntax (no expansion); split each line with src/ffmpeg/shell-words.ts.",
];
const stats = { kept: 0, duplicates: 0, rejected: {} };
for (const page of pages()) {
  const kept = [];
  for (const block of verbatimBlocks(readRoff(page))) {
    for (const lines of commandsOf(block)) {
      const text = lines.join("\n");
      const r = splitShellWords(text);
      const reason = !r.ok ? `shell: ${r.message}` : rejectReason(r.words);
      if (reason) {
        stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
        if (process.env.VERBOSE) process.stderr.write(`skip (${reason}): ${text}\n`);
        continue;
      }
      const words = r.words[0] === "./ffmpeg" ? ["ffmpeg", ...r.words.slice(1)] : r.words;
      const key = JSON.stringify(words);
      if (seen.has(key)) {
        stats.duplicates++;
        continue;
      }
      seen.add(key);
      let line = oneLine(lines, r.words);
      if (line.startsWith("./ffmpeg")) line = line.slice(2);
      const check = splitShellWords(line);
      if (!check.ok || !same(check.words, words)) throw new Error(`re-quoting changed the words of: ${text}`);
      kept.push(line);
    }
  }
  if (kept.length) {
    out.push("", `# source: ${page.replace(/\.gz$/, "")}`, ...kept);
    stats.kept += kept.length;
  }
}
const text = out.join("\n") + "\n";

if (check) {
  const current = existsSync(outFile) ? readFileSync(outFile, "utf8") : "";
  if (current !== text) {
    process.stderr.write(`${outFile} is out of date; run node scripts/extract-doc-commands.mjs\n`);
    process.exit(1);
  }
} else {
  writeFileSync(outFile, text);
}
process.stderr.write(`${stats.kept} commands (${stats.duplicates} duplicates dropped; rejected: ${JSON.stringify(stats.rejected)})\n`);
