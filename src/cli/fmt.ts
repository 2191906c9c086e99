import { writeFileSync } from "node:fs";
import { formatPolicy } from "../ide/format.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { parse } from "../syntax/parse.js";
import { EXIT, readText, type Io } from "./io.js";
import { formatDiagnosticLines } from "./report.js";

export interface FmtOptions {
  readonly write: boolean;
  readonly check: boolean;
}

/** Formats each file; a file with syntax errors is reported and left untouched. */
export function runFmt(files: readonly string[], options: FmtOptions, io: Io): number {
  let status: number = EXIT.ok;
  for (const file of files) {
    const text = readText(file);
    const syntax = parse(text);
    if (hasErrors(syntax.diagnostics)) {
      for (const line of formatDiagnosticLines({ file, text, diagnostics: syntax.diagnostics })) io.err(`${line}\n`);
      io.err(`${file}: not formatted: fix the syntax errors first\n`);
      status = EXIT.failed;
      continue;
    }
    const formatted = formatPolicy(text, syntax);
    if (options.check) {
      if (formatted !== text) {
        io.out(`${file}\n`);
        status = EXIT.failed;
      }
    } else if (options.write) {
      if (formatted !== text) writeFileSync(file, formatted);
    } else {
      io.out(formatted);
    }
  }
  return status;
}
