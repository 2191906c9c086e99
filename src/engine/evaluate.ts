// The decision (DESIGN.md, "Decision semantics"). Default deny. Each output — with the
// streams, filters and side files it writes — must be allowed whole by ONE role that may
// also read every input feeding it; actions that belong to no output need one role each;
// any forbid denies; what ffmpeg would refuse denies; only the run can settle the rest.

import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { isFfmpeg, readCommand } from "../ffmpeg/command.js";
import type { Effects } from "../ffmpeg/job/effects.js";
import type { Access, Endpoint, FactsSource, Job, JobOutput, ProtectionOverride } from "../ffmpeg/job/model.js";
import type { FilterUse } from "../ffmpeg/filtergraph.js";
import type { RoleIR } from "../ir/policy.js";
import type { CompiledPolicy } from "./compile.js";
import type { AlertHit, Check, Decision, ForbidHit, GlobalVerdict, OutputVerdict, RoleAnswer } from "./decision.js";
import { forbidHits } from "./forbids.js";
import type { History } from "./history.js";
import { mapIdentity, rolesOf, type Identity } from "./identity.js";
import {
  codeOrSocketCheck,
  deviceCheck,
  denied,
  filterChecks,
  listenCheck,
  ok,
  pending,
  protectionCheck,
  protocolChecks,
  readCheck,
  streamChecks,
  writeCheck,
  type RoleContext,
} from "./role-checks.js";
import { namingsOf, resolveNamed } from "./names.js";
import { networkTarget, resolveTarget, type FileSystem, type Target } from "./targets.js";

export interface Environment {
  readonly catalogue: CatalogueIndex;
  readonly effects: Effects;
  /** Facts about inputs (test facts, probing); null for none. */
  readonly facts: FactsSource;
  /** Where relative paths are resolved; null when unknown (relative paths are then denied). */
  readonly cwd: string | null;
  readonly fs: FileSystem;
  readonly history: History;
  /**
   * Add the explanations a person reads on a deny (each map rule's verdict; the roles not
   * held that would allow a denied output). They cost a pass over every rule and role, so
   * the enforcer leaves them out; simulate, test and diff ask for them.
   */
  readonly explain?: boolean;
}

export interface Request {
  readonly identity: Identity;
  /** The whole command, program first (`ffmpeg`, …). */
  readonly argv: readonly string[];
}

/** Where an action of the job comes from. */
interface Place {
  readonly input: number | null;
  readonly output: number | null;
}

/** Everything one output covers, gathered once: its accesses, endpoints, filters, protections and inputs. */
interface OutputScope {
  readonly output: JobOutput;
  readonly inputs: readonly number[];
  /** Whether an action at this place (of a graph, when it has one) belongs to the output. */
  readonly covers: (where: Place, graph: number | null) => boolean;
  readonly accesses: readonly Access[];
  readonly endpoints: readonly Endpoint[];
  readonly filters: readonly FilterUse[];
  readonly protections: readonly ProtectionOverride[];
}

