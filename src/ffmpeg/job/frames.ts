// What filters do to the frames the checks look at: their size, their rate, and how long
// the stream lasts. Lists of what is known to keep each; anything else makes it unknown
// (a role with a limit then needs -s, -r or -t), so a filter nobody reviewed cannot
// stretch a clip or grow a picture past a limit.

import type { StreamFacts } from "./model.js";
import type { FilterUse } from "../filtergraph.js";
import { parseVideoSize } from "../values.js";

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Filters that keep the frame size, the frame rate and the duration, whatever their options. */
const KEEPING_ALL = [
  ...["null", "copy", "format", "setsar", "setdar", "drawtext", "drawbox", "eq", "hue", "unsharp", "hqdn3d", "fade", "negate"],
  ...["hflip", "vflip", "colorspace", "showinfo", "split", "volume", "anull", "loudnorm", "afade", "pan", "aformat", "asplit"],
];

/** Filters that keep the frame rate (anything else makes it unknown unless -r is set). */
export const FRAME_RATE_KEEPING_FILTERS: ReadonlySet<string> = new Set([...KEEPING_ALL, "aresample", "scale", "crop", "pad", "transpose"]);

/** Filters that keep the frame size (anything else on the way makes it unknown unless -s is set). */
export const SIZE_KEEPING_FILTERS: ReadonlySet<string> = new Set([
  ...KEEPING_ALL,
  ...["aresample", "fps", "setpts", "settb", "yadif", "bwdif", "trim", "select", "atrim", "asetpts"],
]);

/**
 * Filters whose output lasts no longer than their longest input, with the options they may
 * have (null: any). Not here, because they lengthen or may: setpts, atempo, asetrate,
 * adelay, apad, tpad, loop, concat, zoompan, aecho's tail, sources; aresample's
 * `async`/`first_pts` pad with silence, fps's `start_time` with copies of a frame.
 */
const DURATION_KEEPING: ReadonlyMap<string, readonly string[] | null> = new Map<string, readonly string[] | null>([
  ...KEEPING_ALL.map((name) => [name, null] as const),
  ...["scale", "crop", "pad", "transpose", "yadif", "bwdif", "settb", "trim", "atrim", "select", "aselect"].map((name) => [name, null] as const),
  // Several inputs, synchronised: the output ends with the longest at the latest.
  ...["overlay", "hstack", "vstack", "xstack", "amix", "amerge"].map((name) => [name, null] as const),
  ["fps", ["fps", "round", "eof_action"]],
  ["aresample", ["sample_rate", "osr", "out_sample_rate", "osf", "out_sample_fmt", "ocl", "ochl", "out_chlayout", "out_channel_layout"]],
]);

/** Whether a filter's output lasts no longer than its inputs. */
export function keepsDuration(filter: FilterUse): boolean {
  const options = DURATION_KEEPING.get(filter.name);
  return options !== undefined && (options === null || filter.options.every((o) => options.includes(o.key)));
}

export function sizeOf(facts: StreamFacts | undefined): Size | null {
  return facts?.width != null && facts.height != null ? { width: facts.width, height: facts.height } : null;
}

/** How a graph's pads are linked (graphs.ts graphInterface). */
export interface LinkedFilters {
  readonly filters: readonly FilterUse[];
  /** For each filter, the filter feeding each of its input pads; null for an input of the graph. */
  readonly feeds: readonly (readonly (number | null)[])[];
}

/**
 * The frame size on an output pad of filter `from` (null: an input of the graph, of size
 * `input`), following the pads back: a constant `scale` sets it, a size-keeping filter with
 * one input passes on that input's, anything else makes it unknown.
 */
export function padSize(graph: LinkedFilters, from: number | null, input: Size | null): Size | null {
  let at = from;
  // Each filter at most once: a graph whose pads loop has no size.
  for (let step = 0; step <= graph.filters.length; step++) {
    if (at === null) return input;
    const filter = graph.filters[at]!;
    if (filter.name === "scale") return constantScale(filter);
    const feeds = graph.feeds[at] ?? [];
    if (!SIZE_KEEPING_FILTERS.has(filter.name) || feeds.length !== 1) return null;
    at = feeds[0]!;
  }
  return null;
}

function constantScale(filter: FilterUse): Size | null {
  const value = (keys: string[]) => filter.options.filter((o) => keys.includes(o.key)).at(-1)?.value;
  // force_original_aspect_ratio=decrease fits inside W:H (a bound); increase grows past it.
  if (!["disable", "0", "decrease", "1", undefined].includes(value(["force_original_aspect_ratio"]))) return null;
  const sized = value(["size", "s"]);
  if (sized !== undefined) return parseVideoSize(sized);
  const width = Number(value(["w", "width"]));
  const height = Number(value(["h", "height"]));
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 ? { width, height } : null;
}
