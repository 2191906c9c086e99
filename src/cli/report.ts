// How diagnostics look on a terminal and in JSON: `file:line:col: error FFP1234 message`
// (1-based), or an array with LSP-style zero-based ranges.

import { displayPath } from "../workspace/display.js";
import { LineIndex } from "../base/line-index.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";

export interface FileDiagnostics {
  readonly file: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Texts of the files a diagnostic's notes point into (they may differ from its own). */
export type TextOf = (file: string) => string | undefined;

/** `file:line:col: severity CODE message`, each followed by its notes (`file:line:col: note …`). */
export function formatDiagnosticLines(entry: FileDiagnostics, textOf: TextOf = () => undefined): string[] {
  const index = new LineIndex(entry.text);
  return [...entry.diagnostics].sort(compareDiagnostics).flatMap((d) => {
    const at = index.position(d.range.start);
    const notes = (d.related ?? []).map((r) => {
      const text = r.file === entry.file ? entry.text : textOf(r.file);
      const where = text === undefined ? { line: 0, character: 0 } : new LineIndex(text).position(r.range.start);
      return `${displayPath(r.file)}:${where.line + 1}:${where.character + 1}: note ${r.message}`;
    });
    return [`${displayPath(entry.file)}:${at.line + 1}:${at.character + 1}: ${d.severity} ${d.code} ${d.message}`, ...notes];
  });
}

export function diagnosticsJson(entries: readonly FileDiagnostics[]): unknown[] {
  return entries.flatMap((entry) => {
    const index = new LineIndex(entry.text);
    return [...entry.diagnostics].sort(compareDiagnostics).map((d) => ({
      file: displayPath(entry.file),
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: { start: index.position(d.range.start), end: index.position(d.range.end) },
    }));
  });
}

export function summary(entries: readonly FileDiagnostics[]): string {
  const all = entries.flatMap((e) => e.diagnostics);
  const errors = all.filter((d) => d.severity === "error").length;
  const warnings = all.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}
