// Which streams an output gets (ffmpeg_opt.c open_output_file, 5.1): the unlabeled outputs
// of complex graphs (first output file only), then explicit `-map`s, or else ffmpeg's automatic choice — the
// largest video, the audio with most channels, the first subtitle — for each type the
// muxer supports and that `-vn/-an/-sn/-dn` or a graph output has not taken.

import type { MediaType } from "../catalogue/types.js";
import { strtol, toCInt } from "../numbers.js";
import { matches, parseSpecifier } from "../specifier.js";
import type { StreamFacts } from "./model.js";

export interface InputStreams {
  readonly input: number;
  readonly streams: readonly StreamFacts[];
  /** Streams disabled by `-discard all`. */
  readonly discarded: readonly number[];
}

export interface GraphOutput {
  readonly graph: number;
  readonly label: string | null;
  readonly media: MediaType;
  /** The filter of the graph whose output pad this is. */
  readonly from: number;
  /** The inputs the graph reads. */
  readonly inputs: readonly number[];
}

export type SelectedSource =
  | { readonly kind: "input"; readonly input: number; readonly stream: number; readonly media: MediaType; readonly inputs: readonly number[] }
  | {
      readonly kind: "graph";
      readonly graph: number;
      readonly label: string | null;
      readonly media: MediaType;
      readonly from: number;
      readonly inputs: readonly number[];
    };

export interface SelectionResult {
  readonly sources: readonly SelectedSource[];
  readonly problems: readonly string[];
}

interface AutoSelection {
  /** Stream types the muxer has a default codec for (av_guess_codec != NONE). */
  readonly supported: ReadonlySet<MediaType>;
  /** Types switched off by -vn/-an/-sn/-dn. */
  readonly disabled: ReadonlySet<MediaType>;
}

/** A graph output as a stream source. */
function fromGraph(output: GraphOutput): SelectedSource {
  return { kind: "graph", graph: output.graph, label: output.label, media: output.media, from: output.from, inputs: output.inputs };
}

/**
 * `-map` values in order, and what they select — after the unlabeled graph outputs, which
 * ffmpeg gives the first output file whatever it maps.
 */
export function selectByMaps(
  maps: readonly string[],
  inputs: readonly InputStreams[],
  graphOutputs: readonly GraphOutput[],
  unlabeled: readonly GraphOutput[],
): SelectionResult {
  const selected: SelectedSource[] = unlabeled.map(fromGraph);
  const problems: string[] = [];
  for (const raw of maps) {
    const negative = raw.startsWith("-");
    const map = negative ? raw.slice(1) : raw;
    if (map.startsWith("[")) {
      const label = map.slice(1, map.indexOf("]") < 0 ? undefined : map.indexOf("]"));
      const output = graphOutputs.find((o) => o.label === label);
      if (output === undefined) problems.push(`-map '${raw}': no complex filter graph has an output labelled [${label}]`);
      else selected.push(fromGraph(output));
      continue;
    }
    // opt_map: `file[:specifier][?][,sync]`; the sync part only sets timing, a '?' anywhere
    // makes it optional, and the file index is read by strtol base 0 (`010` is 8, no digits 0).
    const unsynced = map.split(",")[0]!;
    const optional = unsynced.includes("?");
    const body = optional ? unsynced.slice(0, unsynced.indexOf("?")) : unsynced;
    const file = strtol(body, 0);
    const fileIndex = toCInt(file.value);
    const input = inputs[fileIndex];
    if (input === undefined) {
      problems.push(`-map '${raw}': Invalid input file index: ${fileIndex}.`);
      continue;
    }
    const rest = body.slice(file.end);
    const specText = rest.startsWith(":") ? rest.slice(1) : rest;
    const spec = parseSpecifier(specText === "" ? null : specText);
    const counters = new Map<MediaType, number>();
    const hits: SelectedSource[] = [];
    let undecided = false;
    input.streams.forEach((stream, index) => {
      const indexInType = counters.get(stream.media) ?? 0;
      counters.set(stream.media, indexInType + 1);
      const match = matches(spec, { media: stream.media, index, indexInType });
      if (match === null) undecided = true;
      else if (match) hits.push({ kind: "input", input: input.input, stream: index, media: stream.media, inputs: [input.input] });
    });
    const disabled = hits.find((hit) => hit.kind === "input" && input.discarded.includes(hit.stream));
    if (disabled?.kind === "input" && !negative) {
      problems.push(`Stream #${input.input}:${disabled.stream} is disabled and cannot be mapped.`);
      continue;
    }
    if (undecided) {
      problems.push(`-map '${raw}': which streams '${specText}' selects depends on stream properties that are not known`);
    } else if (negative) {
      for (const hit of hits) {
        const at = selected.findIndex((s) => s.kind === "input" && hit.kind === "input" && s.input === hit.input && s.stream === hit.stream);
        if (at >= 0) selected.splice(at, 1);
      }
    } else if (hits.length === 0 && !optional) {
      problems.push(`-map '${raw}' matches no stream of input #${input.input}`);
    } else {
      selected.push(...hits);
    }
  }
  return { sources: selected, problems };
}

/** Automatic selection when no `-map` is given. */
export function selectAutomatically(inputs: readonly InputStreams[], unlabeled: readonly GraphOutput[], auto: AutoSelection): SelectionResult {
  const sources: SelectedSource[] = unlabeled.map(fromGraph);
  const taken = new Set(unlabeled.map((o) => o.media));
  for (const media of ["video", "audio", "subtitle"] as const) {
    if (!auto.supported.has(media) || auto.disabled.has(media) || taken.has(media)) continue;
    const best = bestStream(inputs, media);
    if (best !== null) sources.push(best);
  }
  return { sources, problems: [] };
}

/**
 * The stream ffmpeg picks: video by largest size, audio by most channels (we do not model
 * channels), subtitles first. When the facts cannot tell candidates apart, every input
 * that could have supplied it is counted as feeding the output.
 */
function bestStream(inputs: readonly InputStreams[], media: MediaType): SelectedSource | null {
  let winner: { input: number; index: number; area: number } | null = null;
  let decidable = media === "video";
  const feeding = new Set<number>();
  for (const input of inputs) {
    input.streams.forEach((stream, index) => {
      if (stream.media !== media || input.discarded.includes(index)) return;
      feeding.add(input.input);
      if (stream.width === null || stream.height === null) decidable = false;
      const area = (stream.width ?? 0) * (stream.height ?? 0);
      if (winner === null || area > winner.area) winner = { input: input.input, index, area };
    });
  }
  if (winner === null) return null;
  const chosen: { input: number; index: number } = winner;
  const ambiguous = !decidable && feeding.size > 1 && media !== "subtitle";
  return { kind: "input", input: chosen.input, stream: chosen.index, media, inputs: ambiguous ? [...feeding] : [chosen.input] };
}
