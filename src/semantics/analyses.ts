// Analyses of a policy that checks clean: rules that can never take effect, roles no one
// can hold, roles that grant nothing, children loosening their parents' limits, publish
// patterns that reach local files. Warnings: the policy is valid, but probably not what
// its author meant.

import { diagnostic } from "../diagnostics/diagnostic.js";
import { matchesPath, matchesUrl } from "../ir/match.js";
import { networkUrl } from "../ffmpeg/url.js";
import type { PolicyIR, RoleIR } from "../ir/policy.js";
import type * as Ast from "../syntax/ast.js";
import type { Context } from "./context.js";
import { patternKind } from "./patterns.js";
import { parseBitrate, parseCount, parseDuration, parseFrameRate, parseResolution, parseSize } from "./quantities.js";
import { resolveValueRef, type Item } from "./values.js";

/** Protocols that write or read local files, or wrap other urls: a `publish` through them is not network output. */
const LOCAL_SCHEMES = new Set(["file", "pipe", "fd", "tee", "md5", "cache", "async", "concat", "concatf", "crypto", "subfile", "data"]);

export function analyze(ctx: Context, ir: PolicyIR): void {
  const forbids = ctx.symbols.statements.filter((s): s is { file: string; node: Ast.ForbidDecl } => s.node.kind === "ForbidDecl");
  for (const { file, node } of ctx.symbols.roles.values()) {
    for (const rule of node.rules) {
      shadowedByForbid(ctx, file, rule, forbids);
      if (rule.kind === "PathGrant" && rule.action === "publish" && rule.targets !== null) localPublish(ctx, resolveValueRef(rule.targets, file, ctx.symbols));
    }
    loosensParent(ctx, file, node, ir);
  }
  unreachableRoles(ctx);
  emptyMappedRoles(ctx, ir);
}

/** A grant fully covered by a forbid: it can never allow anything. */
function shadowedByForbid(ctx: Context, file: string, rule: Ast.RoleRule, forbids: readonly { file: string; node: Ast.ForbidDecl }[]): void {
  for (const forbid of forbids) {
    const banned = forbid.node.rule;
    const line = ctx.program.files.get(forbid.file)!.text.slice(0, forbid.node.range.start).split("\n").length;
    const report = (item: Item) =>
      ctx.sink.add(
        item.file,
        diagnostic(
          "FFP4001",
          item.range,
          `'${item.value}' can never be used: the forbid on line ${line}${forbid.file === item.file ? "" : ` of ${forbid.file}`} denies it for everyone`,
        ),
      );
    if (rule.kind === "PathGrant" && banned.kind === "PathGrant" && rule.action === banned.action && rule.targets !== null && banned.targets !== null) {
      const patterns = resolveValueRef(banned.targets, forbid.file, ctx.symbols).map((i) => i.value);
      for (const item of resolveValueRef(rule.targets, file, ctx.symbols)) if (patterns.some((p) => covers(p, item.value))) report(item);
    }
    const sameList =
      (rule.kind === "CodecRule" && banned.kind === "CodecRule" && rule.media === banned.media && rule.what === banned.what) ||
      (rule.kind === "FormatRule" && banned.kind === "FormatRule") ||
      (rule.kind === "AllowRule" && banned.kind === "AllowRule" && rule.what === banned.what && rule.what !== "listen");
    if (sameList) {
      const values = new Set(resolveValueRef(banned.values, forbid.file, ctx.symbols).map((i) => i.value));
      for (const item of resolveValueRef((rule as Ast.CodecRule).values, file, ctx.symbols)) if (values.has(item.value)) report(item);
    }
  }
}

/** Whether every target a grant pattern could match also matches the forbid pattern (the grant's wildcards taken literally). */
function covers(forbid: string, grant: string): boolean {
  if (grant.includes("{")) return false;
  const kind = patternKind(grant);
  if (kind !== patternKind(forbid)) return false;
  if (kind === "path") return matchesPath(forbid, grant);
  return matchesUrl(forbid, networkUrl(grant, grant.slice(0, grant.indexOf(":"))));
}

function localPublish(ctx: Context, items: readonly Item[]): void {
  for (const item of items) {
    const scheme = item.value.slice(0, Math.max(0, item.value.indexOf(":"))).toLowerCase();
    if (scheme.split("+").some((part) => LOCAL_SCHEMES.has(part))) {
      ctx.sink.add(
        item.file,
        diagnostic(
          "FFP4005",
          item.range,
          `'${item.value}' publishes through '${scheme}', which also reaches local files; grant local files with 'write' and name network schemes exactly`,
        ),
      );
    }
  }
}

