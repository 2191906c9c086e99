import type { Range } from "../base/range.js";
import { CODES, type Code, type Severity } from "./codes.js";

/** A secondary location that helps explain a diagnostic ("first declared here"). */
export interface RelatedInfo {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** Errors are values: a code from the catalogue, a sentence that says how to fix it, a range. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedInfo[];
}

export function diagnostic(code: Code, range: Range, message: string, related?: readonly RelatedInfo[]): Diagnostic {
  const base = { code, severity: CODES[code].severity, message, range };
  return related === undefined ? base : { ...base, related };
}

export function hasErrors(diagnostics: Iterable<Diagnostic>): boolean {
  for (const d of diagnostics) if (d.severity === "error") return true;
  return false;
}

/** Source order, then errors before warnings: the order in which `check` prints. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
    a.code.localeCompare(b.code)
  );
}
