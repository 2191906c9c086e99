// Parse + validate throughput on generated policies (DESIGN.md target: ≥ 100,000 lines/s,
// i.e. a 10,000-line policy in ≤ 100 ms more than a 10-line one).

import { defaultCatalogue } from "../src/ffmpeg/catalogue/index.js";
import { checkProgram } from "../src/semantics/check.js";
import { loadProgram } from "../src/workspace/load.js";
import { generatePolicy } from "./generate.js";
import { fixed, median, printTable } from "./table.js";

const TARGET_LINES_PER_SECOND = 100_000;
const WARM_UP_MS = 1_000;

function check(text: string): ReturnType<typeof checkProgram> {
  const program = loadProgram("bench.ffpolicy", text, { read: () => ({ error: "none" }), resolve: (_f, s) => s });
  const result = checkProgram(program, defaultCatalogue());
  if ([...result.diagnostics.values()].some((list) => list.some((d) => d.severity === "error"))) throw new Error("generated policy has errors");
  return result;
}

function checkOnce(text: string): number {
  const start = performance.now();
  check(text);
  return performance.now() - start;
}

/** The median of `runs` checks after a warm-up: a while, not a few runs, or the first sizes are measured while the JIT still compiles. */
function steadyMedian(text: string, runs: number): number {
  const warm = performance.now() + WARM_UP_MS;
  for (let i = 0; i < 3 || performance.now() < warm; i++) checkOnce(text);
  return median(Array.from({ length: runs }, () => checkOnce(text)));
}

/** Keeps a checked program alive while its heap is measured. */
let retained: unknown = null;

/** Heap held by one checked program (needs node --expose-gc; "n/a" without it). */
function retainedHeap(text: string): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return "n/a";
  gc();
  const before = process.memoryUsage().heapUsed;
  retained = check(text);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  retained = null;
  return fixed(held / 1e6, 1);
}

export function benchParse(): void {
  defaultCatalogue();
  const baseline = steadyMedian(generatePolicy(10), 20);
  const rows = [1_000, 10_000, 100_000].map((lines) => {
    const text = generatePolicy(lines);
    const actualLines = text.split("\n").length;
    const ms = steadyMedian(text, lines >= 100_000 ? 5 : 15);
    const linesPerSecond = (actualLines / ms) * 1000;
    return [
      `${fixed(actualLines, 0)} lines`,
      fixed(ms, 1),
      fixed(ms - baseline, 1),
      fixed(linesPerSecond, 0),
      fixed(Buffer.byteLength(text) / 1e6 / (ms / 1000), 2),
      retainedHeap(text),
      `${fixed(linesPerSecond / TARGET_LINES_PER_SECOND, 2)}×`,
    ];
  });
  printTable(
    `check (parse + validate), median; baseline: 10-line policy ${fixed(baseline, 2)} ms; target ≥ ${fixed(TARGET_LINES_PER_SECOND, 0)} lines/s`,
    ["policy", "ms", "ms over 10-line", "lines/s", "MB/s", "heap MB", "vs target"],
    rows,
  );
}
