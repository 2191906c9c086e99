// What the engine knows of the past, per identity: job counts for `limit` and alerts.
// simulate and test start from nothing unless they state a history; the enforcer's state
// store implements the same interface.

import type { HistoryIR } from "../ir/policy.js";

export interface History {
  /** Jobs already run under `role` within the last `windowMs` (a lower bound). */
  jobs(role: string, windowMs: number): number;
  /** The average jobs per window over at least ten past windows, or null with less history. */
  baseline(role: string, windowMs: number): number | null;
  /** Whether values of this kind (codecs, destinations…) are remembered at all. */
  tracks(subject: string): boolean;
  /** Whether a value (a codec, a destination…) was seen within the window. */
  seen(subject: string, value: string, windowMs: number): boolean;
}

export const EMPTY_HISTORY: History = { jobs: () => 0, baseline: () => null, tracks: () => false, seen: () => false };

/**
 * A history stated in a test or on the command line (`with history { jobs 99 in 1h }`):
 * that many jobs happened within that window, under every role of the identity. A limit
 * over a longer window counts them too; over a shorter one nothing is known, so 0.
 */
export function statedHistory(entries: readonly HistoryIR[]): History {
  return {
    jobs: (_role, windowMs) => Math.max(0, ...entries.filter((e) => e.windowMs <= windowMs).map((e) => e.jobs)),
    baseline: () => null,
    tracks: () => false,
    seen: () => false,
  };
}
