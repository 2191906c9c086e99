// The semantics entry point for `check` and the editor: every diagnostic of a program,
// per file: syntax, loading, names, values. (Analyses join in analyses.ts.)

import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { analyze } from "./analyses.js";
import { lowerProgram } from "./lower.js";
import type { Context } from "./context.js";
import { DiagnosticSink, type Program } from "./program.js";
import { collectSymbols, type Symbols } from "./symbols.js";
import { checkExtendsCycles, checkForbid, checkRole } from "./validate/roles.js";
import { checkAudit, checkProvider } from "./validate/settings.js";
import { checkAlert, checkMap, checkMode, checkPolicyNames, checkSingletons } from "./validate/statements.js";
import { checkTest } from "./validate/tests.js";

export interface CheckResult {
  readonly symbols: Symbols;
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

export function checkProgram(program: Program, catalogue: CatalogueIndex): CheckResult {
  const sink = new DiagnosticSink();
  for (const [file, source] of program.files) sink.addAll(file, source.syntax.diagnostics);
  for (const [file, diagnostics] of program.loadDiagnostics) sink.addAll(file, diagnostics);
  const symbols = collectSymbols(program, sink);
  const ctx: Context = { program, symbols, catalogue, sink };

  for (const [file, source] of program.files) checkPolicyNames(ctx, file, source.syntax.file.statements);
  for (const { file, node } of symbols.statements) {
    switch (node.kind) {
      case "ProviderDecl":
        checkProvider(ctx, file, node);
        break;
      case "MapRule":
        checkMap(ctx, file, node);
        break;
      case "RoleDecl":
        checkRole(ctx, file, node);
        break;
      case "ForbidDecl":
        checkForbid(ctx, file, node);
        break;
      case "AlertDecl":
        checkAlert(ctx, file, node);
        break;
      case "AuditDecl":
        checkAudit(ctx, file, node);
        break;
      case "ModeDecl":
        checkMode(ctx, file, node);
        break;
      case "TestDecl":
        checkTest(ctx, file, node);
        break;
      case "PolicyDecl":
      case "ImportDecl":
      case "SetDecl":
        break;
    }
  }
  checkExtendsCycles(ctx);
  checkSingletons(ctx);
  // Analyses look at the meaning of a valid policy: only then is there an IR to look at.
  if (![...sink.result().values()].some(hasErrors)) analyze(ctx, lowerProgram(program, symbols, catalogue));
  return { symbols, diagnostics: sink.result() };
}
