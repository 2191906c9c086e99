// The resolved job: what an ffmpeg command will really do — every input it reads, every
// destination it writes, each output stream's encoder, rate settings, size and filters,
// and every other file, url, device, socket or piece of code it opens. The policy engine
// judges this, never the raw argv.

import type { MediaType } from "../catalogue/types.js";
import type { Evaluated } from "../numbers.js";
import type { FilterUse } from "../filtergraph.js";
import type { NetworkUrl, Url } from "../url.js";

/** What one side effect does to its target. */
export type AccessKind = "read" | "write" | "load-code" | "bind" | "device";

/** One thing the command opens, and what made it do so. */
export interface Access {
  readonly kind: AccessKind;
  /** The file, url, socket address, device or library, as ffmpeg will be given it. */
  readonly target: string;
  /** The parsed target when it is a url or path (null for devices, code and sockets). */
  readonly url: Url | null;
  /** Wrapper protocols it is opened through, outermost first (`concat`, `crypto`, `cache`…). */
  readonly through: readonly string[];
  /** Human-readable cause: `-i`, `-progress`, `filter movie (filename)`, `x264-params stats`. */
  readonly via: string;
  /** argv index of the option or url that causes it. */
  readonly argIndex: number;
  /** The input or output group it belongs to, if any. */
  readonly input: number | null;
  readonly output: number | null;
  /** The complex filter graph (`-filter_complex` number) it happens in, if any. */
  readonly graph: number | null;
}

/** A fact about an input stream: given (test facts, probing) or assumed. */
export interface StreamFacts {
  readonly media: MediaType;
  readonly codec: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly frameRate: number | null;
  readonly bitrate: number | null;
  /** Milliseconds, from the start of the input's earliest stream: a stream that starts late lasts longer. */
  readonly duration: number | null;
  /** Degrees the display matrix turns the picture (probed): ffmpeg turns it so unless -autorotate 0. */
  readonly rotation?: number;
}

export interface InputFacts {
  /** Absent when only the format is known: a playlist's streams are those of the files it lists. */
  readonly streams?: readonly StreamFacts[];
  /** The demuxer probing found (ffprobe's format_name), when probed. */
  readonly format?: string;
  /** The files the input itself names and opens (a concat list's entries, a playlist's segments), when known. */
  readonly reads?: readonly string[];
}

/** Facts for an input by its url as written (null: none known, so assume and mark pending). */
export type FactsSource = (url: string) => InputFacts | null;

export interface JobInput {
  readonly index: number;
  readonly url: Url;
  /** `-f` for this input, if given. */
  readonly format: string | null;
  /** An image2 pattern input: `glob` (`-pattern_type glob`) or `sequence` (`%d`). */
  readonly pattern: "glob" | "sequence" | null;
  /** The streams it holds: from facts, or the default assumption (one video, one audio). */
  readonly streams: readonly StreamFacts[];
  /** True when `streams` is the assumption, not a fact: decisions that depend on it are pending. */
  readonly assumed: boolean;
  /** A `-f lavfi` input's graph. */
  readonly graph: readonly FilterUse[] | null;
  /** Looped, rescaled, shifted or re-clocked (-stream_loop, -itsscale, -itsoffset, image2 -loop, -r): its facts do not bound the output's duration. */
  readonly retimed: boolean;
  /** Its streams switched off by `-discard all`: ffmpeg neither selects nor maps them. */
  readonly discarded: readonly number[];
  /** The video frame rate the command imposes on it (`-r`, `-framerate`; null when it cannot be told), or its own (facts). */
  readonly frameRate: { readonly kind: "facts" } | { readonly kind: "forced"; readonly fps: number | null };
}

/** Rate settings of one output stream, each evaluated as ffmpeg reads it. */
export interface RateSettings {
  readonly b: Evaluated | null;
  readonly maxrate: Evaluated | null;
  readonly minrate: Evaluated | null;
  readonly bufsize: Evaluated | null;
  /** Quality modes that let the encoder choose its bitrate. */
  readonly quality: readonly QualitySetting[];
  /** `bitrate=` / `vbv-maxrate=` / `vbv-bufsize=` inside a params string, in bit/s (the string gives kbit/s). */
  readonly paramsBitrate: Evaluated | null;
  readonly paramsMaxrate: Evaluated | null;
  readonly paramsBufsize: Evaluated | null;
  /** Settings that change rate control in a way not modelled (an encoder's `rc` mode…): no cap can be proven. */
  readonly unmodelled: readonly string[];
}

