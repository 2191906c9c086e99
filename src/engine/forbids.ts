// `forbid` rules apply to everyone, whatever the roles: any action that matches one denies.

import type { Access, Job, JobStream } from "../ffmpeg/job/model.js";
import type { JsonValue, PatternIR, PolicyIR } from "../ir/policy.js";
import type { ForbidHit } from "./decision.js";
import { matchesPath, matchesUrl } from "../ir/match.js";
import { fillTemplates } from "./patterns.js";
import type { Target } from "./targets.js";

/** A forbid whose template cannot be filled for this identity counts as matching: it fails closed. */
function matchesAny(patterns: readonly PatternIR[], target: Target, claims: { readonly [key: string]: JsonValue }): boolean {
  return patterns.some((p) => {
    const filled = fillTemplates(p, claims);
    if (!filled.ok) return target.kind === p.kind;
    if (target.kind === "path" && p.kind === "path") return matchesPath(filled.pattern, target.path);
    return target.kind === "url" && p.kind === "url" && matchesUrl(filled.pattern, target.url, "forbid");
  });
}

function protocolsOf(access: Access): string[] {
  const leaf =
    access.url === null
      ? []
      : access.url.kind === "network"
        ? [access.url.protocol]
        : access.url.kind === "file"
          ? ["file"]
          : access.url.kind === "pipe"
            ? ["pipe"]
            : [];
  return [...access.through, ...leaf];
}

function usedFilters(job: Job, streams: readonly JobStream[]): Set<string> {
  const names = new Set<string>();
  for (const stream of streams) for (const filter of stream.filters) names.add(filter.name);
  for (const input of job.inputs) for (const filter of input.graph ?? []) names.add(filter.name);
  return names;
}

/** The forbids a job hits, and what only the run can tell (a copied stream's codec). */
export function forbidHits(
  ir: PolicyIR,
  job: Job,
  targets: ReadonlyMap<Access, readonly Target[]>,
  claims: { readonly [key: string]: JsonValue },
): { hits: ForbidHit[]; pending: string[] } {
  const hits: ForbidHit[] = [];
  const pending: string[] = [];
  if (ir.forbids.length === 0) return { hits, pending };
  // Plain loops: this runs on every job the enforcer decides, and flatMap is slow in V8.
  const streams: JobStream[] = [];
  for (const output of job.outputs) streams.push(...output.streams);
  let filters: Set<string> | null = null;
  const filterNames = () => (filters ??= usedFilters(job, streams));
  for (const forbid of ir.forbids) {
    const hit = (what: string) => hits.push({ what, rule: forbid.at });
    switch (forbid.kind) {
      case "read":
      case "write":
      case "publish": {
        const kind = forbid.kind === "read" ? "read" : "write";
        for (const access of job.accesses.filter((a) => a.kind === kind)) {
          // Every target of the access: a name ffmpeg expands may also lead through an existing link.
          const target = targets.get(access)!.find((t) => {
            if (forbid.kind !== "read" && (forbid.kind === "publish") !== (t.kind === "url")) return false;
            return matchesAny(forbid.patterns, t, claims);
          });
          if (target !== undefined) hit(`${forbid.kind} ${access.target}${target.kind === "path" && target.as !== undefined ? ` (as ${target.as})` : ""}`);
        }
        for (const endpoint of job.endpoints.filter((e) => e.redirected && (e.output !== null) === (kind === "write"))) {
          if (forbid.kind !== "write" && matchesAny(forbid.patterns, { kind: "url", url: endpoint.url }, claims))
            hit(`${forbid.kind} ${endpoint.url.raw} (${endpoint.via})`);
        }
        break;
      }
      case "listen":
        for (const endpoint of job.endpoints.filter((e) => e.server && matchesAny(forbid.patterns, { kind: "url", url: e.url }, claims)))
          hit(`serve ${endpoint.url.raw}`);
        break;
      case "stdout":
        if (job.accesses.some((a) => a.kind === "write" && targets.get(a)?.some((t) => t.kind === "stdout"))) hit("write to standard output");
        break;
      case "codec":
      case "encoder":
        for (const stream of streams) {
          const value = forbid.kind === "codec" ? stream.codec : stream.encoder;
          if (stream.media !== forbid.media) continue;
          if (value !== null && forbid.values.includes(value)) hit(`${forbid.media} ${forbid.kind} ${value}`);
          else if (forbid.kind === "codec" && value === null && stream.encoder === "copy") {
            pending.push(
              `the copied ${forbid.media} stream ${stream.index} must not be ${forbid.values.join(" or ")} (forbid, ${forbid.at.file}:${forbid.at.line})`,
            );
          }
        }
        break;
      case "format":
        for (const format of new Set(job.outputs.flatMap((o) => [o.format, ...o.destinations.map((d) => d.format)])))
          if (format !== null && forbid.values.includes(format)) hit(`format ${format}`);
        break;
      case "filter":
        for (const name of filterNames()) if (forbid.values.includes(name)) hit(`filter ${name}`);
        break;
      case "protocol":
        for (const access of job.accesses)
          for (const protocol of protocolsOf(access)) if (forbid.values.includes(protocol)) hit(`protocol ${protocol} (${access.target})`);
        break;
      case "device":
        for (const access of job.accesses.filter((a) => a.kind === "device" && forbid.values.includes(a.target))) hit(`device ${access.target}`);
        break;
      case "option":
        for (const override of job.protections.filter((p) => forbid.values.includes(p.option))) hit(`-${override.option} ${override.value}`);
        break;
    }
  }
  return { hits, pending };
}
