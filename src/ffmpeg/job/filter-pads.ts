// How many input and output pads a filter has once initialised, and the media of each
// output. Most filters have fixed pads (the catalogue's `io`, `VV->V`); for the dynamic
// ones (`N`) the count comes from their options, as their init functions compute it
// (libavfilter 5.1: split.c, f_select.c, avf_concat.c, af_amix.c, …). A count that is
// not modelled is null: the graph's shape is then unknown.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { MediaType } from "../catalogue/types.js";
import type { FilterUse } from "../filtergraph.js";

export interface FilterPads {
  readonly inputs: number | null;
  /** The media of each output pad, in pad order; null when the count is not modelled. */
  readonly outputs: readonly MediaType[] | null;
}

const LETTER: Readonly<Record<string, MediaType>> = { V: "video", A: "audio" };

/** A whole-number option (the last occurrence), its default when absent, null when not a plain count. */
function count(filter: FilterUse, keys: readonly string[], fallback: number): number | null {
  const value = filter.options.findLast((o) => keys.includes(o.key))?.value;
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** A list option's number of items (`planes=y+u`, `timestamps=1|2`), or null. */
function items(filter: FilterUse, keys: readonly string[], separator: RegExp, fallback: number | null): number | null {
  const value = filter.options.findLast((o) => keys.includes(o.key))?.value;
  return value === undefined ? fallback : value.split(separator).filter((s) => s !== "").length;
}

const repeat = (n: number | null, media: MediaType): MediaType[] | null => (n === null ? null : Array<MediaType>(n).fill(media));
const join = (...parts: (MediaType[] | null)[]): MediaType[] | null => (parts.some((p) => p === null) ? null : (parts.flat() as MediaType[]));

/** Dynamic pads by filter: [inputs, outputs]. */
const DYNAMIC: Readonly<Record<string, (f: FilterUse) => [number | null, MediaType[] | null]>> = {
  split: (f) => [1, repeat(count(f, ["outputs"], 2), "video")],
  asplit: (f) => [1, repeat(count(f, ["outputs"], 2), "audio")],
  select: (f) => [1, repeat(count(f, ["outputs", "n"], 1), "video")],
  aselect: (f) => [1, repeat(count(f, ["outputs", "n"], 1), "audio")],
  concat: (f) => {
    const [n, v, a] = [count(f, ["n"], 2), count(f, ["v"], 1), count(f, ["a"], 0)];
    return [n === null || v === null || a === null ? null : n * (v + a), join(repeat(v, "video"), repeat(a, "audio"))];
  },
  amix: (f) => [count(f, ["inputs"], 2), ["audio"]],
  amerge: (f) => [count(f, ["inputs"], 2), ["audio"]],
  join: (f) => [count(f, ["inputs"], 2), ["audio"]],
  hstack: (f) => [count(f, ["inputs"], 2), ["video"]],
  vstack: (f) => [count(f, ["inputs"], 2), ["video"]],
  xstack: (f) => [count(f, ["inputs"], 2), ["video"]],
  interleave: (f) => [count(f, ["nb_inputs", "n"], 2), ["video"]],
  ainterleave: (f) => [count(f, ["nb_inputs", "n"], 2), ["audio"]],
  // ebur128 puts its video output first; aphasemeter adds one unless video=0.
  ebur128: (f) => [1, join(repeat(flag(f, "video", false), "video"), ["audio"])],
  aphasemeter: (f) => [1, join(["audio"], repeat(flag(f, "video", true), "video"))],
  extractplanes: (f) => [1, repeat(items(f, ["planes"], /\+/, 1), "video")],
  segment: (f) => [1, repeat(plusOne(items(f, ["timestamps", "frames"], /\|/, null)), "video")],
  asegment: (f) => [1, repeat(plusOne(items(f, ["timestamps", "samples"], /\|/, null)), "audio")],
  movie: (f) => [0, f.options.some((o) => o.key === "streams" || o.key === "s") ? null : ["video"]],
  amovie: (f) => [0, f.options.some((o) => o.key === "streams" || o.key === "s") ? null : ["audio"]],
};

function flag(filter: FilterUse, key: string, fallback: boolean): number | null {
  const value = filter.options.findLast((o) => o.key === key)?.value;
  if (value === undefined) return fallback ? 1 : 0;
  return ["1", "true"].includes(value) ? 1 : ["0", "false"].includes(value) ? 0 : null;
}

function plusOne(n: number | null): number | null {
  return n === null ? null : n + 1;
}

export function filterPads(filter: FilterUse, catalogue: CatalogueIndex): FilterPads {
  const io = catalogue.data.filters[filter.name]?.io;
  if (io === undefined) return { inputs: null, outputs: null };
  const [input = "", output = ""] = io.split("->");
  const dynamic = DYNAMIC[filter.name];
  const [dynamicInputs, dynamicOutputs] = dynamic === undefined ? [null, null] : dynamic(filter);
  const inputs = input === "N" ? dynamicInputs : input === "|" ? 0 : input.length;
  const outputs = output === "N" ? dynamicOutputs : output === "|" ? [] : [...output].map((letter) => LETTER[letter] ?? "video");
  return { inputs, outputs };
}
