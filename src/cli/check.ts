import { hasErrors } from "../diagnostics/diagnostic.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { analyzeFile, diagnosticsByFile, type Analysis } from "../workspace/analyze.js";
import { EXIT, UsageError, type Io } from "./io.js";
import { diagnosticsJson, formatDiagnosticLines, summary } from "./report.js";

export interface CheckOptions {
  readonly json: boolean;
}

export function runCheck(files: readonly string[], options: CheckOptions, catalogue: CatalogueIndex, io: Io): number {
  const analyses: Analysis[] = [];
  for (const file of files) {
    const analysis = analyzeFile(file, catalogue);
    if ("error" in analysis) throw new UsageError(analysis.error);
    analyses.push(analysis);
  }
  const entries = diagnosticsByFile(analyses).filter((e) => e.diagnostics.length > 0);
  if (options.json) {
    io.out(`${JSON.stringify(diagnosticsJson(entries), null, 2)}\n`);
  } else {
    const texts = new Map(analyses.flatMap((a) => [...a.program.files.values()].map((f) => [f.id, f.text] as const)));
    for (const entry of entries) for (const line of formatDiagnosticLines(entry, (f) => texts.get(f))) io.out(`${line}\n`);
    if (entries.length > 0) io.err(`${summary(entries)}\n`);
  }
  return entries.some((e) => hasErrors(e.diagnostics)) ? EXIT.failed : EXIT.ok;
}
