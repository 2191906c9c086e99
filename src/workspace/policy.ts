// A policy file from disk, checked and lowered to IR: what simulate, test, diff and
// compile evaluate. A policy with errors is not lowered; its diagnostics come back instead.

import { hasErrors } from "../diagnostics/diagnostic.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import type { PolicyIR } from "../ir/policy.js";
import { lowerProgram } from "../semantics/lower.js";
import { analyzeFile, diagnosticsByFile, type Analysis } from "./analyze.js";
import { displayPath } from "./display.js";

export type LoadedPolicy =
  | { readonly ok: true; readonly ir: PolicyIR; readonly analysis: Analysis }
  | { readonly ok: false; readonly error: string }
  | { readonly ok: false; readonly analysis: Analysis };

export function loadPolicy(path: string, catalogue: CatalogueIndex): LoadedPolicy {
  const analysis = analyzeFile(path, catalogue);
  if ("error" in analysis) return { ok: false, error: analysis.error };
  if (diagnosticsByFile([analysis]).some((entry) => hasErrors(entry.diagnostics))) return { ok: false, analysis };
  return { ok: true, ir: lowerProgram(analysis.program, analysis.check.symbols, catalogue, (file) => displayPath(file)), analysis };
}