export interface QualitySetting {
  /** `-crf`, `-qp`, `-q`, `-cq`, `-global_quality`, `x264-params crf`, … */
  readonly via: string;
  /** The setting without specifier or option: `crf`, `qp`, `q`, … */
  readonly name: string;
  readonly value: string;
  /** Whether the encoder holds this mode to -maxrate: x264 and x265 drop it under a constant quantiser. */
  readonly capped: boolean;
}

export interface JobStream {
  /** Index among the output file's streams. */
  readonly index: number;
  readonly media: MediaType;
  /** Where its frames come from: an input stream, or a complex filter graph's output. */
  readonly source:
    | { readonly kind: "input"; readonly input: number; readonly stream: number }
    | { readonly kind: "graph"; readonly graph: number; readonly label: string | null };
  /** The encoder name, "copy", or null when ffmpeg finds none (it then fails). */
  readonly encoder: string | null;
  /** The codec it produces: the encoder's, or (copy) the input stream's when known. */
  readonly codec: string | null;
  readonly rate: RateSettings;
  /** Output size when known (from -s, a constant scale, or facts). */
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly frameRate: number | null;
  /** Size or frame rate unknown only because facts about the input are missing: the run can tell. */
  readonly sizeNeedsFacts: boolean;
  readonly frameRateNeedsFacts: boolean;
  /** The filters the stream passes through (its -vf/-af chain, or its complex graph). */
  readonly filters: readonly FilterUse[];
  /** Its timestamps are changed (a retiming filter, `-fps_mode drop`): the inputs' durations do not bound it. */
  readonly retimed: boolean;
  /** Inputs whose content reaches this stream (through a copy, a chain or a graph). */
  readonly inputs: readonly number[];
}

/** One place an output writes to: the url itself, a tee branch, a segment pattern, … */
export interface Destination {
  readonly url: Url;
  readonly role: "output" | "tee branch" | "segment" | "playlist" | "image sequence" | "side file";
  readonly via: string;
  /** The muxer that writes it: a tee branch's own (`f=`, or guessed from its url), else the output's. */
  readonly format: string | null;
}

export interface JobOutput {
  readonly index: number;
  readonly url: Url;
  /** The muxer ffmpeg uses (`-f`, or guessed from the url), or null when it cannot guess. */
  readonly format: string | null;
  readonly destinations: readonly Destination[];
  readonly streams: readonly JobStream[];
  /** `-t`/`-to` bound in ms when the command sets one. */
  readonly duration: number | null;
  /** Why nothing bounds how long the output lasts, `-t` included (`-copyts`), and what would; or null. */
  readonly unbounded: { readonly why: string; readonly fix: string } | null;
  readonly sizeLimit: SizeLimit;
  /**
   * Inputs whose metadata or chapters the output copies, streams or not: `-map_metadata`,
   * `-map_chapters`, and ffmpeg's defaults (global metadata from input 0, chapters from the
   * first input that has any, which only the run can tell: every input).
   */
  readonly copiesFrom: readonly number[];
}

/**
 * What `-fs` bounds: ffmpeg compares it with the size of the muxer's own file only, so it
 * bounds nothing for muxers that write other files (tee, segment, hls, image2).
 */
export type SizeLimit = { readonly kind: "bytes"; readonly bytes: number } | { readonly kind: "none"; readonly why: string };

/** Where a network url really connects after protocol options, and whether it serves. */
export interface Endpoint {
  readonly url: NetworkUrl;
  readonly via: string;
  readonly server: boolean;
  /** False for the url as written; true for where an option sends it besides (a proxy, -rtmp_app, …). */
  readonly redirected: boolean;
  readonly input: number | null;
  readonly output: number | null;
}

/** Something ffmpeg will refuse after splitting, or that cannot be modelled: each one denies. */
export interface Problem {
  readonly message: string;
  readonly argIndex: number | null;
}

/** An option that switches one of ffmpeg's own protections off. */
export interface ProtectionOverride {
  readonly option: string;
  readonly value: string;
  readonly argIndex: number;
  /** The group it was given in. */
  readonly input: number | null;
  readonly output: number | null;
}

export interface Job {
  /** An information-only command (`-version`, `-h …`): prints and exits, opens nothing. */
  readonly info: boolean;
  readonly inputs: readonly JobInput[];
  readonly outputs: readonly JobOutput[];
  readonly accesses: readonly Access[];
  readonly endpoints: readonly Endpoint[];
  readonly protections: readonly ProtectionOverride[];
  readonly problems: readonly Problem[];
  /** What only the run can tell (the files a playlist or concat list names): checked at run time. */
  readonly pending: readonly string[];
}
