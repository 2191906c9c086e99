// What one role says about one action: a path or url it reads or writes, a stream's
// codec, encoder, bitrate, size or frame rate, a filter, a format, a device, a protection
// switched off. Each answer is a Check citing the rule that decided it.

import type { Access, JobInput, JobStream, ProtectionOverride } from "../ffmpeg/job/model.js";
import type { FilterUse } from "../ffmpeg/filtergraph.js";
import type { NetworkUrl } from "../ffmpeg/url.js";
import type { JsonValue, LimitIR, PatternIR, RoleIR, SourceRef } from "../ir/policy.js";
import type { Check } from "./decision.js";
import { PROTECTED_FILTERS } from "./compile.js";
import { matchesPath, matchesUrl } from "../ir/match.js";
import { fillTemplates } from "./patterns.js";
import type { Target } from "./targets.js";

export function ok(what: string, rule: SourceRef | null): Check {
  return { what, verdict: "ok", rule, reason: null, fix: null };
}

export function denied(what: string, reason: string, rule: SourceRef | null = null, fix: string | null = null): Check {
  return { what, verdict: "denied", rule, reason, fix };
}

export function pending(what: string, reason: string, rule: SourceRef | null): Check {
  return { what, verdict: "pending", rule, reason, fix: null };
}

export interface RoleContext {
  readonly role: RoleIR;
  readonly claims: { readonly [key: string]: JsonValue };
}

/** The first pattern of a grant list that covers the target, or why none does. */
function findGrant(ctx: RoleContext, patterns: readonly PatternIR[], target: Target): { grant: PatternIR } | { reason: string | null } {
  let templateReason: string | null = null;
  for (const pattern of patterns) {
    const filled = fillTemplates(pattern, ctx.claims);
    if (!filled.ok) {
      templateReason ??= `${pattern.pattern}: ${filled.reason}`;
      continue;
    }
    if (target.kind === "path" && pattern.kind === "path" && matchesPath(filled.pattern, target.path)) return { grant: pattern };
    if (target.kind === "url" && pattern.kind === "url" && matchesUrl(filled.pattern, target.url)) return { grant: pattern };
  }
  return { reason: templateReason };
}

