// The security corpus: attempts to get around a realistic policy (test/security/
// policy.ffpolicy), each of which must be denied for the reason it names, and at least as
// many legitimate commands that must stay allowed. Every route an ffmpeg command can open
// a file, url, device, socket or piece of code is covered (reference/ffmpeg-command-line.md),
// plus identity games, templates, forbids, per-output roles and real symlinks on disk.

import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { formatDecision } from "../../src/cli/decision-report.js";
import type { CompiledPolicy } from "../../src/engine/compile.js";
import type { Decision } from "../../src/engine/decision.js";
import { diskFileSystem } from "../../src/workspace/files.js";
import { decideCommand, policyFromText } from "../helpers.js";
import { ATTACKS } from "./attacks.js";
import { ENCODER_ATTACKS, ENCODER_LEGITIMATE } from "./attacks-encoders.js";
import { GRAPH_ATTACKS, GRAPH_LEGITIMATE } from "./attacks-graphs.js";
import { LIMIT_ATTACKS, LIMIT_LEGITIMATE } from "./attacks-limits.js";
import { LINK_ATTACKS, LINK_LEGITIMATE } from "./attacks-links.js";
import { MUXER_ATTACKS, MUXER_LEGITIMATE } from "./attacks-muxers.js";
import { NETWORK_ATTACKS, NETWORK_LEGITIMATE } from "./attacks-network.js";
import { PARSING_ATTACKS, PARSING_LEGITIMATE } from "./attacks-parsing.js";
import { ROLE_ATTACKS, ROLE_LEGITIMATE } from "./attacks-roles.js";
import { URL_ATTACKS, URL_LEGITIMATE } from "./attacks-urls.js";
import { explanation, type Attack, type Claims, type Legitimate } from "./cases.js";
import { LEGITIMATE } from "./legitimate.js";
import { removeSandbox, SANDBOX_ATTACKS, SANDBOX_LEGITIMATE, SANDBOX_POLICY } from "./sandbox.js";

const POLICY = policyFromText(readFileSync(new URL("./policy.ffpolicy", import.meta.url), "utf8"));
const SANDBOX = policyFromText(SANDBOX_POLICY);

const ALL_ATTACKS: readonly Attack[] = [
  ...ATTACKS,
  ...PARSING_ATTACKS,
  ...LIMIT_ATTACKS,
  ...GRAPH_ATTACKS,
  ...MUXER_ATTACKS,
  ...NETWORK_ATTACKS,
  ...URL_ATTACKS,
  ...ROLE_ATTACKS,
  ...ENCODER_ATTACKS,
  ...LINK_ATTACKS,
  ...SANDBOX_ATTACKS,
];
const ALL_LEGITIMATE: readonly Legitimate[] = [
  ...LEGITIMATE,
  ...PARSING_LEGITIMATE,
  ...LIMIT_LEGITIMATE,
  ...GRAPH_LEGITIMATE,
  ...MUXER_LEGITIMATE,
  ...NETWORK_LEGITIMATE,
  ...URL_LEGITIMATE,
  ...ROLE_LEGITIMATE,
  ...ENCODER_LEGITIMATE,
  ...LINK_LEGITIMATE,
  ...SANDBOX_LEGITIMATE,
];

afterAll(removeSandbox);

function judge(c: Attack | Legitimate): Decision {
  const policy: CompiledPolicy = c.disk === true ? SANDBOX : POLICY;
  const facts = c.facts ?? {};
  return decideCommand(policy, c.command, {
    provider: "okta",
    claims: claimsOf(c),
    facts: (url) => facts[url] ?? null,
    cwd: c.cwd === undefined ? "/work" : c.cwd,
    ...(c.disk === true ? { fs: diskFileSystem } : {}),
  });
}

function claimsOf(c: Attack | Legitimate): Claims {
  if (c.as === undefined) return { sub: "alice", groups: ["editors"] };
  if (isGroupList(c.as)) return { sub: "alice", groups: [...c.as] };
  return c.as;
}

function isGroupList(as: readonly string[] | Claims): as is readonly string[] {
  return Array.isArray(as);
}

function matches(text: string, because: string | RegExp): boolean {
  return typeof because === "string" ? text.includes(because) : because.test(text);
}

/** What a failing case prints: the command, the full decision as `simulate` shows it. */
function report(c: Attack | Legitimate, decision: Decision): string {
  return `\n$ ${c.command}\n${formatDecision(decision)}`;
}

describe("security corpus: attacks are denied for the right reason", () => {
  it.each(ALL_ATTACKS.map((c) => [c.name, c] as const))("%s", (_name, attack) => {
    const decision = judge(attack);
    expect(decision.verdict, `expected deny${report(attack, decision)}`).toBe("deny");
    const why = explanation(decision);
    expect(matches(why, attack.because), `expected the explanation to contain ${String(attack.because)}${report(attack, decision)}`).toBe(true);
  });
});

describe("security corpus: legitimate commands stay allowed", () => {
  it.each(ALL_LEGITIMATE.map((c) => [c.name, c] as const))("%s", (_name, legitimate) => {
    const decision = judge(legitimate);
    expect(decision.verdict, `expected ${legitimate.expect}${report(legitimate, decision)}`).toBe("allow");
    if (legitimate.expect === "allow") expect(decision.pending, `expected a strict allow${report(legitimate, decision)}`).toEqual([]);
    else expect(decision.pending.length, `expected run-time checks to remain${report(legitimate, decision)}`).toBeGreaterThan(0);
  });
});

describe("security corpus: size", () => {
  it("has at least 80 attacks and at least as many legitimate commands", () => {
    const names = [...ALL_ATTACKS, ...ALL_LEGITIMATE].map((c) => c.name);
    expect(new Set(names).size, "case names are unique").toBe(names.length);
    expect(ALL_ATTACKS.length).toBeGreaterThanOrEqual(80);
    expect(ALL_LEGITIMATE.length).toBeGreaterThanOrEqual(ALL_ATTACKS.length);
    const denied = ALL_ATTACKS.filter((c) => {
      const decision = judge(c);
      return decision.verdict === "deny" && matches(explanation(decision), c.because);
    }).length;
    const allowed = ALL_LEGITIMATE.filter((c) => {
      const decision = judge(c);
      return decision.verdict === "allow" && (c.expect === "allow" ? decision.pending.length === 0 : decision.pending.length > 0);
    }).length;
    process.stdout.write(
      `security corpus: ${denied} of ${ALL_ATTACKS.length} attacks denied for the stated reason, ${allowed} of ${ALL_LEGITIMATE.length} legitimate commands allowed as expected\n`,
    );
  });
});