/** A role neither mapped to nor extended by a mapped role: nobody can ever hold it. */
function unreachableRoles(ctx: Context): void {
  const mapped = new Set(ctx.symbols.statements.flatMap((s) => (s.node.kind === "MapRule" ? [s.node.role.text] : [])));
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name)) return;
    reachable.add(name);
    for (const parent of ctx.symbols.roles.get(name)?.node.parents ?? []) visit(parent.text);
  };
  for (const name of mapped) visit(name);
  for (const [name, { file, node }] of ctx.symbols.roles) {
    if (!reachable.has(name))
      ctx.sink.add(file, diagnostic("FFP4002", node.name.range, `no map rule gives role ${name}, and no mapped role extends it: nobody can hold it`));
  }
}

function grantsNothing(role: RoleIR): boolean {
  return role.read.length === 0 && role.write.length === 0 && role.publish.length === 0 && role.stdout === null;
}

function emptyMappedRoles(ctx: Context, ir: PolicyIR): void {
  for (const { file, node } of ctx.symbols.statements) {
    if (node.kind !== "MapRule") continue;
    const role = ir.roles[node.role.text];
    if (role !== undefined && grantsNothing(role)) {
      ctx.sink.add(file, diagnostic("FFP4003", node.role.range, `role ${role.name} grants no read, write, publish or stdout: holding it allows nothing`));
    }
  }
}

/** How loose a limit is, as one number per kind (a larger number allows more). */
function looseness(rule: Ast.LimitRule | Ast.RateRule): number | null {
  if (rule.kind === "RateRule") {
    const count = parseCount(rule.count.text);
    const window = parseDuration(rule.window.text);
    return count.ok && window.ok ? count.value / window.value : null;
  }
  const text = rule.value.text;
  switch (rule.limit) {
    case "bitrate":
      return valueOf(parseBitrate(text));
    case "frame_rate":
      return valueOf(parseFrameRate(text));
    case "duration":
      return valueOf(parseDuration(text));
    case "size":
      return valueOf(parseSize(text));
    case "resolution": {
      const size = parseResolution(text);
      return size.ok ? area(size.value) : null;
    }
  }
}

function valueOf(parsed: { ok: true; value: number } | { ok: false }): number | null {
  return parsed.ok ? parsed.value : null;
}

/** Resolutions compare by their larger side, then the smaller. */
function area(size: { width: number; height: number }): number {
  return Math.max(size.width, size.height) * 1e6 + Math.min(size.width, size.height);
}

function parentLooseness(parent: RoleIR, rule: Ast.LimitRule | Ast.RateRule): number | null {
  if (rule.kind === "RateRule") return parent.jobLimit === null ? null : parent.jobLimit.value.count / parent.jobLimit.value.windowMs;
  switch (rule.limit) {
    case "bitrate":
      return parent.bitrate[rule.media as "video"]?.value ?? null;
    case "frame_rate":
      return parent.frameRate?.value ?? null;
    case "duration":
      return parent.duration?.value ?? null;
    case "size":
      return parent.size?.value ?? null;
    case "resolution":
      return parent.resolution === null ? null : area(parent.resolution.value);
  }
}

/** A comment on the same line after a rule: the author's acknowledgement of what the rule does. */
function commented(ctx: Context, file: string, rule: Ast.Node): boolean {
  const source = ctx.program.files.get(file)!;
  const lineEnd = source.text.indexOf("\n", rule.range.end);
  return source.syntax.comments.some((c) => c.range.start >= rule.range.end && (lineEnd < 0 || c.range.start < lineEnd));
}

/** A child's own limit above its parent's: allowed (a redefinition replaces), but worth a look unless commented. */
function loosensParent(ctx: Context, file: string, role: Ast.RoleDecl, ir: PolicyIR): void {
  for (const parentName of role.parents) {
    const parent = ir.roles[parentName.text];
    if (parent === undefined) continue;
    for (const rule of role.rules) {
      if ((rule.kind !== "LimitRule" && rule.kind !== "RateRule") || commented(ctx, file, rule)) continue;
      const mine = looseness(rule);
      const theirs = parentLooseness(parent, rule);
      if (mine !== null && theirs !== null && mine > theirs) {
        ctx.sink.add(
          file,
          diagnostic(
            "FFP4004",
            rule.range,
            `role ${role.name.text} loosens the limit it inherits from ${parent.name}; if that is intended, say so in a comment on this line`,
          ),
        );
      }
    }
  }
}