/** The fixed part of a grant (templates filled for this identity) before its first wildcard: where to go instead. */
function prefixOf(ctx: RoleContext, grant: PatternIR): string {
  const filled = fillTemplates(grant, ctx.claims);
  const pattern = filled.ok ? filled.pattern : grant.pattern;
  const cut = pattern.search(/[*{]/);
  const fixed = cut < 0 ? pattern : pattern.slice(0, cut);
  return fixed.slice(0, fixed.lastIndexOf("/") + 1) || fixed;
}

export function targetText(target: Target): string {
  switch (target.kind) {
    case "path":
      return target.path;
    case "url":
      return target.url.raw;
    case "stdout":
      return "standard output";
    case "stdin":
      return "standard input";
    case "inline":
      return "inline data";
    case "unjudgeable":
      return target.reason;
  }
}

/** Reading: `read` grants (paths and urls); standard input is the caller's own data. */
export function readCheck(ctx: RoleContext, target: Target, via: string): Check {
  const what = `read ${targetText(target)} (${via})`;
  // Standard input and inline data are the caller's own content (a `data:` url still needs `allow protocol data`).
  if (target.kind === "stdin" || target.kind === "inline") return ok(what, null);
  if (target.kind === "unjudgeable" || target.kind === "stdout") return denied(what, targetText(target));
  const found = findGrant(ctx, ctx.role.read, target);
  if ("grant" in found) return ok(what, found.grant.at);
  const near = ctx.role.read.find((p) => p.kind === (target.kind === "path" ? "path" : "url"));
  return denied(what, found.reason ?? `role ${ctx.role.name} reads nothing there`, null, near === undefined ? null : `read from under ${prefixOf(ctx, near)}`);
}

/** Writing: `write` for local paths, `publish` for network urls, `write stdout` for pipes. */
export function writeCheck(ctx: RoleContext, target: Target, via: string): Check {
  const what = `${target.kind === "url" ? "publish" : "write"} ${targetText(target)} (${via})`;
  switch (target.kind) {
    case "stdout":
      return ctx.role.stdout === null
        ? denied(what, `role ${ctx.role.name} does not grant 'write stdout'`, null, "add 'write stdout' to the role")
        : ok(what, ctx.role.stdout);
    case "unjudgeable":
    case "stdin":
    case "inline":
      return denied(what, targetText(target));
    case "path":
    case "url": {
      const patterns = target.kind === "path" ? ctx.role.write : ctx.role.publish;
      const found = findGrant(ctx, patterns, target);
      if ("grant" in found) return ok(what, found.grant.at);
      const fix = patterns[0] === undefined ? null : `${target.kind === "path" ? "write under" : "publish to"} ${prefixOf(ctx, patterns[0])}`;
      return denied(what, found.reason ?? `role ${ctx.role.name} ${target.kind === "path" ? "writes" : "publishes"} nothing there`, null, fix);
    }
  }
}

/** A server the command starts (`-listen 1`, srt `mode=listener`): only an `allow listen` grant covers it. */
export function listenCheck(ctx: RoleContext, url: NetworkUrl, via: string): Check {
  const what = `serve ${url.raw} (${via})`;
  const found = findGrant(ctx, ctx.role.allowListen, { kind: "url", url });
  return "grant" in found
    ? ok(what, found.grant.at)
    : denied(what, found.reason ?? `role ${ctx.role.name} does not allow listening there`, null, `add 'allow listen "${url.raw}"'`);
}

function grantedName(grants: readonly { value: string; at: SourceRef }[], name: string): SourceRef | null {
  return grants.find((g) => g.value === name)?.at ?? null;
}

export function protocolChecks(ctx: RoleContext, access: Access): Check[] {
  return access.through.map((protocol) => {
    const what = `open ${access.target} through the ${protocol} protocol (${access.via})`;
    const rule = grantedName(ctx.role.allowProtocols, protocol);
    return rule === null ? denied(what, `the ${protocol} protocol opens other urls`, null, `add 'allow protocol ${protocol}'`) : ok(what, rule);
  });
}

export function deviceCheck(ctx: RoleContext, access: Access): Check {
  const what = `use device ${access.target} (${access.via})`;
  const rule = grantedName(ctx.role.allowDevices, access.target);
  return rule === null ? denied(what, `devices are granted only explicitly`, null, `add 'allow device ${access.target}'`) : ok(what, rule);
}

/** Code loaded or a socket bound by a filter: allowed with that filter; from any other option, never. */
export function codeOrSocketCheck(ctx: RoleContext, access: Access): Check {
  const what = `${access.kind === "bind" ? "bind" : "load code from"} ${access.target} (${access.via})`;
  const filter = /^filter (\S+) /.exec(access.via)?.[1];
  if (filter === undefined) return denied(what, "loading code outside a filter cannot be granted");
  const rule = grantedName(ctx.role.allowFilters, filter);
  return rule === null
    ? denied(what, `filter ${filter} ${access.kind === "bind" ? "binds a socket" : "loads code"}`, null, `add 'allow filter ${filter}'`)
    : ok(what, rule);
}

export function protectionCheck(ctx: RoleContext, override: ProtectionOverride): Check {
  const what = `-${override.option} ${override.value}`;
  const rule = grantedName(ctx.role.allowOptions, override.option);
  return rule === null
    ? denied(what, `-${override.option} switches off one of ffmpeg's protections`, null, `remove -${override.option}, or add 'allow option ${override.option}'`)
    : ok(what, rule);
}

/** Filters: `deny filter`, `filter in`, and the protected filters that need `allow filter`. */
export function filterChecks(ctx: RoleContext, filters: readonly FilterUse[], protectedUse: (name: string) => boolean): Check[] {
  const checks: Check[] = [];
  for (const name of new Set(filters.map((f) => f.name))) {
    const what = `filter ${name}`;
    const role = ctx.role;
    if (role.denyFilters?.values.includes(name)) checks.push(denied(what, `role ${role.name} denies it`, role.denyFilters.at, `remove the ${name} filter`));
    else if (role.onlyFilters !== null && !role.onlyFilters.values.includes(name))
      checks.push(denied(what, `role ${role.name} allows only ${role.onlyFilters.values.join(", ")}`, role.onlyFilters.at));
    if (PROTECTED_FILTERS.has(name) || protectedUse(name)) {
      const rule = grantedName(role.allowFilters, name);
      checks.push(
        rule === null ? denied(what, `filter ${name} loads code, binds sockets or reconfigures filters`, null, `add 'allow filter ${name}'`) : ok(what, rule),
      );
    }
  }
  return checks;
}

// ── streams ───────────────────────────────────────────────────────────────────────────

function show(bits: number): string {
  if (bits >= 1e6 && bits % 1e5 === 0) return `${bits / 1e6}M`;
  if (bits >= 1e3 && bits % 100 === 0) return `${bits / 1e3}k`;
  return `${bits} bit/s`;
}

/**
 * The bitrate rule (DESIGN.md): at least one rate setting; each one ≥ 1000 bit/s and ≤ the
 * limit; no quality mode unless -maxrate ≤ the limit caps it too. A copied stream is
 * judged by the input's own bitrate, known only from facts.
 */
export function bitrateCheck(stream: JobStream, limit: LimitIR<number>, facts: { bitrate: number | null; assumed: boolean }): Check {
  const what = `${stream.media} bitrate of stream ${stream.index}`;
  const cap = show(limit.value);
  const letter = stream.media[0];
  if (stream.encoder === "copy") {
    if (facts.bitrate === null)
      return facts.assumed
        ? pending(what, `the copied stream's bitrate must be ≤ ${cap}`, limit.at)
        : denied(what, "the copied stream's bitrate is not known", limit.at);
    return facts.bitrate <= limit.value
      ? ok(what, limit.at)
      : denied(what, `the copied stream runs at ${show(facts.bitrate)}, over ${cap}`, limit.at, `re-encode with -b:${letter} ${cap}`);
  }
  const rate = stream.rate;
  if (rate.unmodelled.length > 0) return denied(what, `${rate.unmodelled.join(", ")} changes rate control in a way no cap can be proven for`, limit.at);
  const settings: [string, (typeof rate)["b"]][] = [
    [`-b:${letter}`, rate.b],
    ["-maxrate", rate.maxrate],
    ["bitrate= in the params string", rate.paramsBitrate],
    ["vbv-maxrate= in the params string", rate.paramsMaxrate],
  ];
  const present = settings.filter(([, value]) => value !== null) as [string, NonNullable<(typeof rate)["b"]>][];
  // x264 and x265 ignore a maximum rate without a buffer size ("VBV maxrate specified, but no bufsize, ignored").
  const buffered = [rate.bufsize, rate.paramsBufsize].some((v) => v !== null && "value" in v && v.value > 0);
  const maxrate = buffered && (rate.maxrate !== null || rate.paramsMaxrate !== null);
  const unbuffered = !buffered && (rate.maxrate !== null || rate.paramsMaxrate !== null) ? ": a maximum rate without -bufsize is ignored" : "";
  const fix = `add -maxrate:${letter} ${cap} -bufsize:${letter} ${show(limit.value * 2)}`;
  if (rate.quality.length > 0 && !maxrate)
    return denied(what, `${rate.quality.map((q) => q.via).join(", ")} lets the encoder choose its bitrate${unbuffered}`, limit.at, fix);
  const uncapped = rate.quality.find((q) => !q.capped);
  if (uncapped !== undefined)
    return denied(
      what,
      `${uncapped.via} ${uncapped.value} is a constant quantiser, under which ${stream.encoder} ignores -maxrate`,
      limit.at,
      `use -b:${letter} ${cap}`,
    );
  if (!maxrate && rate.b === null && rate.paramsBitrate === null)
    return denied(
      what,
      `nothing caps it${unbuffered || ": ffmpeg's default encoder settings choose the bitrate"}`,
      limit.at,
      `add -b:${letter} ${cap} -maxrate:${letter} ${cap} -bufsize:${letter} ${show(limit.value * 2)}`,
    );
  for (const [name, value] of present) {
    if ("unknown" in value) return denied(what, `${name}: ${value.unknown}`, limit.at, `write ${name} as a number like ${cap}`);
    if (value.value < 1000)
      return denied(
        what,
        `${name} is ${value.value} bit/s, below 1000 bit/s, which encoders ignore (a lowercase m is milli: 5m = 0.005)`,
        limit.at,
        `write ${name} ${cap} or less, with a capital M`,
      );
    if (value.value > limit.value) return denied(what, `${name} is ${show(value.value)}, over ${cap}`, limit.at, `lower ${name} to ${cap} or less`);
  }
  return ok(what, limit.at);
}

export interface StreamInput {
  readonly input: JobInput | null;
  readonly facts: {
    readonly codec: string | null;
    readonly width: number | null;
    readonly height: number | null;
    readonly frameRate: number | null;
    readonly bitrate: number | null;
  } | null;
}

/** A value the run will tell (the input's facts are only assumed), or that cannot be told at all. */
function unknownCheck(what: string, needsFacts: boolean, rule: SourceRef, runTime: string, fix: string): Check {
  return needsFacts ? pending(what, runTime, rule) : denied(what, `cannot tell from the command`, rule, fix);
}

export function streamChecks(ctx: RoleContext, stream: JobStream, source: StreamInput): Check[] {
  const role = ctx.role;
  const checks: Check[] = [];
  const media = stream.media === "attachment" ? null : stream.media;
  if (media === null) return checks;
  const codecs = role.codecs[media];
  if (codecs !== undefined) {
    const what = `${media} codec of stream ${stream.index}`;
    if (stream.codec !== null) {
      checks.push(
        codecs.values.includes(stream.codec)
          ? ok(`${what}: ${stream.codec}`, codecs.at)
          : denied(
              `${what}: ${stream.codec}`,
              `role ${role.name} allows ${codecs.values.join(", ")}`,
              codecs.at,
              `encode to one of ${codecs.values.join(", ")}`,
            ),
      );
    } else if (stream.encoder === "copy") {
      checks.push(
        source.input?.assumed === true
          ? pending(what, `the copied stream's codec must be one of ${codecs.values.join(", ")}`, codecs.at)
          : denied(what, "the copied stream's codec is not known", codecs.at),
      );
    } else {
      checks.push(denied(what, "ffmpeg finds no encoder for it", codecs.at));
    }
  }
  const encoders = role.encoders[media];
  if (encoders !== undefined && stream.encoder !== "copy") {
    const what = `${media} encoder of stream ${stream.index}: ${stream.encoder ?? "none"}`;
    checks.push(
      stream.encoder !== null && encoders.values.includes(stream.encoder)
        ? ok(what, encoders.at)
        : denied(what, `role ${role.name} allows ${encoders.values.join(", ")}`, encoders.at, `use -c:${media[0]} ${encoders.values[0]}`),
    );
  }
  const bitrate = role.bitrate[media];
  if (bitrate !== undefined) checks.push(bitrateCheck(stream, bitrate, { bitrate: source.facts?.bitrate ?? null, assumed: source.input?.assumed === true }));
  if (media === "video") checks.push(...videoChecks(ctx, stream));
  return checks;
}

function videoChecks(ctx: RoleContext, stream: JobStream): Check[] {
  const checks: Check[] = [];
  const { resolution, frameRate } = ctx.role;
  if (resolution !== null) {
    const limit = `${resolution.value.width}x${resolution.value.height}`;
    const what = `resolution of stream ${stream.index}`;
    if (stream.size === null)
      checks.push(unknownCheck(what, stream.sizeNeedsFacts, resolution.at, `the input's resolution must be ≤ ${limit}`, `set -s ${limit} or smaller`));
    else if (stream.size.width <= resolution.value.width && stream.size.height <= resolution.value.height)
      checks.push(ok(`${what}: ${stream.size.width}x${stream.size.height}`, resolution.at));
    else checks.push(denied(`${what}: ${stream.size.width}x${stream.size.height}`, `over ${limit}`, resolution.at, `scale to ${limit} or less (-s ${limit})`));
  }
  if (frameRate !== null) {
    const what = `frame rate of stream ${stream.index}`;
    if (stream.frameRate === null)
      checks.push(
        unknownCheck(
          what,
          stream.frameRateNeedsFacts,
          frameRate.at,
          `the input's frame rate must be ≤ ${frameRate.value}`,
          `set -r ${frameRate.value} or lower`,
        ),
      );
    else
      checks.push(
        stream.frameRate <= frameRate.value + 1e-9
          ? ok(`${what}: ${+stream.frameRate.toFixed(3)}`, frameRate.at)
          : denied(`${what}: ${+stream.frameRate.toFixed(3)}`, `over ${frameRate.value}`, frameRate.at, `set -r ${frameRate.value}`),
      );
  }
  return checks;
}
