// Load and check policy files from disk: what `check`, `test`, `simulate` and `compile`
// start from.

import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { checkProgram, type CheckResult } from "../semantics/check.js";
import type { Program } from "../semantics/program.js";
import { diskFiles, loadProgram } from "./load.js";

export interface Analysis {
  readonly program: Program;
  readonly check: CheckResult;
}

/** Null when the root file itself cannot be read (the message says why). */
export function analyzeFile(path: string, catalogue: CatalogueIndex): Analysis | { error: string } {
  const root = resolve(path);
  const read = diskFiles.read(root);
  if ("error" in read) return { error: `cannot read ${path}: ${read.error}` };
  const program = loadProgram(root, read.text);
  return { program, check: checkProgram(program, catalogue) };
}

/** Every file's diagnostics, each file once even when several roots import it. */
export function diagnosticsByFile(analyses: readonly Analysis[]): { file: string; text: string; diagnostics: Diagnostic[] }[] {
  const merged = new Map<string, { file: string; text: string; diagnostics: Diagnostic[]; seen: Set<string> }>();
  for (const { program, check } of analyses) {
    for (const [file, source] of program.files) {
      let entry = merged.get(file);
      if (entry === undefined) merged.set(file, (entry = { file, text: source.text, diagnostics: [], seen: new Set() }));
      for (const d of check.diagnostics.get(file) ?? []) {
        const key = `${d.code}\0${d.range.start}\0${d.range.end}\0${d.message}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.diagnostics.push(d);
      }
    }
  }
  return [...merged.values()].map(({ file, text, diagnostics }) => ({ file, text, diagnostics }));
}
