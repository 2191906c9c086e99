// Cedar's side of the decision benchmark: the policy set pre-parsed once
// (`preparsePolicySet`), the identity as entities (a User in its Groups), and the
// resolved ffmpeg job mapped to a Cedar context — computed outside the timed call, so
// Cedar gets the parsed command for free. The mapping covers what the benchmark's
// requests do (one output, up to two reads, one video and one audio stream) and throws on
// anything else rather than guess.

import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { posix } from "node:path";
import type { Job, JobStream } from "../src/ffmpeg/job/model.js";
import type { Url } from "../src/ffmpeg/url.js";

type CedarValue = cedar.CedarValueJson;

export const cedarVersion = (): string => cedar.getCedarVersion();

/** Parse and cache a policy set in the wasm module, under `id`. */
export function preparse(id: string, text: string): void {
  const answer = cedar.preparsePolicySet(id, { staticPolicies: text });
  if (answer.type !== "success") throw new Error(`Cedar refuses the policy set: ${answer.errors.map((e) => e.message).join("; ")}`);
}

/** A member of ["staff", "team-k"]: the same identity ffpolicy sees as okta claims. */
export function entitiesFor(user: string, groups: readonly string[]): cedar.Entities {
  return [
    { uid: { type: "User", id: user }, attrs: {}, parents: groups.map((g) => ({ type: "Group", id: g })) },
    ...groups.map((g) => ({ uid: { type: "Group", id: g }, attrs: {}, parents: [] })),
  ];
}

/** The call statefulIsAuthorized is timed on: everything built beforehand. */
export function cedarCall(policySetId: string, user: string, entities: cedar.Entities, context: cedar.Context): cedar.StatefulAuthorizationCall {
  return {
    principal: { type: "User", id: user },
    action: { type: "Action", id: "ffmpeg" },
    resource: { type: "Job", id: "job" },
    context,
    preparsedPolicySetId: policySetId,
    entities,
  };
}

export function authorize(call: cedar.StatefulAuthorizationCall): cedar.AuthorizationAnswer {
  return cedar.statefulIsAuthorized(call);
}

export function decisionOf(answer: cedar.AuthorizationAnswer): { decision: "allow" | "deny"; reasons: string[] } {
  if (answer.type !== "success") throw new Error(`Cedar failed: ${answer.errors.map((e) => e.message).join("; ")}`);
  const errors = answer.response.diagnostics.errors;
  if (errors.length > 0) throw new Error(`Cedar policy errors: ${errors.map((e) => `${e.policyId}: ${e.error.message}`).join("; ")}`);
  return { decision: answer.response.decision, reasons: answer.response.diagnostics.reason };
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { rtmp: 1935, http: 80, https: 443 };

/** A path as ffpolicy judges it (cwd /work, nothing on disk), a url with scheme/host lowered and default port dropped. */
function target(url: Url | null, cwd: string): { kind: "path" | "url" | "other"; text: string; query: boolean } {
  if (url?.kind === "file") return { kind: "path", text: posix.normalize(url.path.startsWith("/") ? url.path : posix.join(cwd, url.path)), query: false };
  if (url?.kind === "network") {
    const scheme = url.scheme.toLowerCase();
    const port = url.port === null || url.port === DEFAULT_PORTS[scheme] ? "" : `:${url.port}`;
    return { kind: "url", text: `${scheme}://${url.host.toLowerCase()}${port}${url.path}`, query: url.query !== null };
  }
  return { kind: "other", text: url?.raw ?? "", query: false };
}

/**
 * The bitrate the command provably caps a stream at (DESIGN.md's rule): every rate setting
 * present known, ≥ 1000 bit/s, their maximum; none when nothing caps it or a quality
 * mode runs without -maxrate. Absent means Cedar's `has bitrate` fails: denied.
 */
function provenCap(stream: JobStream): number | null {
  const r = stream.rate;
  if (stream.encoder === "copy" || r.unmodelled.length > 0) throw new Error("the mapping does not model copy or unmodelled rate control");
  const present = [r.b, r.maxrate, r.paramsBitrate, r.paramsMaxrate].filter((v) => v !== null);
  if (present.length === 0) return null;
  let max = 0;
  for (const v of present) {
    if ("unknown" in v || v.value < 1000) return null;
    max = Math.max(max, v.value);
  }
  if (r.quality.length > 0 && r.maxrate === null && r.paramsMaxrate === null) return null;
  return max;
}

/** A read the policies' path grants can match: a local path; anything else matches none of them. */
function readText(read: ReturnType<typeof target>): string {
  return read.kind === "path" ? read.text : `(not a local path) ${read.text}`;
}

function streamRecord(stream: JobStream): Record<string, CedarValue> {
  const record: Record<string, CedarValue> = { codec: stream.codec ?? "" };
  const cap = provenCap(stream);
  if (cap !== null) record["bitrate"] = cap;
  if (stream.size !== null) {
    record["width"] = stream.size.width;
    record["height"] = stream.size.height;
  }
  return record;
}

/** The Cedar context for a resolved job: what ffpolicy's decision looks at, flattened. */
export function contextOf(job: Job, cwd = "/work"): cedar.Context {
  if (job.outputs.length !== 1) throw new Error(`the mapping models one output, not ${job.outputs.length}`);
  const others = job.accesses.filter((a) => a.kind !== "read" && a.kind !== "write");
  if (others.length > 0) throw new Error(`the mapping does not model ${others.map((a) => a.kind).join(", ")}`);
  if (job.protections.length > 0 || job.endpoints.some((e) => e.server)) throw new Error("the mapping does not model protections or servers");
  const reads = job.accesses.filter((a) => a.kind === "read").map((a) => target(a.url, cwd));
  const writes = job.accesses.filter((a) => a.kind === "write").map((a) => target(a.url, cwd));
  if (reads.length < 1 || reads.length > 2 || writes.length !== 1)
    throw new Error(`the mapping models 1–2 reads and 1 write, not ${reads.length} and ${writes.length}`);
  const output = job.outputs[0]!;
  const context: Record<string, CedarValue> = {
    input: readText(reads[0]!),
    outKind: writes[0]!.kind === "path" ? "write" : writes[0]!.kind === "url" ? "publish" : "other",
    out: writes[0]!.text,
    outQuery: writes[0]!.query,
    filters: [...new Set([...output.streams.flatMap((s) => s.filters), ...job.inputs.flatMap((i) => i.graph ?? [])].map((f) => f.name))],
  };
  if (reads[1] !== undefined) context["input2"] = readText(reads[1]);
  for (const media of ["video", "audio"] as const) {
    const streams = output.streams.filter((s) => s.media === media);
    if (streams.length > 1) throw new Error(`the mapping models one ${media} stream, not ${streams.length}`);
    if (streams[0] !== undefined) context[media] = streamRecord(streams[0]);
  }
  if (output.streams.some((s) => s.media !== "video" && s.media !== "audio")) throw new Error("the mapping models video and audio streams only");
  return context;
}
