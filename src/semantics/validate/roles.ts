// Roles: parents, every rule's values, repeated and contradictory rules. Forbids share
// the grant checks (a forbid names the same things a role grants).

import { LineIndex } from "../../base/line-index.js";
import type { Range } from "../../base/range.js";
import { didYouMean } from "../../base/suggest.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import type * as Ast from "../../syntax/ast.js";
import type { Context } from "../context.js";
import { checkPattern, type PatternKind } from "../patterns.js";
import { parseBitrate } from "../quantities.js";
import { resolveValueRef, type Item } from "../values.js";
import { checkNames } from "./names.js";
import { checkQuantity, warnIfZero } from "./quantity.js";

export function checkRole(ctx: Context, file: string, role: Ast.RoleDecl): void {
  for (const parent of role.parents) checkRoleName(ctx, file, parent);
  const seen = new Map<string, Range>();
  for (const rule of role.rules) {
    checkRule(ctx, file, rule);
    checkRepeated(ctx, file, rule, seen);
  }
  checkContradictions(ctx, file, role);
}

export function checkForbid(ctx: Context, file: string, forbid: Ast.ForbidDecl): void {
  checkRule(ctx, file, forbid.rule);
}

export function checkRoleName(ctx: Context, file: string, name: Ast.Word): void {
  if (name.missing || ctx.symbols.roles.has(name.text)) return;
  ctx.sink.add(file, diagnostic("FFP2001", name.range, `unknown role '${name.text}'${didYouMean(name.text, ctx.symbols.roles.keys())}`));
}

function checkRule(ctx: Context, file: string, rule: Ast.RoleRule): void {
  switch (rule.kind) {
    case "PathGrant":
      if (rule.targets !== null) checkGrantPatterns(ctx, nonEmpty(ctx, file, rule.targets, rule.action), rule.action);
      return;
    case "CodecRule":
      checkNames(ctx, nonEmpty(ctx, file, rule.values, `${rule.media} ${rule.what}`), rule.what, rule.media);
      return;
    case "FormatRule":
      checkNames(ctx, nonEmpty(ctx, file, rule.values, "format"), "format");
      return;
    case "FilterRule":
      checkNames(ctx, nonEmpty(ctx, file, rule.values, "filter"), "filter");
      return;
    case "AllowRule":
      if (rule.what === "listen") checkGrantPatterns(ctx, nonEmpty(ctx, file, rule.values, "listen"), "listen");
      else checkNames(ctx, nonEmpty(ctx, file, rule.values, rule.what), rule.what);
      return;
    case "LimitRule":
      checkLimit(ctx, file, rule);
      return;
    case "RateRule":
      if (checkQuantity(ctx, file, rule.count, "count") && Number(rule.count.text) === 0) {
        ctx.sink.add(file, diagnostic("FFP3004", rule.count.range, "a limit of 0 jobs allows nothing; remove the role's grants instead"));
      }
      if (checkQuantity(ctx, file, rule.window, "duration"))
        warnIfZero(ctx, file, rule.window, "duration", "a window of 0 counts no jobs, so this limit never binds");
      return;
  }
}

function resolved(ctx: Context, file: string, ref: Ast.ValueRef): Item[] {
  return resolveValueRef(ref, file, ctx.symbols);
}

/** The items of a list, warning when it is empty (an empty grant allows nothing). */
function nonEmpty(ctx: Context, file: string, ref: Ast.ValueRef, what: string): Item[] {
  const items = resolved(ctx, file, ref);
  if (items.length === 0 && !(ref.kind === "Word" && ref.missing)) {
    ctx.sink.add(file, diagnostic("FFP3004", ref.range, `this ${what} list is empty, so it matches nothing`));
  }
  return items;
}

const GRANT_KINDS: Readonly<Record<Ast.PathGrant["action"] | "listen", readonly PatternKind[]>> = {
  read: ["path", "url"],
  write: ["path"],
  publish: ["url"],
  listen: ["url"],
};

function checkGrantPatterns(ctx: Context, items: readonly Item[], action: Ast.PathGrant["action"] | "listen"): void {
  for (const item of items) {
    if (item.bare) {
      // Paths and urls are strings; a bare word here can only be a set's name.
      ctx.sink.add(
        item.file,
        diagnostic("FFP2003", item.range, `unknown set '${item.value}'${didYouMean(item.value, ctx.symbols.sets.keys()) || "; quote a path or url"}`),
      );
      continue;
    }
    const syntax = checkPattern(item.value);
    // Problems are reported on the whole string: offsets inside an escaped literal need not match the source.
    for (const problem of syntax.problems) {
      ctx.sink.add(item.file, diagnostic(problem.kind === "template" ? "FFP2016" : "FFP3006", item.range, problem.message));
    }
    if (syntax.problems.length > 0 || GRANT_KINDS[action].includes(syntax.kind)) continue;
    const message =
      action === "write"
        ? `'${item.value}' is a url: 'write' grants local paths; use 'publish' for network destinations`
        : action === "listen"
          ? `'${item.value}' is a local path: 'allow listen' takes the url ffmpeg listens on, like "rtmp://0.0.0.0:1935/live/*"`
          : `'${item.value}' is a local path: 'publish' takes urls; use 'write' for local paths`;
    ctx.sink.add(item.file, diagnostic("FFP3006", item.range, message));
  }
}

