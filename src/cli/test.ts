// `ffpolicy test POLICY…`: every test block, with the explanation of each failure, ending
// with `N passed, N failed`. `--emit-vectors FILE` writes them as parity vectors.

import { writeFileSync } from "node:fs";
import { runTest, type TestResult } from "../engine/tests.js";
import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { loadEffects } from "../ffmpeg/job/effects.js";
import type { TestIR } from "../ir/policy.js";
import { formatDecision } from "./decision-report.js";
import { EXIT, UsageError, type Io } from "./io.js";
import { policyForDecisions } from "./policy-input.js";

/** A test as a parity vector: everything the decision used, and what it decided. */
export interface ParityVector {
  readonly name: string;
  readonly identity: { readonly provider: string; readonly claims: TestIR["claims"] };
  readonly argv: readonly string[];
  readonly cwd: string | null;
  readonly facts: TestIR["inputs"];
  readonly history: TestIR["history"];
  readonly expected: { readonly verdict: "allow" | "deny"; readonly pending: readonly string[] };
}

export function runTests(files: readonly string[], options: { emitVectors?: string }, catalogue: CatalogueIndex, io: Io): number {
  let passed = 0;
  let failed = 0;
  const vectors: ParityVector[] = [];
  for (const file of files) {
    let results: TestResult[];
    try {
      const loaded = policyForDecisions(file, catalogue, io);
      results = loaded.ir.tests.map((test) => runTest(loaded.policy, test, { catalogue: loaded.catalogue, effects: loadEffects() }));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.out(`✗ ${file}: ${error.message}\n`);
      failed++;
      continue;
    }
    if (results.length === 0) io.out(`${file}: no tests\n`);
    for (const result of results) {
      const at = `${result.test.at.file}:${result.test.at.line}`;
      if (result.passed) {
        passed++;
        const checks = result.decision.pending.length > 0 ? ` (pending: ${result.decision.pending.join("; ")})` : "";
        io.out(`✓ ${result.test.name}  ${at}${checks}\n`);
      } else {
        failed++;
        io.out(`✗ ${result.test.name}  ${at}\n    ${result.failure}\n`);
        io.out(formatDecision(result.decision).replace(/^(?=.)/gm, "    "));
      }
      vectors.push(vector(result));
    }
  }
  if (options.emitVectors !== undefined) writeFileSync(options.emitVectors, `${JSON.stringify(vectors, null, 2)}\n`);
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

function vector(result: TestResult): ParityVector {
  const test = result.test;
  return {
    name: test.name,
    identity: { provider: test.provider, claims: test.claims },
    argv: test.argv,
    cwd: test.cwd,
    facts: test.inputs,
    history: test.history,
    expected: { verdict: result.decision.verdict, pending: result.decision.pending },
  };
}