export function decide(policy: CompiledPolicy, request: Request, env: Environment): Decision {
  const ir = policy.ir;
  const identity = request.identity;
  const roles = rolesOf(policy, identity);
  const subject = typeof identity.claims["sub"] === "string" ? identity.claims["sub"] : null;
  // The rule-by-rule mapping explains a deny; an allow does not need it (it costs a pass over every map rule).
  const explainMapping = () => ({ provider: identity.provider, subject, roles, mapping: mapIdentity(ir, identity).rules });
  const base = { enforced: ir.mode === "enforce", identity: { provider: identity.provider, subject, roles, mapping: [] as Decision["identity"]["mapping"] } };
  if (!isFfmpeg(request.argv[0])) return refusal({ ...base, identity: explainMapping() }, `the command runs '${request.argv[0] ?? ""}', not ffmpeg`);
  const read = readCommand(request.argv.slice(1), env.catalogue, env.effects, env.facts);
  if (!read.ok) return refusal({ ...base, identity: explainMapping() }, `ffmpeg refuses this command: ${read.refusal.message}`);
  const job = read.job;
  // Each access touches one target, or more when ffmpeg expands its name at run time (names.ts): all are judged.
  const namings = namingsOf(job);
  const targets = new Map<Access, readonly Target[]>(
    job.accesses.map((a) => {
      const naming = namings.get(a);
      if (a.url === null) return [a, [{ kind: "unjudgeable", reason: a.target }]];
      return [a, naming === undefined ? [resolveTarget(a.url, env.cwd, env.fs)] : resolveNamed(a.url, naming, env.cwd, env.fs)];
    }),
  );
  const heldRoles = roles.map((name) => ir.roles[name]!);
  const contexts = heldRoles.map((role) => ({ role, claims: identity.claims }));

  const scopes = job.outputs.map((output) => outputScope(job, output));
  const problems = job.problems.map((p) => p.message);
  const others = env.explain === true ? { policy, claims: identity.claims } : null;
  const outputs = scopes.map((scope) => judgeOutput(scope, job, contexts, targets, env, others));
  const global = judgeGlobal(job, scopes, contexts, targets);
  const { hits: forbids, pending: forbidPending } = forbidHits(ir, job, targets, identity.claims);
  // An information-only command is not a job: limits and alerts do not count it.
  const alerts = job.info ? [] : alertHits(ir, roles, job, env.history);

  // Plain loops from here on: this runs on every job the enforcer decides.
  const reasons: string[] = [...problems];
  for (const f of forbids) reasons.push(`forbidden: ${f.what} (${f.rule.file}:${f.rule.line})`);
  for (const a of alerts) if (a.action === "block") reasons.push(`alert '${a.name}' blocks: ${a.reason}`);
  if (roles.length === 0 && !job.info) reasons.push(`${identity.provider} identity ${subject ?? ""} holds no role: no map rule matches it`);
  for (const o of outputs) if (!o.allowed) reasons.push(outputReason(o));
  for (const g of global) if (!g.allowed) reasons.push(`${g.what}: ${g.checks.find((c) => c.verdict === "denied")?.reason ?? "no role allows it"}`);
  const allowed = reasons.length === 0;
  return {
    enforced: base.enforced,
    identity: allowed || env.explain !== true ? base.identity : explainMapping(),
    verdict: allowed ? "allow" : "deny",
    pending: allowed ? pendingChecks(job, outputs, forbidPending) : [],
    info: job.info,
    outputs,
    global,
    forbids,
    alerts,
    problems,
    reasons,
  };
}

/** What only the run can settle: files inputs list, and the chosen roles' pending checks. */
function pendingChecks(job: Job, outputs: readonly OutputVerdict[], forbidden: readonly string[]): string[] {
  const checks = new Set<string>(forbidden);
  for (const p of job.pending) checks.add(`before the run, probe ${p}`);
  for (const output of outputs) for (const c of chosenChecks(output)) if (c.verdict === "pending") checks.add(`${c.what}: ${c.reason}`);
  return [...checks];
}

function refusal(base: Pick<Decision, "enforced" | "identity">, problem: string): Decision {
  return { ...base, verdict: "deny", pending: [], info: false, outputs: [], global: [], forbids: [], alerts: [], problems: [problem], reasons: [problem] };
}

function chosenChecks(output: OutputVerdict): readonly Check[] {
  return output.answers.find((a) => a.role === output.by)?.checks ?? [];
}

function outputReason(output: OutputVerdict): string {
  const best = [...output.answers].sort((a, b) => denials(a) - denials(b))[0];
  const first = best?.checks.find((c) => c.verdict === "denied");
  const detail = best === undefined ? "no role held" : `${best.role}: ${first?.what} — ${first?.reason}${first?.fix ? ` (${first.fix})` : ""}`;
  const others = output.otherRoles.length > 0 ? `; role ${output.otherRoles.join(" or ")} would allow it` : "";
  return `output #${output.output} (${output.url}) is not allowed by any role held (${detail})${others}`;
}

function denials(answer: RoleAnswer): number {
  return answer.checks.filter((c) => c.verdict === "denied").length;
}

/** The graphs, inputs and side actions an output depends on. */
function outputScope(job: Job, output: JobOutput): OutputScope {
  const graphs = new Set<number>();
  const inputs = new Set<number>();
  const filters: FilterUse[] = [];
  for (const stream of output.streams) {
    if (stream.source.kind === "graph") graphs.add(stream.source.graph);
    for (const input of stream.inputs) inputs.add(input);
    for (const filter of stream.filters) filters.push(filter);
  }
  for (const input of inputs) for (const filter of job.inputs[input]?.graph ?? []) filters.push(filter);
  // An input the output copies metadata or chapters from feeds it too: the role must read it.
  const read = new Set([...inputs, ...output.copiesFrom]);
  const covers = (where: Place, graph: number | null) =>
    where.output === output.index || (graph !== null && graphs.has(graph)) || (where.input !== null && read.has(where.input));
  return {
    output,
    inputs: [...inputs],
    covers,
    accesses: job.accesses.filter((a) => covers(a, a.graph)),
    endpoints: job.endpoints.filter((e) => covers(e, null)),
    filters,
    protections: job.protections.filter((p) => covers(p, null)),
  };
}

