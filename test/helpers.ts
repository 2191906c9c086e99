// The few places where tests call the core, so each feature's tests stay data.

import { formatDiagnosticLines } from "../src/cli/report.js";
import { defaultCatalogue } from "../src/ffmpeg/catalogue/index.js";
import { checkProgram } from "../src/semantics/check.js";
import { analyzeFile, diagnosticsByFile } from "../src/workspace/analyze.js";
import { loadProgram, type FileSource } from "../src/workspace/load.js";
import { compilePolicy, type CompiledPolicy } from "../src/engine/compile.js";
import type { Decision } from "../src/engine/decision.js";
import { decide } from "../src/engine/evaluate.js";
import { EMPTY_HISTORY, type History } from "../src/engine/history.js";
import type { Identity } from "../src/engine/identity.js";
import { NO_FILES, type FileSystem } from "../src/engine/targets.js";
import { loadEffects } from "../src/ffmpeg/job/effects.js";
import type { FactsSource } from "../src/ffmpeg/job/model.js";
import { splitShellWords } from "../src/ffmpeg/shell-words.js";
import { lowerProgram } from "../src/semantics/lower.js";

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

/** A policy from text, checked (any error throws, with the diagnostics) and compiled. */
export function policyFromText(text: string): CompiledPolicy {
  const program = loadProgram("policy.ffpolicy", text, { read: () => ({ error: "no imports in tests" }), resolve: (_f, s) => s });
  const check = checkProgram(program, defaultCatalogue());
  const errors = [...check.diagnostics.values()].flat().filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`policy has errors:\n${checkText(text).join("\n")}`);
  return compilePolicy(lowerProgram(program, check.symbols, defaultCatalogue()));
}

export interface DecideOptions {
  readonly provider?: string;
  readonly claims?: Identity["claims"];
  readonly facts?: FactsSource;
  readonly cwd?: string | null;
  readonly fs?: FileSystem;
  readonly history?: History;
}

/** Decide a command (a shell-style string starting with ffmpeg) against a compiled policy. */
export function decideCommand(policy: CompiledPolicy, command: string, options: DecideOptions = {}): Decision {
  const words = splitShellWords(command);
  if (!words.ok) throw new Error(words.message);
  return decide(
    policy,
    { identity: { provider: options.provider ?? "okta", claims: options.claims ?? { sub: "alice" } }, argv: words.words },
    {
      catalogue: defaultCatalogue(),
      effects: loadEffects(),
      facts: options.facts ?? (() => null),
      cwd: options.cwd === undefined ? "/work" : options.cwd,
      fs: options.fs ?? NO_FILES,
      history: options.history ?? EMPTY_HISTORY,
      explain: true,
    },
  );
}
