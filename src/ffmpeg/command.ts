// One ffmpeg command, read as ffmpeg reads it: the split, then the resolved job. The
// entry point for inspect, simulate, test and the enforcer.

import { basename } from "node:path";
import type { CatalogueIndex } from "./catalogue/index.js";
import type { Effects } from "./job/effects.js";
import type { FactsSource, Job } from "./job/model.js";
import { resolveJob } from "./job/resolve.js";
import { splitCommandLine, type Split, type SplitRefusal } from "./split.js";

export type ReadCommand =
  | { readonly ok: true; readonly split: Split; readonly job: Job; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly refusal: SplitRefusal };

/** argv[0] must be ffmpeg (any directory); the rest is split and resolved. */
export function isFfmpeg(program: string | undefined): boolean {
  return program !== undefined && basename(program) === "ffmpeg";
}

export function readCommand(args: readonly string[], catalogue: CatalogueIndex, effects: Effects, facts: FactsSource = () => null): ReadCommand {
  const split = splitCommandLine(args, catalogue.options);
  if (!split.ok) return split;
  const job = resolveJob(split.split, { catalogue, effects, facts });
  const warnings = [...trailingWarning(split.split), ...job.problems.map((p) => p.message)];
  return { ok: true, split: split.split, job, warnings };
}

/** split_commandline warns when per-file options follow the last url (they are ignored). */
function trailingWarning(split: Split): string[] {
  return split.trailing.length === 0 ? [] : [`Trailing option(s) found in the command: may be ignored (${split.trailing.map((o) => o.token).join(" ")})`];
}
