// The few places where tests call the core, so each feature's tests stay data.

import { formatDiagnosticLines } from "../src/cli/report.js";
import { defaultCatalogue } from "../src/ffmpeg/catalogue/index.js";
import { checkProgram } from "../src/semantics/check.js";
import { analyzeFile, diagnosticsByFile } from "../src/workspace/analyze.js";
import { loadProgram, type FileSource } from "../src/workspace/load.js";

/** What `ffpolicy check FILE` prints, as lines. */
export function checkFileLines(path: string): string[] {
  const analysis = analyzeFile(path, defaultCatalogue());
  if ("error" in analysis) throw new Error(analysis.error);
  const texts = new Map([...analysis.program.files.values()].map((f) => [f.id, f.text]));
  return diagnosticsByFile([analysis]).flatMap((entry) => formatDiagnosticLines(entry, (f) => texts.get(f)));
}

/** `check` over in-memory text (imports resolve among `others`), as printed lines. */
export function checkText(text: string, others: Readonly<Record<string, string>> = {}): string[] {
  const files: FileSource = {
    read: (id) => (id in others ? { text: others[id]! } : { error: "no such file" }),
    resolve: (_from, specifier) => specifier,
  };
  const program = loadProgram("main.ffpolicy", text, files);
  const check = checkProgram(program, defaultCatalogue());
  return [...program.files.values()].flatMap((source) =>
    formatDiagnosticLines({ file: source.id, text: source.text, diagnostics: check.diagnostics.get(source.id) ?? [] }),
  );
}
