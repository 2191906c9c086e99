// `test` blocks: each runs its command as its identity, with its facts, history and
// working directory, and compares the decision with what it expects. `expect allow`
// passes on an allow pending run-time checks (and lists them); `expect allow strict`
// needs an allow with nothing left for the run.

import { posix } from "node:path";
import type { FactsSource, InputFacts } from "../ffmpeg/job/model.js";
import type { TestIR } from "../ir/policy.js";
import type { CompiledPolicy } from "./compile.js";
import type { Decision } from "./decision.js";
import { decide, type Environment } from "./evaluate.js";
import { statedHistory } from "./history.js";
import { NO_FILES } from "./targets.js";

export interface TestResult {
  readonly test: TestIR;
  readonly passed: boolean;
  readonly decision: Decision;
  /** Why it failed, in one sentence. */
  readonly failure: string | null;
}

/** The facts a test states, found by the url as written or as resolved against its cwd. */
export function testFacts(test: TestIR): FactsSource {
  const byUrl = new Map<string, InputFacts>();
  for (const input of test.inputs) {
    byUrl.set(input.url, { streams: input.streams });
    if (test.cwd !== null && !input.url.includes(":")) byUrl.set(posix.resolve(test.cwd, input.url), { streams: input.streams });
  }
  return (url) => byUrl.get(url) ?? (test.cwd !== null && !url.includes(":") ? byUrl.get(posix.resolve(test.cwd, url)) : undefined) ?? null;
}

/**
 * Tests are pure: facts come only from the test (no probing) and paths are judged as
 * written (no file system), so a test means the same on every machine and in a bundle.
 */
export function runTest(policy: CompiledPolicy, test: TestIR, env: Omit<Environment, "facts" | "cwd" | "fs" | "history" | "explain">): TestResult {
  const decision = decide(
    policy,
    { identity: { provider: test.provider, claims: test.claims }, argv: test.argv },
    {
      ...env,
      facts: testFacts(test),
      cwd: test.cwd,
      fs: NO_FILES,
      history: statedHistory(test.history),
      explain: true,
    },
  );
  const want = test.expect;
  let failure: string | null = null;
  if (want.verdict === "deny" && decision.verdict === "allow") failure = "expected deny, but the command is allowed";
  if (want.verdict === "allow" && decision.verdict === "deny") failure = `expected allow, but it is denied: ${decision.reasons[0] ?? ""}`;
  if (want.verdict === "allow" && want.strict && decision.verdict === "allow" && decision.pending.length > 0) {
    failure = `expected allow strict, but the allow is pending run-time checks: ${decision.pending.join("; ")}`;
  }
  return { test, passed: failure === null, decision, failure };
}