function judgeOutput(
  scope: OutputScope,
  job: Job,
  contexts: readonly RoleContext[],
  targets: ReadonlyMap<Access, readonly Target[]>,
  env: Environment,
  others: { readonly policy: CompiledPolicy; readonly claims: Identity["claims"] } | null,
): OutputVerdict {
  const answers: RoleAnswer[] = contexts.map((ctx) => {
    const checks = outputChecks(ctx, scope, job, targets, env);
    return { role: ctx.role.name, allowed: checks.every((c) => c.verdict !== "denied"), checks };
  });
  const strict = answers.find((a) => a.allowed && a.checks.every((c) => c.verdict === "ok"));
  const by = strict ?? answers.find((a) => a.allowed) ?? null;
  const url = scope.output.url.raw;
  const held = new Set(contexts.map((c) => c.role.name));
  // Only on a deny: which roles of the policy, not held, would have allowed it ("needs role publisher").
  const otherRoles =
    by !== null || others === null
      ? []
      : Object.values(others.policy.ir.roles)
          .filter((role) => !held.has(role.name))
          .filter((role) => outputChecks({ role, claims: others.claims }, scope, job, targets, env).every((c) => c.verdict !== "denied"))
          .map((role) => role.name);
  return { output: scope.output.index, url, allowed: by !== null, by: by?.role ?? null, answers, otherRoles };
}

function outputChecks(ctx: RoleContext, scope: OutputScope, job: Job, targets: ReadonlyMap<Access, readonly Target[]>, env: Environment): Check[] {
  const checks: Check[] = [];
  // A url the command serves (-listen 1, srt mode=listener) is granted by `allow listen` alone.
  const served = new Set(scope.endpoints.filter((e) => e.server).map((e) => e.url.raw));
  for (const access of scope.accesses) {
    if (access.url?.kind === "network" && served.has(access.url.raw)) checks.push(...protocolChecks(ctx, access));
    else checks.push(...accessChecks(ctx, access, targets.get(access)!));
  }
  for (const endpoint of scope.endpoints) {
    const direction = endpoint.output !== null ? writeCheck : readCheck;
    if (endpoint.server) checks.push(listenCheck(ctx, endpoint.url, endpoint.via));
    else if (endpoint.redirected) checks.push(direction(ctx, networkTarget(endpoint.url), endpoint.via));
  }
  for (const stream of scope.output.streams) {
    const source =
      stream.source.kind === "input"
        ? { input: job.inputs[stream.source.input] ?? null, facts: job.inputs[stream.source.input]?.streams[stream.source.stream] ?? null }
        : { input: null, facts: null };
    checks.push(...streamChecks(ctx, stream, source));
  }
  checks.push(...formatChecks(ctx.role, scope.output));
  checks.push(...boundChecks(ctx.role, scope, job));
  const protectedUse = (name: string) => scope.accesses.some((a) => (a.kind === "load-code" || a.kind === "bind") && a.via.startsWith(`filter ${name} `));
  checks.push(...filterChecks(ctx, scope.filters, protectedUse));
  for (const override of scope.protections) checks.push(protectionCheck(ctx, override));
  const limit = ctx.role.jobLimit;
  if (limit !== null) {
    const count = env.history.jobs(ctx.role.name, limit.value.windowMs);
    const what = `job limit of role ${ctx.role.name}`;
    checks.push(
      count + 1 > limit.value.count ? denied(what, `${count} jobs already ran in the window; the limit is ${limit.value.count}`, limit.at) : ok(what, limit.at),
    );
  }
  return checks;
}

function accessChecks(ctx: RoleContext, access: Access, targets: readonly Target[]): Check[] {
  // A further target of a name ffmpeg expands says which existing name leads there.
  const via = (target: Target) => (target.kind === "path" && target.as !== undefined ? `${access.via}, as ${target.as}` : access.via);
  switch (access.kind) {
    case "read":
      return [...targets.map((target) => readCheck(ctx, target, via(target))), ...protocolChecks(ctx, access)];
    case "write":
      return [...targets.map((target) => writeCheck(ctx, target, via(target))), ...protocolChecks(ctx, access)];
    case "device":
      return [deviceCheck(ctx, access)];
    case "load-code":
    case "bind":
      return [codeOrSocketCheck(ctx, access)];
  }
}

