// Filter graphs in a job: each filter checked against the catalogue (ffmpeg refuses an
// unknown filter or option), every option that opens something turned into an access,
// and a complex graph's inputs and outputs found so streams can be traced to inputs.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { MediaType } from "../catalogue/types.js";
import { parseFilterGraph, type FilterUse } from "../filtergraph.js";
import { parseSpecifier } from "../specifier.js";
import type { JobBuilder, Where } from "./builder.js";
import type { Effects } from "./effects.js";

/** Options every filter has (AVFilterContext's own class). */
const GENERIC_FILTER_OPTIONS = new Set(["thread_type", "enable", "threads", "extra_hw_frames"]);

/** Filter name suffixes that open a hardware device, and which. */
const HARDWARE_SUFFIXES: readonly [RegExp, string][] = [
  [/_vaapi$/, "vaapi"],
  [/_(cuda|npp|cuvid)$/, "cuda"],
  [/_opencl$/, "opencl"],
  [/_vulkan$/, "vulkan"],
  [/_qsv$/, "qsv"],
  [/_vdpau$/, "vdpau"],
];

export interface ResolvedGraph {
  readonly filters: readonly FilterUse[];
  /** Input pads bound to input files: `[0:v]` → 0; unlabeled ones could be any input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly { readonly label: string | null; readonly media: MediaType }[];
}

/** Parse a graph, report what ffmpeg would refuse, and record everything it opens. */
export function resolveGraph(text: string, via: string, where: Where, job: JobBuilder, catalogue: CatalogueIndex, effects: Effects): FilterUse[] {
  const graph = parseFilterGraph(text, { shorthand: (name) => catalogue.data.filters[name]?.shorthand ?? null });
  if (graph.error !== null) job.problem(`${via}: ${graph.error}`, where.argIndex);
  for (const filter of graph.filters) resolveFilter(filter, via, where, job, catalogue, effects);
  return [...graph.filters];
}

function resolveFilter(filter: FilterUse, via: string, where: Where, job: JobBuilder, catalogue: CatalogueIndex, effects: Effects): void {
  const info = catalogue.data.filters[filter.name];
  if (filter.problem !== null) job.problem(`${via}: filter ${filter.name}: ${filter.problem}`, where.argIndex);
  if (info === undefined) return;
  const given = new Set<string>();
  for (const option of filter.options) {
    given.add(option.key);
    // ffmpeg 7: `/key=FILE` sets the option to the file's contents.
    if (option.key.startsWith("/") && catalogue.options.fromFileSyntax) {
      job.open("read", option.value, `filter ${filter.name} (${option.key})`, where);
      job.problem(`${via}: filter ${filter.name} takes '${option.key.slice(1)}' from ${option.value}, which cannot be checked before the run`, where.argIndex);
      continue;
    }
    const type = info.options[option.key]?.type;
    if (type === undefined) {
      if (!GENERIC_FILTER_OPTIONS.has(option.key)) job.problem(`${via}: filter ${filter.name} has no option '${option.key}'`, where.argIndex);
      continue;
    }
    const effect = effects.filterOption(filter.name, option.key, type);
    const cause = `filter ${filter.name} (${option.key})`;
    switch (effect) {
      case undefined:
        job.problem(`${via}: option '${option.key}' of filter ${filter.name} has not been reviewed for what it opens`, where.argIndex);
        break;
      case "read":
      case "read-dir":
      case "write":
      case "load-code":
      case "bind":
        job.opens(effect, option.value, cause, where);
        break;
      case "unknown":
        job.problem(`${via}: option '${option.key}' of filter ${filter.name} changes what it opens in ways that are not modelled`, where.argIndex);
        break;
      case "none":
      case "commands":
        break;
    }
  }
  // Options left at a default that opens something (zmq binds tcp://*:5555, vidstabdetect writes transforms.trf).
  const defaults = effects.filterDefaults(filter.name);
  const aliases = new Set(defaults.map((d) => d.target));
  for (const target of aliases) {
    const options = defaults.filter((d) => d.target === target);
    if (options.some((d) => given.has(d.option))) continue;
    const { effect, option } = options[0]!;
    const cause = `filter ${filter.name} (default ${option})`;
    job.opens(effect, target, cause, where);
  }
  for (const [pattern, device] of HARDWARE_SUFFIXES) {
    if (pattern.test(filter.name)) job.access("device", device, `filter ${filter.name}`, where);
  }
}

/** The output pad type of a filter from `ffmpeg -filters` (`V->V`, `A->A`, `N->V`, `|->A`); dynamic outputs follow the inputs. */
function outputMedia(filter: FilterUse, catalogue: CatalogueIndex): MediaType {
  const [input = "", output = ""] = (catalogue.data.filters[filter.name]?.io ?? "").split("->");
  const pads = /[AV]/.test(output) ? output : input;
  return pads.includes("A") && !pads.includes("V") ? "audio" : "video";
}

/** A complex graph's bound inputs and free outputs (labels used inside the graph are links, not outputs). */
export function graphInterface(filters: readonly FilterUse[], inputCount: number, catalogue: CatalogueIndex): ResolvedGraph {
  const produced = new Set(filters.flatMap((f) => f.outputs));
  const consumed = new Set(filters.flatMap((f) => f.inputs));
  const inputs = new Set<number>();
  let unboundInputs = false;
  for (const label of consumed) {
    if (produced.has(label)) continue;
    const file = /^(\d+)(?::|$)/.exec(label);
    if (file !== null && parseSpecifier(label.slice(file[0].length)).kind !== "opaque") inputs.add(Number(file[1]));
    else unboundInputs = true;
  }
  // The first filter of each chain without input labels takes an unused input stream.
  const chains = new Map<number, FilterUse[]>();
  for (const f of filters) chains.set(f.chain, [...(chains.get(f.chain) ?? []), f]);
  const outputs: { label: string | null; media: MediaType }[] = [];
  for (const chain of chains.values()) {
    const first = chain[0]!;
    const isSource = (catalogue.data.filters[first.name]?.io ?? "").startsWith("|");
    if (first.inputs.length === 0 && !isSource) unboundInputs = true;
    const last = chain.at(-1)!;
    const media = outputMedia(last, catalogue);
    if (last.outputs.length === 0) outputs.push({ label: null, media });
    for (const label of last.outputs) if (!consumed.has(label)) outputs.push({ label, media });
  }
  if (unboundInputs) for (let i = 0; i < inputCount; i++) inputs.add(i);
  return { filters, inputs: [...inputs].sort((a, b) => a - b), outputs };
}