function checkLimit(ctx: Context, file: string, rule: Ast.LimitRule): void {
  if (!checkQuantity(ctx, file, rule.value, rule.limit)) return;
  if (rule.limit !== "bitrate") warnIfZero(ctx, file, rule.value, rule.limit, `no output can meet a ${rule.limit.replace("_", " ")} limit of zero`);
  const bitrate = rule.limit === "bitrate" ? parseBitrate(rule.value.text) : null;
  if (bitrate?.ok === true && bitrate.value < 1000) {
    ctx.sink.add(file, diagnostic("FFP3004", rule.value.range, "no stream can meet a bitrate limit below 1000 bit/s (such caps are refused as bypasses)"));
  }
}

/** The identity of a rule that a later one of the same kind replaces; null for rules that accumulate. */
function replaceKey(rule: Ast.RoleRule): string | null {
  switch (rule.kind) {
    case "CodecRule":
      return `${rule.media} ${rule.what}`;
    case "LimitRule":
      return rule.media === null ? rule.limit : `${rule.media} ${rule.limit}`;
    case "FormatRule":
      return "format";
    case "FilterRule":
      return rule.mode === "only" ? "filter in" : "deny filter";
    case "RateRule":
      return "limit";
    default:
      return null;
  }
}

function checkRepeated(ctx: Context, file: string, rule: Ast.RoleRule, seen: Map<string, Range>): void {
  const key = replaceKey(rule);
  if (key === null) return;
  const earlier = seen.get(key);
  seen.set(key, rule.range);
  if (earlier === undefined) return;
  const line = new LineIndex(ctx.program.files.get(file)!.text).position(earlier.start).line + 1;
  ctx.sink.add(file, diagnostic("FFP3009", rule.range, `'${key}' is already set in this role (line ${line}); this rule replaces it — remove one`));
}

/** Rules of one role that cannot both hold. */
function checkContradictions(ctx: Context, file: string, role: Ast.RoleDecl): void {
  const values = (rule: Ast.RoleRule & { values: Ast.ValueRef }) => resolved(ctx, file, rule.values);
  const denied = new Set(
    role.rules.filter((r): r is Ast.FilterRule => r.kind === "FilterRule" && r.mode === "deny").flatMap((r) => values(r).map((i) => i.value)),
  );
  for (const rule of role.rules) {
    if (rule.kind === "AllowRule" && rule.what === "filter") {
      for (const item of values(rule)) {
        if (denied.has(item.value))
          ctx.sink.add(
            item.file,
            diagnostic("FFP3005", item.range, `filter '${item.value}' is both allowed and denied in role ${role.name.text}; the deny wins — remove one`),
          );
      }
    }
    if (rule.kind === "FilterRule" && rule.mode === "only") {
      for (const item of values(rule)) {
        if (denied.has(item.value))
          ctx.sink.add(
            item.file,
            diagnostic(
              "FFP3005",
              item.range,
              `filter '${item.value}' is listed in 'filter in' and denied in role ${role.name.text}; the deny wins — remove one`,
            ),
          );
      }
    }
  }
  checkEncodersAgainstCodecs(ctx, file, role);
}

function checkEncodersAgainstCodecs(ctx: Context, file: string, role: Ast.RoleDecl): void {
  const codecRules = role.rules.filter((r): r is Ast.CodecRule => r.kind === "CodecRule");
  for (const encoders of codecRules.filter((r) => r.what === "encoder")) {
    const codecs = codecRules.filter((r) => r.what === "codec" && r.media === encoders.media).at(-1);
    if (codecs === undefined) continue;
    const allowed = new Set(resolved(ctx, file, codecs.values).map((i) => i.value));
    for (const item of resolved(ctx, file, encoders.values)) {
      const codec = ctx.catalogue.encoder(item.value)?.codec;
      if (codec !== undefined && !allowed.has(codec)) {
        ctx.sink.add(
          item.file,
          diagnostic(
            "FFP3005",
            item.range,
            `encoder '${item.value}' produces ${codec}, which '${encoders.media} codec in' does not allow; add ${codec} there or remove the encoder`,
          ),
        );
      }
    }
  }
}

/** `extends` cycles: reported once per cycle, on the edge that closes it. */
export function checkExtendsCycles(ctx: Context): void {
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): void => {
    const role = ctx.symbols.roles.get(name);
    if (role === undefined || state.get(name) === "done") return;
    state.set(name, "visiting");
    for (const parent of role.node.parents) {
      if (state.get(parent.text) === "visiting") {
        const start = path.indexOf(parent.text);
        const cycle = [...(start >= 0 ? path.slice(start) : []), name, parent.text].join(" → ");
        ctx.sink.add(role.file, diagnostic("FFP2005", parent.range, `roles extend each other in a cycle: ${cycle}; remove one 'extends'`));
      } else {
        visit(parent.text, [...path, name]);
      }
    }
    state.set(name, "done");
  };
  for (const name of ctx.symbols.roles.keys()) visit(name, []);
}
