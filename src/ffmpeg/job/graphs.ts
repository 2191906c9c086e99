// Filter graphs in a job: each filter checked against the catalogue (ffmpeg refuses an
// unknown filter or option), every option that opens something turned into an access,
// and a complex graph's inputs and outputs found so streams can be traced to inputs.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { MediaType } from "../catalogue/types.js";
import { parseFilterGraph, type FilterUse } from "../filtergraph.js";
import { strtol, toCInt } from "../numbers.js";
import { parseSpecifier } from "../specifier.js";
import { filterPads } from "./filter-pads.js";
import { hardwareDevice } from "./hardware.js";
import type { LinkedFilters } from "./frames.js";
import type { JobBuilder, Where } from "./builder.js";
import type { Effects } from "./effects.js";

/** Options every filter has (AVFilterContext's own class). */
const GENERIC_FILTER_OPTIONS = new Set(["thread_type", "enable", "threads", "extra_hw_frames"]);

export interface ResolvedGraph extends LinkedFilters {
  /** Input pads bound to input files: `[0:v]` → 0; unlabeled ones could be any input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly GraphPad[];
}

/** A free output pad of a graph: its label, its media, and the filter (an index into the graph's filters) it belongs to. */
export interface GraphPad {
  readonly label: string | null;
  readonly media: MediaType;
  readonly from: number;
}

/** Parse a graph, report what ffmpeg would refuse, and record everything it opens. */
export function resolveGraph(text: string, via: string, where: Where, job: JobBuilder, catalogue: CatalogueIndex, effects: Effects): FilterUse[] {
  const graph = parseFilterGraph(text, { shorthand: (name) => catalogue.data.filters[name]?.shorthand ?? null });
  if (graph.error !== null) job.problem(`${via}: ${graph.error}`, where.argIndex);
  if (graph.scalerOptions !== null && !plainFlags(graph.scalerOptions))
    job.problem(`${via}: sws_${graph.scalerOptions} gives every scale filter options besides its flags (a size, say), which is not modelled`, where.argIndex);
  for (const filter of graph.filters) resolveFilter(filter, via, where, job, catalogue, effects);
  return [...graph.filters];
}

/**
 * Whether a scaler or resampler option's value stays one value where ffmpeg joins such
 * options into a filter's argument string unescaped (`flags=VALUE:…`): no ':' adding an
 * option, no quote or backslash changing how the rest is read.
 */
export function joinsSafely(value: string): boolean {
  return !/[:'\\]/.test(value);
}

/** `flags=VALUE` and nothing else. */
function plainFlags(options: string): boolean {
  return options.startsWith("flags=") && joinsSafely(options.slice("flags=".length));
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
  const device = hardwareDevice(filter.name);
  if (device !== null) job.access("device", device, `filter ${filter.name}`, where);
}

/** A pad waiting to be linked while the graph is read: a label before a filter, or an output of filter `from`. */
type Pending = { readonly label: string; readonly media?: undefined } | { readonly label?: undefined; readonly media: MediaType; readonly from: number };

/**
 * A complex graph's bound inputs and free outputs, found the way avfilter_graph_parse2
 * links pads (graphparser.c): a filter takes its inputs from the labels before it, then
 * from the previous filter's outputs; labels after it name its outputs in pad order; the
 * outputs left unlabeled at the end of a chain are free outputs too, which ffmpeg maps to
 * the first output file (`[0:v]split=2[a]` has a second, hidden, output). Each link is
 * kept, so what reaches an output can be followed back.
 */
export function graphInterface(filters: readonly FilterUse[], inputCount: number, catalogue: CatalogueIndex): ResolvedGraph & { problems: string[] } {
  const linker = new PadLinker(catalogue);
  filters.forEach((filter, index) => linker.add(filter, index));
  linker.endChain();
  const { inputs, problems } = linker.boundInputs(inputCount);
  return { filters, feeds: linker.feeds, inputs, outputs: linker.outputs, problems };
}

class PadLinker {
  readonly outputs: GraphPad[] = [];
  readonly feeds: (number | null)[][] = [];
  readonly problems: string[] = [];
  /** Labels read before any filter named them: which filter reads each, on which of its pads. */
  private readonly openInputs: { label: string; reader: number; pad: number }[] = [];
  /** Some input pad is not bound by a label to an input file: it may read any. */
  private unbound = false;
  private current: Pending[] = [];
  private chain: number | null = null;

  constructor(private readonly catalogue: CatalogueIndex) {}

  add(filter: FilterUse, index: number): void {
    if (filter.chain !== this.chain) this.endChain();
    this.chain = filter.chain;
    this.current = [...filter.inputs.map((label) => this.labelled(label)), ...this.current];
    this.feeds.push([]);
    const pads = filterPads(filter, this.catalogue);
    if (this.catalogue.data.filters[filter.name] === undefined) {
      // Already a problem (no such filter); its pads are unknowable.
      this.unbound = true;
      this.current = [];
      return;
    }
    this.takeInputs(filter, index, pads.inputs);
    if (pads.outputs === null) {
      this.problems.push(`filter ${filter.name}: how many outputs it has in this graph is not modelled`);
      this.current = [];
      return;
    }
    this.current = pads.outputs.map((media) => ({ media, from: index }));
    for (const label of filter.outputs) this.nameOutput(label, index);
  }

  /** The outputs left at the end of a chain are free outputs of the graph. */
  endChain(): void {
    for (const pad of this.current) if (pad.media !== undefined) this.outputs.push({ label: null, media: pad.media, from: pad.from });
    this.current = [];
  }

  /** A label before a filter: an earlier output of that name links to it, else it is an open input. */
  private labelled(label: string): Pending {
    const at = this.outputs.findIndex((o) => o.label === label);
    if (at < 0) return { label };
    const { media, from } = this.outputs.splice(at, 1)[0]!;
    return { media, from };
  }

  private takeInputs(filter: FilterUse, index: number, count: number | null): void {
    const taken = this.current.splice(0, count ?? this.current.length);
    const feeds = this.feeds[index]!;
    taken.forEach((pad, at) => {
      feeds.push(pad.label === undefined ? pad.from : null);
      if (pad.label !== undefined) this.openInputs.push({ label: pad.label, reader: index, pad: at });
    });
    // Pads left without a link are inputs of the graph.
    for (let at = taken.length; at < (count ?? 0); at++) feeds.push(null);
    if (count === null || taken.length < count) this.unbound = true;
    if (this.current.length > 0) this.problems.push(`Too many inputs specified for the "${filter.name}" filter`);
  }

  /** A label after a filter names its next output; a filter that read that label earlier is linked to it. */
  private nameOutput(label: string, index: number): void {
    const pad = this.current.shift();
    const reader = this.openInputs.findIndex((o) => o.label === label);
    if (reader >= 0) {
      const open = this.openInputs.splice(reader, 1)[0]!;
      this.feeds[open.reader]![open.pad] = index;
    } else if (pad?.media !== undefined) this.outputs.push({ label, media: pad.media, from: index });
  }

  /** The input files the open labels name (init_input_filter), or every input when a pad is unbound. */
  boundInputs(inputCount: number): { inputs: number[]; problems: string[] } {
    const inputs = new Set<number>();
    for (const { label } of this.openInputs) {
      // The file index by strtol base 0 (`010` is input 8), then an optional ':' and a specifier.
      const file = strtol(label, 0);
      const index = toCInt(file.value);
      const rest = label.slice(file.end);
      if (file.end === 0 || parseSpecifier(rest.startsWith(":") ? rest.slice(1) : rest === "" ? null : rest).kind === "opaque") this.unbound = true;
      else if (index < 0 || index >= inputCount) this.problems.push(`Invalid file index ${index} in filtergraph description`);
      else inputs.add(index);
    }
    // An unlabeled input pad takes the first unused stream of its type, from whichever input.
    if (this.unbound) for (let i = 0; i < inputCount; i++) inputs.add(i);
    return { inputs: [...inputs].sort((a, b) => a - b), problems: this.problems };
  }
}
