// Decisions per second against Cedar (DESIGN.md targets: decision on the IR, argv parse
// included, median ≤ 20 µs, flat from 10 to 1,000 roles; ≥ 10× faster than Cedar's
// pre-parsed `statefulIsAuthorized` on an equivalent policy, same requests, same run).
//
// ffpolicy is timed on the whole `decide()` as the enforcer calls it (explain off): argv
// split, job resolution, identity mapping, role checks, forbids, alerts, the decision
// record with its reasons. Cedar is timed on `statefulIsAuthorized` alone, its
// policy set pre-parsed and its context (the resolved job) built beforehand. Before any
// timing, every request must get the same verdict from both, and the one it was written for.

import { defaultCatalogue } from "../src/ffmpeg/catalogue/index.js";
import { readCommand } from "../src/ffmpeg/command.js";
import { loadEffects } from "../src/ffmpeg/job/effects.js";
import { compilePolicy, type CompiledPolicy } from "../src/engine/compile.js";
import { decide, type Environment, type Request } from "../src/engine/evaluate.js";
import { EMPTY_HISTORY } from "../src/engine/history.js";
import { NO_FILES } from "../src/engine/targets.js";
import { checkProgram } from "../src/semantics/check.js";
import { lowerProgram } from "../src/semantics/lower.js";
import { loadProgram } from "../src/workspace/load.js";
import { authorize, cedarCall, cedarVersion, contextOf, decisionOf, entitiesFor, preparse } from "./cedar.js";
import { benchRequests, cedarText, ffpolicyText, type BenchRequest } from "./generate-roles.js";
import { fixed, median, printTable, quantile } from "./table.js";

const TARGET_MEDIAN_US = 20;
const TARGET_RATIO = 10;
const ROLE_COUNTS = [10, 100, 1_000];
/** Batches timed per request and engine, each sized to take about CASE_BUDGET_US / SAMPLES (at least one call). */
const SAMPLES = 40;
const CASE_BUDGET_US = 120_000;
/** Warm-up per engine and policy size: this long and at least this many rounds over all requests. */
const WARM_UP_MS = 1_000;
const WARM_UP_ROUNDS = 3;

export function compileText(text: string): CompiledPolicy {
  const catalogue = defaultCatalogue();
  const program = loadProgram("decide-bench.ffpolicy", text, { read: () => ({ error: "no imports" }), resolve: (_f, s) => s });
  const check = checkProgram(program, catalogue);
  const errors = [...check.diagnostics.values()].flat().filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `generated policy has errors: ${errors
        .slice(0, 3)
        .map((d) => d.message)
        .join("; ")}`,
    );
  return compilePolicy(lowerProgram(program, check.symbols, catalogue));
}

/** As the enforcer decides: no explanations for a person (they scan every map rule and role on a deny). */
export function benchEnvironment(): Environment {
  return { catalogue: defaultCatalogue(), effects: loadEffects(), facts: () => null, cwd: "/work", fs: NO_FILES, history: EMPTY_HISTORY, explain: false };
}

export interface Case {
  readonly request: BenchRequest;
  readonly ffpolicy: () => unknown;
  readonly cedar: () => unknown;
}

/** Both engines' calls for every request of a policy of `roles` roles, after checking that they agree. */
export function decideCases(roles: number, env: Environment = benchEnvironment()): Case[] {
  const policy = compileText(ffpolicyText(roles));
  const policySetId = `decide-bench-${roles}`;
  preparse(policySetId, cedarText(roles));
  return benchRequests(roles).map((request) => {
    const groups = ["staff", `team-${request.team}`];
    const user = `user${request.team}`;
    const ffRequest: Request = { identity: { provider: "okta", claims: { sub: user, groups } }, argv: request.argv };
    const read = readCommand(request.argv.slice(1), env.catalogue, env.effects, env.facts);
    if (!read.ok) throw new Error(`${request.name}: ffmpeg refuses it: ${read.refusal.message}`);
    const call = cedarCall(policySetId, user, entitiesFor(user, groups), contextOf(read.job, env.cwd ?? "/"));
    const ours = decide(policy, ffRequest, env);
    const theirs = decisionOf(authorize(call));
    if (ours.verdict !== theirs.decision || ours.verdict !== request.expect) {
      throw new Error(
        `${roles} roles, '${request.name}' (team ${request.team}): expected ${request.expect}, ffpolicy ${ours.verdict} (${ours.reasons.join("; ") || "no reasons"}), ` +
          `Cedar ${theirs.decision} (${theirs.reasons.join(", ") || "no policy"}); context ${JSON.stringify(call.context)}`,
      );
    }
    return { request, ffpolicy: () => decide(policy, ffRequest, env), cedar: () => authorize(call) };
  });
}

let sink: unknown = null;

/** Round-robin over `fns` for WARM_UP_MS and at least WARM_UP_ROUNDS rounds. */
function warmUp(fns: readonly (() => unknown)[]): void {
  const end = performance.now() + WARM_UP_MS;
  for (let i = 0; i < WARM_UP_ROUNDS * fns.length || performance.now() < end; i++) sink = fns[i % fns.length]!();
}

