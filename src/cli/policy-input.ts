// What simulate, test and diff share: loading a policy (its diagnostics on failure),
// identities from --claims, facts from --facts, history from --history.

import { compilePolicy, type CompiledPolicy } from "../engine/compile.js";
import type { Environment } from "../engine/evaluate.js";
import { EMPTY_HISTORY, statedHistory } from "../engine/history.js";
import { loadCatalogue, type CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { loadEffects } from "../ffmpeg/job/effects.js";
import type { FactsSource, InputFacts, StreamFacts } from "../ffmpeg/job/model.js";
import type { JsonValue, PolicyIR } from "../ir/policy.js";
import { parseCount, parseDuration } from "../semantics/quantities.js";
import { diagnosticsByFile } from "../workspace/analyze.js";
import { diskFileSystem, factsWithProbing } from "../workspace/files.js";
import { loadPolicy } from "../workspace/policy.js";
import { readText, UsageError, type Io } from "./io.js";
import { formatDiagnosticLines } from "./report.js";

export interface LoadedForDecisions {
  readonly ir: PolicyIR;
  readonly policy: CompiledPolicy;
  readonly catalogue: CatalogueIndex;
}

/** Load, check and compile a policy; a policy with errors is a usage error (exit 2) after its diagnostics. */
export function policyForDecisions(path: string, catalogue: CatalogueIndex, io: Io): LoadedForDecisions {
  const loaded = loadPolicy(path, catalogue);
  if (!loaded.ok) {
    if ("error" in loaded) throw new UsageError(loaded.error);
    for (const entry of diagnosticsByFile([loaded.analysis])) for (const line of formatDiagnosticLines(entry)) io.err(`${line}\n`);
    throw new UsageError(`${path} has errors; fix them before deciding anything with it`);
  }
  const pinned = loadCatalogue(loaded.ir.catalogue) ?? catalogue;
  return { ir: loaded.ir, policy: compilePolicy(loaded.ir), catalogue: pinned };
}

/** An identity's provider must be one a policy declares: a misspelt one would match no map rule, and change nothing. */
export function requireProvider(provider: string, ...policies: readonly PolicyIR[]): void {
  if (policies.some((ir) => Object.hasOwn(ir.providers, provider))) return;
  const known = [...new Set(policies.flatMap((ir) => Object.keys(ir.providers)))];
  throw new UsageError(`the policy has no provider '${provider}' (it has ${known.join(", ") || "none"})`);
}

/** `--claims '{"sub":"alice"}'` or `--claims @claims.json`. */
export function parseClaims(text: string): { [key: string]: JsonValue } {
  const json = text.startsWith("@") ? readText(text.slice(1)) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--claims is not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UsageError('--claims must be a JSON object, like \'{"sub":"alice"}\'');
  return value as { [key: string]: JsonValue };
}

const STREAM_KEYS = ["media", "codec", "width", "height", "frameRate", "bitrate", "duration"] as const;

/** `--facts FILE`: `{ "url": { "streams": [{ "media": "video", "codec": "h264", "width": 1920, … }], "reads": [...], "format": "mov,mp4,…" } }`. */
export function parseFacts(path: string): FactsSource {
  const text = readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new UsageError(`${path}: expected an object from input urls to their facts`);
  const facts = new Map<string, InputFacts>();
  for (const [url, value] of Object.entries(data as Record<string, unknown>)) {
    const entry = value as { streams?: unknown; reads?: unknown; format?: unknown };
    if (!Array.isArray(entry?.streams)) throw new UsageError(`${path}: "${url}" needs a "streams" list`);
    const streams = entry.streams.map((s: Record<string, unknown>, i: number) => {
      if (typeof s?.["media"] !== "string") throw new UsageError(`${path}: "${url}" stream ${i} needs "media" (video, audio, subtitle, data)`);
      return Object.fromEntries(STREAM_KEYS.map((k) => [k, s[k] ?? null])) as unknown as StreamFacts;
    });
    if (entry.format !== undefined && typeof entry.format !== "string") throw new UsageError(`${path}: "${url}" has a "format" that is not a demuxer name`);
    const reads = Array.isArray(entry.reads) ? entry.reads.map(String) : undefined;
    facts.set(url, { streams, ...(reads === undefined ? {} : { reads }), ...(entry.format === undefined ? {} : { format: entry.format }) });
  }
  return (url) => facts.get(url) ?? null;
}

/** `--history "jobs 99 in 1h"`, as in a test's `with history`. */
export function parseHistory(entries: readonly string[]): Environment["history"] {
  if (entries.length === 0) return EMPTY_HISTORY;
  return statedHistory(
    entries.map((entry) => {
      const m = /^\s*jobs\s+(\S+)\s+in\s+(\S+)\s*$/.exec(entry);
      const count = m === null ? null : parseCount(m[1]!);
      const window = m === null ? null : parseDuration(m[2]!);
      if (count === null || window === null || !count.ok || !window.ok) throw new UsageError(`--history '${entry}': write it like 'jobs 99 in 1h'`);
      return { jobs: count.value, windowMs: window.value };
    }),
  );
}

/** The environment simulate uses: this machine's files (symlinks resolved) and probing of existing local inputs. */
export function machineEnvironment(catalogue: CatalogueIndex, options: { facts?: string; cwd?: string; history: readonly string[] }): Environment {
  const cwd = options.cwd ?? process.cwd();
  const stated = options.facts === undefined ? () => null : parseFacts(options.facts);
  return {
    catalogue,
    effects: loadEffects(),
    facts: factsWithProbing(stated, cwd),
    cwd,
    fs: diskFileSystem,
    history: parseHistory(options.history),
    explain: true,
  };
}
