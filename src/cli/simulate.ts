// `ffpolicy simulate POLICY --as P --claims J [--facts F] [--history H] [--cwd D] [--json] -- ffmpeg ARGS…`
// and the batch form `--commands FILE`. Exit 0 allow (pending included), 1 deny, 2 error.

import { decide } from "../engine/evaluate.js";
import type { Decision } from "../engine/decision.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { splitShellWords } from "../ffmpeg/shell-words.js";
import { formatDecision } from "./decision-report.js";
import { EXIT, readText, UsageError, type Io } from "./io.js";
import { machineEnvironment, parseClaims, policyForDecisions, requireProvider } from "./policy-input.js";

export interface SimulateOptions {
  readonly as: string;
  readonly claims: string;
  readonly facts?: string;
  readonly history: readonly string[];
  readonly cwd?: string;
  readonly json: boolean;
  readonly commands?: string;
}

export function runSimulate(policyPath: string, command: readonly string[], options: SimulateOptions, catalogue: CatalogueIndex, io: Io): number {
  const loaded = policyForDecisions(policyPath, catalogue, io);
  requireProvider(options.as, loaded.ir);
  const identity = { provider: options.as, claims: parseClaims(options.claims) };
  const env = machineEnvironment(loaded.catalogue, options);
  if (options.commands !== undefined) {
    if (command.length > 0) throw new UsageError("give either --commands FILE or a command after --, not both");
    return batch(readCommands(options.commands), (argv) => decide(loaded.policy, { identity, argv }, env), options.json, io);
  }
  if (command.length === 0) throw new UsageError("give the command to simulate after --, like: -- ffmpeg -i in.mov out.mp4");
  const decision = decide(loaded.policy, { identity, argv: command }, env);
  io.out(options.json ? `${JSON.stringify(decision, null, 2)}\n` : formatDecision(decision));
  return decision.verdict === "allow" ? EXIT.ok : EXIT.failed;
}

export interface CommandLine {
  readonly line: number;
  readonly text: string;
  readonly argv: readonly string[];
}

/** A commands file: one command a line, POSIX word splitting, `#` comments. */
export function readCommands(path: string): CommandLine[] {
  return readText(path)
    .split("\n")
    .flatMap((text, i) => {
      if (text.trim() === "" || text.trim().startsWith("#")) return [];
      const words = splitShellWords(text);
      if (!words.ok) throw new UsageError(`${path}:${i + 1}: ${words.message}`);
      return [{ line: i + 1, text: text.trim(), argv: words.words }];
    });
}

function batch(commands: readonly CommandLine[], decideOne: (argv: readonly string[]) => Decision, json: boolean, io: Io): number {
  const results = commands.map((command) => ({ command, decision: decideOne(command.argv) }));
  if (json) {
    io.out(
      `${JSON.stringify(
        results.map((r) => ({ line: r.command.line, command: r.command.text, decision: r.decision })),
        null,
        2,
      )}\n`,
    );
  } else {
    const width = Math.max(4, ...results.map((r) => String(r.command.line).length));
    io.out(`${"line".padEnd(width)}  verdict  command / reason\n`);
    for (const { command, decision } of results) {
      const verdict = decision.verdict === "deny" ? "deny" : decision.pending.length > 0 ? "allow?" : "allow";
      io.out(`${String(command.line).padEnd(width)}  ${verdict.padEnd(7)}  ${command.text}\n`);
      if (decision.verdict === "deny") io.out(`${" ".repeat(width)}           ${decision.reasons[0]}\n`);
    }
    const denied = results.filter((r) => r.decision.verdict === "deny").length;
    const pending = results.filter((r) => r.decision.verdict === "allow" && r.decision.pending.length > 0).length;
    io.out(`${results.length - denied} allowed (${pending} pending run-time checks), ${denied} denied\n`);
  }
  return results.every((r) => r.decision.verdict === "allow") ? EXIT.ok : EXIT.failed;
}