function formatChecks(role: RoleIR, output: JobOutput): Check[] {
  if (role.formats === null) return [];
  const formats = new Set(output.destinations.length > 0 ? output.destinations.map((d) => d.format) : [output.format]);
  return [...formats].map((format) => {
    const what = `format ${format ?? "(none)"}`;
    return format !== null && role.formats!.values.includes(format)
      ? ok(what, role.formats!.at)
      : denied(what, `role ${role.name} allows ${role.formats!.values.join(", ")}`, role.formats!.at, `use -f ${role.formats!.values[0]}`);
  });
}

/** `duration <=` from -t/-to or the inputs' facts; `size <=` from -fs. */
function boundChecks(role: RoleIR, scope: OutputScope, job: Job): Check[] {
  const checks: Check[] = [];
  if (role.duration !== null) {
    const limit = role.duration.value;
    const what = "output duration";
    const inputs = scope.inputs.map((i) => job.inputs[i]!);
    // An input lasts as long as its longest stream with a known duration — unless looping, rescaling or retiming filters stretch it.
    const retimed = inputs.some((i) => i.retimed) || scope.output.streams.some((s) => s.retimed);
    const lengths = inputs.map((i) => (i.assumed || retimed ? null : Math.max(-1, ...i.streams.map((s) => s.duration ?? -1))));
    const known = scope.output.duration ?? (lengths.every((l) => l !== null && l >= 0) ? Math.max(0, ...(lengths as number[])) : null);
    const unbounded = scope.output.unbounded;
    if (unbounded !== null) checks.push(denied(what, unbounded.why, role.duration.at, unbounded.fix));
    else if (known !== null)
      checks.push(
        known <= limit ? ok(what, role.duration.at) : denied(what, `${known / 1000}s, over ${limit / 1000}s`, role.duration.at, `add -t ${limit / 1000}`),
      );
    else if (!retimed && inputs.some((i) => i.assumed)) checks.push(pending(what, `the inputs must last ≤ ${limit / 1000}s`, role.duration.at));
    else checks.push(denied(what, "cannot tell how long the output is", role.duration.at, `add -t ${limit / 1000}`));
  }
  if (role.size !== null) {
    const what = "output size";
    const limit = scope.output.sizeLimit;
    checks.push(
      limit.kind === "bytes" && limit.bytes <= role.size.value
        ? ok(what, role.size.at)
        : denied(what, limit.kind === "none" ? limit.why : `-fs ${limit.bytes} is over ${role.size.value}`, role.size.at, `add -fs ${role.size.value}`),
    );
  }
  return checks;
}

/**
 * Actions no output covers, each judged whole by one role: an input no output reads, with
 * everything its own options do (`-dump_attachment` writes what it reads); a file written
 * for the whole command (`-report`, `-progress`, `-vstats_file`, `-sdp_file`), which can
 * hold what any input holds (`-report -hex -dump` logs its packets), with a read of every
 * input; anything else (a global device, a protection switched off) on its own.
 */
function judgeGlobal(
  job: Job,
  scopes: readonly OutputScope[],
  contexts: readonly RoleContext[],
  targets: ReadonlyMap<Access, readonly Target[]>,
): GlobalVerdict[] {
  // Every output is a scope, so an action is global unless it is outside all of them.
  const global = (where: Place, graph: number | null) => where.output === null && !scopes.some((scope) => scope.covers(where, graph));
  const actions: GlobalAction[] = [];
  const inputReads = job.accesses.filter((a) => a.kind === "read" && a.input !== null);
  const checkAccess = (ctx: RoleContext, access: Access) => accessChecks(ctx, access, targets.get(access)!);
  for (const access of job.accesses) {
    if (!global(access, access.graph)) continue;
    const withInputs = access.kind === "write" && access.input === null;
    actions.push({
      what: `${access.kind} ${access.target} (${access.via})${withInputs ? ", which may hold what any input holds" : ""}`,
      where: access,
      check: (ctx) => [...checkAccess(ctx, access), ...(withInputs ? inputReads.flatMap((read) => checkAccess(ctx, read)) : [])],
    });
  }
  for (const endpoint of job.endpoints) {
    if (!global(endpoint, null) || !(endpoint.server || endpoint.redirected)) continue;
    const direction = endpoint.output !== null ? writeCheck : readCheck;
    actions.push({
      what: `${endpoint.server ? "serve" : "connect to"} ${endpoint.url.raw}`,
      where: endpoint,
      check: (ctx) => [endpoint.server ? listenCheck(ctx, endpoint.url, endpoint.via) : direction(ctx, networkTarget(endpoint.url), endpoint.via)],
    });
  }
  for (const override of job.protections)
    if (global(override, null))
      actions.push({ what: `-${override.option} ${override.value}`, where: override, check: (ctx) => [protectionCheck(ctx, override)] });
  return [...groupByInput(job, actions), ...actions.filter((a) => a.where.input === null)].map(({ what, check }) => judgeAlone(what, check, contexts));
}

