// The smaller statements: map rules, sets, mode, alerts, and the one-policy-name rule.

import { closest, didYouMean } from "../../base/suggest.js";
import { articled } from "../../base/text.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import type * as Ast from "../../syntax/ast.js";
import type { Context } from "../context.js";
import { checkRoleName } from "./roles.js";
import { checkQuantity, warnIfZero } from "./quantity.js";
import { scalarText } from "../values.js";

export const MODES = ["enforce", "audit_only"] as const;
export const ALERT_METRICS = ["jobs"] as const;
export const UNSEEN_SUBJECTS = ["codec", "encoder", "format", "filter", "destination"] as const;
export const ALERT_ACTIONS = ["block", "notify"] as const;

export function checkProviderName(ctx: Context, file: string, name: Ast.Word): Ast.ProviderDecl | null {
  const provider = ctx.symbols.providers.get(name.text);
  if (provider !== undefined) return provider.node;
  if (!name.missing)
    ctx.sink.add(file, diagnostic("FFP2004", name.range, `unknown provider '${name.text}'${didYouMean(name.text, ctx.symbols.providers.keys())}`));
  return null;
}

export function checkMap(ctx: Context, file: string, rule: Ast.MapRule): void {
  const provider = checkProviderName(ctx, file, rule.provider);
  checkRoleName(ctx, file, rule.role);
  if (rule.match.kind !== "ClaimMatch") return;
  const match = rule.match;
  const kind = provider?.providerKind.text;
  if (kind === "api_token") {
    ctx.sink.add(file, diagnostic("FFP3007", match.range, `API tokens carry no claims: map provider ${rule.provider.text} with 'subject "name"'`));
  } else if (kind === "saml" && match.source === "claim") {
    ctx.sink.add(file, diagnostic("FFP3007", match.range, `provider ${rule.provider.text} is SAML: match its attributes with 'attribute', not 'claim'`));
  } else if (kind !== undefined && kind !== "saml" && match.source === "attribute") {
    ctx.sink.add(file, diagnostic("FFP3007", match.range, `'attribute' matches SAML attributes; provider ${rule.provider.text} is ${kind}: use 'claim'`));
  }
  const isList = match.value.kind === "List" || (match.value.kind === "Word" && ctx.symbols.sets.has(match.value.text));
  const misspeltSet = match.value.kind === "Word" && !isList ? closest(match.value.text, ctx.symbols.sets.keys()) : null;
  if (match.operator === "in" && misspeltSet !== null) {
    ctx.sink.add(file, diagnostic("FFP2003", match.value.range, `unknown set '${scalarText(match.value as Ast.Word)}'; did you mean '${misspeltSet}'?`));
  } else if (match.operator === "in" && !isList) {
    ctx.sink.add(file, diagnostic("FFP3007", match.value.range, "'in' takes a list or a set's name; use '==' to compare with one value"));
  } else if (match.operator !== "in" && isList) {
    ctx.sink.add(file, diagnostic("FFP3007", match.value.range, `'${match.operator}' takes one value; use 'in' to match any of a list`));
  }
}

export function checkMode(ctx: Context, file: string, mode: Ast.ModeDecl): void {
  checkWordIn(ctx, file, mode.value, MODES, "mode");
}

export function checkAlert(ctx: Context, file: string, alert: Ast.AlertDecl): void {
  const condition = alert.condition;
  if (condition.kind === "ThresholdCondition") {
    checkWordIn(ctx, file, condition.metric, ALERT_METRICS, "alert metric");
    if (checkQuantity(ctx, file, condition.threshold, condition.baseline ? "factor" : "count") && condition.baseline)
      warnIfZero(ctx, file, condition.threshold, "factor", "any activity is more than 0 times the baseline, so this alert always fires");
  } else {
    checkWordIn(ctx, file, condition.subject, UNSEEN_SUBJECTS, "thing to watch");
  }
  if (checkQuantity(ctx, file, condition.window, "duration"))
    warnIfZero(ctx, file, condition.window, "duration", "a window of 0 holds no history for this alert to compare with");
  checkWordIn(ctx, file, alert.action, ALERT_ACTIONS, "alert action");
}

/** A program has at most one `mode` and one `audit` block. */
export function checkSingletons(ctx: Context): void {
  for (const kind of ["ModeDecl", "AuditDecl"] as const) {
    const all = ctx.symbols.statements.filter((s) => s.node.kind === kind);
    for (const extra of all.slice(1)) {
      const what = kind === "ModeDecl" ? "'mode'" : "an 'audit' block";
      ctx.sink.add(
        extra.file,
        diagnostic("FFP2002", extra.node.range, `the policy already has ${what}; keep one`, [
          { file: all[0]!.file, range: all[0]!.node.range, message: "first declared here" },
        ]),
      );
    }
  }
}

export function checkPolicyNames(ctx: Context, file: string, statements: readonly Ast.Statement[]): void {
  const names = statements.filter((s): s is Ast.PolicyDecl => s.kind === "PolicyDecl");
  for (const extra of names.slice(1)) {
    ctx.sink.add(file, diagnostic("FFP2018", extra.range, `this file already names its policy '${names[0]!.name.text}'; keep one 'policy' line`));
  }
}

export function checkWordIn(ctx: Context, file: string, word: Ast.Word, allowed: readonly string[], what: string): boolean {
  if (word.missing) return false;
  if (allowed.includes(word.text)) return true;
  const hint = didYouMean(word.text, allowed) || `; expected ${allowed.join(", ")}`;
  ctx.sink.add(file, diagnostic("FFP3007", word.range, `'${word.text}' is not ${articled(what)}${hint}`));
  return false;
}
