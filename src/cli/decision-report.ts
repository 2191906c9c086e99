// A decision for people: the verdict first, then each output with ✓/✗ per action, the
// rule (file:line:col) that decided it, and the change that would allow what was denied.

import type { Check, Decision } from "../engine/decision.js";
import type { SourceRef } from "../ir/policy.js";

function where(rule: SourceRef | null): string {
  return rule === null ? "" : `  ${rule.file}:${rule.line}:${rule.column}`;
}

function mark(check: Check): string {
  return check.verdict === "ok" ? "✓" : check.verdict === "pending" ? "?" : "✗";
}

function checkLine(check: Check, indent: string): string {
  const detail = check.verdict === "ok" ? "" : ` — ${check.reason}${check.fix === null ? "" : ` (fix: ${check.fix})`}`;
  return `${indent}${mark(check)} ${check.what}${detail}${where(check.rule)}`;
}

export function verdictLine(decision: Decision): string {
  const verdict = decision.verdict === "deny" ? "DENY" : decision.pending.length > 0 ? "ALLOW (pending run-time checks)" : "ALLOW";
  const shadow = decision.enforced ? "" : " [mode audit_only: decided and audited, not enforced]";
  const who = `${decision.identity.provider} ${decision.identity.subject ?? "(no subject)"}, roles: ${decision.identity.roles.join(", ") || "none"}`;
  return `${verdict}${shadow}  (${who})${decision.info ? " — information only" : ""}`;
}

export function formatDecision(decision: Decision): string {
  const lines = [verdictLine(decision)];
  for (const problem of decision.problems) lines.push(`  ✗ ${problem}`);
  for (const hit of decision.forbids) lines.push(`  ✗ forbidden: ${hit.what}${where(hit.rule)}`);
  for (const alert of decision.alerts) lines.push(`  ${alert.action === "block" ? "✗" : "!"} alert '${alert.name}': ${alert.reason}${where(alert.rule)}`);
  for (const output of decision.outputs) {
    lines.push(
      `  ${output.allowed ? "✓" : "✗"} output #${output.output} ${output.url} — ${output.allowed ? `allowed by role ${output.by}` : "no role held allows all of it"}`,
    );
    const shown = output.allowed ? output.answers.filter((a) => a.role === output.by) : output.answers;
    for (const answer of shown) {
      if (!output.allowed) lines.push(`      role ${answer.role}:`);
      for (const check of answer.checks) lines.push(checkLine(check, output.allowed ? "      " : "        "));
    }
    if (output.otherRoles.length > 0) lines.push(`      needs role ${output.otherRoles.join(" or ")}`);
  }
  for (const action of decision.global) {
    lines.push(`  ${action.allowed ? "✓" : "✗"} ${action.what} — ${action.allowed ? `allowed by role ${action.by}` : "no role held allows it"}`);
    for (const check of action.checks.filter((c) => !action.allowed || c.verdict !== "ok")) lines.push(checkLine(check, "      "));
  }
  if (decision.verdict === "deny" && decision.identity.roles.length === 0) {
    lines.push("  identity mapping:");
    for (const rule of decision.identity.mapping) lines.push(`    ${rule.matched ? "✓" : "✗"} map → ${rule.rule.role}: ${rule.why}${where(rule.rule.at)}`);
  }
  for (const check of decision.pending) lines.push(`  ? run-time check: ${check}`);
  return `${lines.join("\n")}\n`;
}
