// `ffpolicy diff OLD NEW --commands FILE (--as P --claims J | --identities FILE)`: every
// command whose decision flips between two versions of a policy, with both explanations.
// Exit 0 when nothing changes, 1 when something does, 2 on error.

import type { Decision } from "../engine/decision.js";
import { decide } from "../engine/evaluate.js";
import type { Identity } from "../engine/identity.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import type { JsonValue } from "../ir/policy.js";
import { formatDecision } from "./decision-report.js";
import { EXIT, readText, UsageError, type Io } from "./io.js";
import { machineEnvironment, parseClaims, policyForDecisions, requireProvider } from "./policy-input.js";
import { readCommands } from "./simulate.js";

export interface DiffOptions {
  readonly commands: string;
  readonly as?: string;
  readonly claims?: string;
  readonly identities?: string;
  readonly facts?: string;
  readonly cwd?: string;
  readonly history: readonly string[];
  readonly json: boolean;
}

/** `--identities FILE`: a JSON list of `{ "provider": "okta", "claims": { … } }`; or `--as` with `--claims`. */
function readIdentities(options: DiffOptions): Identity[] {
  if (options.identities !== undefined) {
    if (options.as !== undefined || options.claims !== undefined) throw new UsageError("give --as PROVIDER --claims JSON or --identities FILE, not both");
    const text = readText(options.identities);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${options.identities} is not JSON: ${(error as Error).message}`);
    }
    const isObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
    if (!Array.isArray(data) || data.some((d) => !isObject(d) || typeof d.provider !== "string" || !isObject(d.claims))) {
      throw new UsageError(`${options.identities}: expected a list of {"provider": "…", "claims": {…}}`);
    }
    return data as Identity[];
  }
  if (options.as === undefined || options.claims === undefined) throw new UsageError("give --as PROVIDER --claims JSON, or --identities FILE");
  return [{ provider: options.as, claims: parseClaims(options.claims) as { [key: string]: JsonValue } }];
}

/** allow, allow pending run-time checks, or deny: a change between the first two is a change too. */
function outcome(decision: Decision): string {
  return decision.verdict === "deny" ? "deny" : decision.pending.length > 0 ? "allow (pending)" : "allow";
}

export function runDiff(oldPath: string, newPath: string, options: DiffOptions, catalogue: CatalogueIndex, io: Io): number {
  const before = policyForDecisions(oldPath, catalogue, io);
  const after = policyForDecisions(newPath, catalogue, io);
  const identities = readIdentities(options);
  for (const identity of identities) requireProvider(identity.provider, before.ir, after.ir);
  const commands = readCommands(options.commands);
  const env = machineEnvironment(after.catalogue, options);
  const changes = identities.flatMap((identity) =>
    commands.flatMap((command) => {
      const was = decide(before.policy, { identity, argv: command.argv }, env);
      const now = decide(after.policy, { identity, argv: command.argv }, env);
      return outcome(was) === outcome(now) ? [] : [{ identity, command, was, now }];
    }),
  );
  if (options.json) {
    io.out(
      `${JSON.stringify(
        changes.map((c) => ({ line: c.command.line, command: c.command.text, identity: c.identity, before: c.was, after: c.now })),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const change of changes) {
      io.out(`${options.commands}:${change.command.line}: ${outcome(change.was)} → ${outcome(change.now)}  ${change.command.text}\n`);
      io.out(`  as ${change.identity.provider} ${JSON.stringify(change.identity.claims)}\n`);
      io.out(`  before (${oldPath}):\n${formatDecision(change.was).replace(/^(?=.)/gm, "    ")}`);
      io.out(`  after (${newPath}):\n${formatDecision(change.now).replace(/^(?=.)/gm, "    ")}`);
    }
    io.out(`${changes.length} decision${changes.length === 1 ? "" : "s"} changed (${commands.length} commands × ${identities.length} identities)\n`);
  }
  return changes.length === 0 ? EXIT.ok : EXIT.failed;
}