function batchSize(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 3; i++) sink = fn();
  const estimate = Number(process.hrtime.bigint() - start) / 1000 / 3;
  return Math.max(1, Math.round(CASE_BUDGET_US / SAMPLES / estimate));
}

function batch(fn: () => unknown, size: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < size; i++) sink = fn();
  return Number(process.hrtime.bigint() - start) / 1000 / size;
}

/**
 * µs per call for both engines: SAMPLES batch means each (so every request weighs the same
 * in the mix), their batches alternating so that a busy moment of the machine hits both.
 */
function measure(c: Case): { ours: number[]; theirs: number[] } {
  const oursSize = batchSize(c.ffpolicy);
  const theirsSize = batchSize(c.cedar);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let b = 0; b < SAMPLES; b++) {
    ours.push(batch(c.ffpolicy, oursSize));
    theirs.push(batch(c.cedar, theirsSize));
  }
  return { ours, theirs };
}

const yesNo = (ok: boolean) => (ok ? "yes" : "NO");

export function benchDecide(): void {
  const env = benchEnvironment();
  const gc = (globalThis as { gc?: () => void }).gc;
  const rows: string[][] = [];
  const perRequest = new Map<string, string[]>();
  let checked = 0;
  let allowed = 0;
  let baseline = 0;
  for (const roles of ROLE_COUNTS) {
    const cases = decideCases(roles, env);
    checked += cases.length;
    allowed += cases.filter((c) => c.request.expect === "allow").length;
    gc?.();
    warmUp(cases.map((c) => c.ffpolicy));
    warmUp(cases.map((c) => c.cedar));
    const ours: number[] = [];
    const theirs: number[] = [];
    const oursBy = { allow: [] as number[], deny: [] as number[] };
    const byName = new Map<string, { ours: number[]; theirs: number[] }>();
    for (const c of cases) {
      const { ours: o, theirs: t } = measure(c);
      ours.push(...o);
      oursBy[c.request.expect].push(...o);
      theirs.push(...t);
      const entry = byName.get(c.request.name) ?? { ours: [], theirs: [] };
      entry.ours.push(...o);
      entry.theirs.push(...t);
      byName.set(c.request.name, entry);
    }
    const m = median(ours);
    const cm = median(theirs);
    if (roles === ROLE_COUNTS[0]) baseline = m;
    const allows = cases.filter((c) => c.request.expect === "allow").length;
    rows.push([
      fixed(roles, 0),
      `${allows}/${cases.length - allows}`,
      fixed(m, 1),
      fixed(quantile(ours, 0.99), 1),
      `${fixed(median(oursBy.allow), 1)} / ${fixed(median(oursBy.deny), 1)}`,
      `${fixed(m / baseline, 2)}×`,
      fixed(cm, 1),
      fixed(quantile(theirs, 0.99), 1),
      `${fixed(cm / m, 1)}×`,
      yesNo(m <= TARGET_MEDIAN_US),
      yesNo(cm / m >= TARGET_RATIO),
    ]);
    for (const [name, { ours: o, theirs: t }] of byName) {
      const row = perRequest.get(name) ?? [name, cases.find((c) => c.request.name === name)!.request.expect];
      row.push(`${fixed(median(o), 1)} / ${fixed(median(t), 0)}`);
      perRequest.set(name, row);
    }
  }
  printTable(
    `decision, µs per request: ffpolicy decide() as the enforcer calls it (argv split + resolve included, explain off) vs Cedar ${cedarVersion()} statefulIsAuthorized\n` +
      `(pre-parsed policy set, one permit per role + forbids; its context built from ffpolicy's resolved job outside the timed call: Cedar gets the parsed command for free).\n` +
      `Allowed and denied requests for a member of the middle and of the last team; median and p99 of batch means.\n` +
      `Targets: median ≤ ${TARGET_MEDIAN_US} µs, flat from 10 to 1,000 roles, Cedar / ffpolicy ≥ ${TARGET_RATIO}×`,
    [
      "roles",
      "allow/deny",
      "ffpolicy median",
      "ffpolicy p99",
      "allowed / denied median",
      "vs 10 roles",
      "Cedar median",
      "Cedar p99",
      "Cedar / ffpolicy",
      `≤ ${TARGET_MEDIAN_US} µs`,
      `≥ ${TARGET_RATIO}×`,
    ],
    rows,
  );
  process.stdout.write(
    `equivalence: all ${checked} requests (${allowed} allowed, ${checked - allowed} denied) got the same verdict from ffpolicy and Cedar, the one each was written for\n`,
  );
  printTable(
    "decision by request, median µs, ffpolicy / Cedar (middle and last team together)",
    ["request", "expect", ...ROLE_COUNTS.map((n) => `${fixed(n, 0)} roles`)],
    [...perRequest.values()],
  );
}