/** An action no output covers: what it is, where it comes from, and its checks for a role. */
interface GlobalAction {
  readonly what: string;
  readonly where: Place;
  readonly check: (ctx: RoleContext) => Check[];
}

/** The actions of each input no output reads, as one: one role must allow all of them. */
function groupByInput(job: Job, actions: readonly GlobalAction[]): Omit<GlobalAction, "where">[] {
  const byInput = new Map<number, GlobalAction[]>();
  for (const action of actions) if (action.where.input !== null) byInput.set(action.where.input, [...(byInput.get(action.where.input) ?? []), action]);
  return [...byInput].map(([input, grouped]) => ({
    what: grouped.length === 1 ? grouped[0]!.what : `input #${input} (${job.inputs[input]?.url.raw ?? ""}) and what its options do`,
    check: (ctx: RoleContext) => grouped.flatMap((action) => action.check(ctx)),
  }));
}

function judgeAlone(what: string, check: (ctx: RoleContext) => Check[], contexts: readonly RoleContext[]): GlobalVerdict {
  const answers = contexts.map((ctx) => ({ role: ctx.role.name, checks: check(ctx) }));
  const by = answers.find((a) => a.checks.every((c) => c.verdict !== "denied")) ?? null;
  return { what, allowed: by !== null, by: by?.role ?? null, checks: by?.checks ?? answers.flatMap((a) => a.checks) };
}

/** What an `unseen` alert watches, as it appears in this job. */
function watched(job: Job, subject: "codec" | "encoder" | "format" | "filter" | "destination"): string[] {
  const streams = job.outputs.flatMap((o) => o.streams);
  switch (subject) {
    case "codec":
      return streams.flatMap((s) => (s.codec === null ? [] : [s.codec]));
    case "encoder":
      return streams.flatMap((s) => (s.encoder === null ? [] : [s.encoder]));
    case "format":
      return job.outputs.flatMap((o) => (o.format === null ? [] : [o.format]));
    case "filter":
      return streams.flatMap((s) => s.filters.map((f) => f.name));
    case "destination":
      return job.outputs.flatMap((o) => o.destinations.map((d) => d.url.raw));
  }
}

/**
 * Alerts: a threshold fires when this job would take the count over it (a baseline one
 * only once ten windows of history exist); `unseen` fires for a value the history has not
 * seen in its window (never without history).
 */
function alertHits(ir: CompiledPolicy["ir"], roles: readonly string[], job: Job, history: History): AlertHit[] {
  const hits: AlertHit[] = [];
  for (const alert of ir.alerts) {
    const condition = alert.condition;
    if (condition.kind === "unseen") {
      if (!history.tracks(condition.subject)) continue;
      const fresh = [...new Set(watched(job, condition.subject))].filter((value) => !history.seen(condition.subject, value, condition.windowMs));
      if (fresh.length > 0)
        hits.push({ name: alert.name, action: alert.action, rule: alert.at, reason: `${condition.subject} ${fresh.join(", ")} not seen before` });
      continue;
    }
    for (const role of roles) {
      const jobs = history.jobs(role, condition.windowMs);
      const threshold = condition.baseline ? history.baseline(role, condition.windowMs) : condition.threshold;
      if (threshold === null) continue;
      const limit = condition.baseline ? threshold * condition.threshold : threshold;
      if (jobs + 1 > limit) {
        hits.push({
          name: alert.name,
          action: alert.action,
          rule: alert.at,
          reason: `${jobs + 1} jobs in ${condition.windowMs / 60000} min under role ${role}, over ${limit}`,
        });
        break;
      }
    }
  }
  return hits;
}
