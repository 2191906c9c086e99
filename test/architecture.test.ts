// The import invariants of ARCHITECTURE.md, enforced: each layer imports only the
// layers it may depend on, and the pure layers do no I/O.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

/** For each folder under src/, the src folders (and packages) it may import. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  base: [],
  diagnostics: ["base"],
  syntax: ["base", "diagnostics", "chevrotain"],
  ffmpeg: ["base"],
  ir: ["base", "ffmpeg"],
  semantics: ["base", "diagnostics", "syntax", "ffmpeg", "ir"],
  // The evaluator never sees the parser: it reads the IR (DESIGN.md, architecture).
  engine: ["base", "ffmpeg", "ir"],
  ide: ["base", "diagnostics", "syntax", "semantics", "ffmpeg", "ir"],
  workspace: ["base", "diagnostics", "syntax", "semantics", "ffmpeg", "ir", "engine"],
  cli: ["base", "diagnostics", "syntax", "semantics", "ffmpeg", "ir", "engine", "ide", "workspace", "commander"],
};

/** Layers that never touch the outside world: they get data and return data. */
const PURE = new Set(["base", "diagnostics", "syntax", "semantics", "ir", "engine", "ide"]);
const IO_MODULES = /^node:(fs|child_process|net|http|https|dgram|worker_threads)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
}

function layerOf(file: string): string {
  return relative("src", file).split("/")[0]!;
}

describe("architecture", () => {
  const files = sourceFiles("src");

  it("knows every layer", () => {
    expect([...new Set(files.map(layerOf))].filter((layer) => !(layer in ALLOWED))).toEqual([]);
  });

  it.each(files)("%s imports only what its layer may", (file) => {
    const layer = layerOf(file);
    const violations = imports(file).flatMap((specifier) => {
      if (specifier.startsWith("node:")) return PURE.has(layer) && IO_MODULES.test(specifier) ? [`${specifier} (I/O in a pure layer)`] : [];
      if (!specifier.startsWith(".")) return ALLOWED[layer]!.includes(specifier.split("/")[0]!) ? [] : [specifier];
      const target = layerOf(relative(".", resolve(dirname(file), specifier)));
      return target === layer || ALLOWED[layer]!.includes(target) ? [] : [`${specifier} (${target})`];
    });
    expect(violations).toEqual([]);
  });
});
