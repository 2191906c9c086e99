// From ffmpeg's split to the resolved job. Each group is read the way ffmpeg_opt.c reads
// it — inputs first (formats, devices, graphs, what they open), then complex graphs,
// then each output (format, destinations, streams with their encoders, rates, sizes and
// filters) — and every option is accounted for: modelled, inert, or a problem.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { MediaType } from "../catalogue/types.js";
import { avOptionFloat, avOptionInteger, strtol, toCInt, type Evaluated } from "../numbers.js";
import type { FilterUse } from "../filtergraph.js";
import type { StreamPosition } from "../specifier.js";
import type { ParsedOption, Split } from "../split.js";
import { leaves, parseUrl, type Url } from "../url.js";
import { parseDurationMs, parseVideoRate, parseVideoSize } from "../values.js";
import { JobBuilder, type Where } from "./builder.js";
import { codecDictionary, streamCodecOptions, type CodecEntry } from "./codec-options.js";
import { destinationsFor, hlsFlagsProblem, type RawDestination } from "./destinations.js";
import { teeBranches, type TeeBranch } from "../tee.js";
import type { Effects } from "./effects.js";
import { parseEncoderParams } from "./encoder-params.js";
import { FRAME_RATE_KEEPING_FILTERS, keepsDuration, padSize, SIZE_KEEPING_FILTERS, sizeOf, type Size } from "./frames.js";
import { graphInterface, joinsSafely, resolveGraph, type ResolvedGraph } from "./graphs.js";
import { hardwareDevice } from "./hardware.js";
import type {
  Destination,
  FactsSource,
  InputFacts,
  Job,
  JobInput,
  JobOutput,
  JobStream,
  QualitySetting,
  RateSettings,
  SizeLimit,
  StreamFacts,
} from "./model.js";
import { endpointsFor, MODELLED_REDIRECTS, type ProtocolOptions } from "./network.js";
import { canonical, OptionsByName, type PerStream } from "./per-stream.js";
import { selectAutomatically, selectByMaps, type GraphOutput, type InputStreams, type SelectedSource } from "./selection.js";
import { HANDLED, INERT, INFO_ONLY } from "./table-options.js";
import { ownEntry } from "../../base/tables.js";

export interface ResolveContext {
  readonly catalogue: CatalogueIndex;
  readonly effects: Effects;
  readonly facts: FactsSource;
}

/** Without facts, an input is taken to hold one video and one audio stream (DESIGN.md). */
const ASSUMED_STREAMS: readonly StreamFacts[] = [
  { media: "video", codec: null, width: null, height: null, frameRate: null, bitrate: null, duration: null },
  { media: "audio", codec: null, width: null, height: null, frameRate: null, bitrate: null, duration: null },
];

const CODEC_NAMES = ["codec", "c"];
/** Input options that set what a demuxer reads the input as (a raw demuxer's size, format, rate, layout). */
const DEMUXER_SHAPING_OPTIONS = new Set([
  ...["s", "video_size", "pixel_format", "pix_fmt", "sample_rate", "ar", "channels", "ac", "ch_layout", "channel_layout"],
  // mov: edit lists decide which frames and how long (-ignore_editlist 1 made 30 s of a 3 s file).
  ...["ignore_editlist", "advanced_editlist", "use_tfdt", "skip_initial_bytes"],
]);
/** (De)muxers that read their url as a network address themselves, whatever it looks like (sapenc.c, sapdec.c). */
const ADDRESSED_FORMATS = new Set(["sap"]);
/** Options whose file the muxer writes as NAME.tmp first and renames (segment.c's list). */
const WRITTEN_THROUGH_TEMP = new Set(["segment_list"]);
/** The statistics files x264 and x265 keep between passes, by default in the working directory. */
const STATS_FILES: ReadonlyMap<string, { stats: string; tree: string }> = new Map([
  ["libx264", { stats: "x264_2pass.log", tree: "mbtree" }],
  ["libx264rgb", { stats: "x264_2pass.log", tree: "mbtree" }],
  ["libx265", { stats: "x265_2pass.log", tree: "cutree" }],
]);
/** Encoders that ignore their rate cap under a constant quantiser. */
const CONSTANT_QP_ENCODERS = new Set(["libx264", "libx264rgb", "libx265"]);
/** Encoder-private options that change rate control in ways the bitrate rule does not model. */
const UNMODELLED_RATE_OPTIONS = new Set([
  ...["rc", "rc_mode", "lossless", "crf_max", "constqp", "qp_i", "qp_p", "qp_b"],
  // Generic ones: a quantizer ceiling or step, the rate tolerance, mpegvideo's rate equation, VBV use.
  ...["qmax", "qdiff", "bt", "rc_eq", "rc_max_vbv_use", "rc_min_vbv_use"],
]);
/** Encoder parameter strings whose keys the catalogue classifies (any other params option is not modelled). */
const PARAMS_OPTIONS = ["x264-params", "x265-params", "x264opts"];
/** tee.c's own branch options; every other key is the branch muxer's. */
const TEE_KEYS = new Set(["f", "select", "onfail", "use_fifo", "bsfs"]);
/** Options destinationsFor reads (names relative to the playlist, defaults filled in): not opened a second time. */
const DESTINATION_OPTIONS = new Set([
  ...["hls_segment_filename", "master_pl_name", "hls_fmp4_init_filename", "init_seg_name", "media_seg_name", "hls_master_name", "single_file_name"],
]);
/**
 * AVOptions a group's reader interprets itself: pattern_type makes the input url a glob,
 * method and post_data (on an input) write to its server, var_stream_map names variants.
 */
const AVOPTIONS_READ_ELSEWHERE = new Set([...DESTINATION_OPTIONS, "pattern_type", "method", "post_data", "var_stream_map"]);
/** Options naming the muxer a wrapper uses inside: harmless when that muxer writes only into the file it is given. */
const INNER_FORMAT_OPTIONS = new Set(["segment_format", "fifo_format"]);
const SEGMENT_MUXERS = new Set(["segment", "ssegment", "stream_segment"]);
/** Encoders with a list of supported frame rates: ffmpeg picks the nearest to -r, which may be higher (5.1: mpeg2video -r 70 gives 72). */
const FIXED_RATE_ENCODERS = new Set(["mpeg1video", "mpeg2video"]);
/** Bitstream filters that rewrite headers or packaging only: no size, rate, timing or codec change. */
const HARMLESS_BSFS = new Set([
  ...["h264_mp4toannexb", "hevc_mp4toannexb", "aac_adtstoasc", "extract_extradata", "remove_extra", "dump_extra", "null", "trace_headers"],
  ...["vp9_superframe", "vp9_superframe_split", "av1_frame_split", "av1_frame_merge", "mpeg4_unpack_bframes", "h264_redundant_pps", "chomp"],
  ...["eac3_core", "dca_core", "truehd_core", "mp3decomp", "pgs_frame_merge", "imxdump", "mjpeg2jpeg", "mjpega_dump_header"],
]);
/** Demuxers that open the files or urls their input names (5.1: hls.c, dashdec.c, concatdec.c, sdp, imfdec.c, vobsub's .sub). */
export const LISTING_DEMUXERS: ReadonlySet<string> = new Set(["hls", "dash", "concat", "sdp", "imf", "vobsub"]);
/** An image2 pattern input's demuxer is image2, whatever its files hold. */
const PATTERN_FACTS: InputFacts = { format: "image2" };
/** Options naming a file whose content says what else ffmpeg opens or runs. */
const FILES_NAMING_FILES: Readonly<Record<string, "pending" | "unknowable">> = {
  // hls: the key info file's second line names the key file read (hlsenc.c hls_encryption_start).
  hls_key_info_file: "pending",
  // lavfi: the graph is read from the file and replaces the url's (lavfi.c).
  graph_file: "unknowable",
};
/** `-discard` levels by name (AVStream's discard option). */
const DISCARD_LEVELS = ["none", "default", "noref", "bidir", "nointra", "nokey", "all"];
/** A per-stream setting that does not apply, and one ffmpeg applies in a way the command does not tell. */
const UNSET = { kind: "unset" } as const;
const UNDECIDED = { kind: "undecided" } as const;
/**
 * Input options that make an input play longer than its media (looping, rescaled or shifted
 * timestamps), with the value that leaves it alone: the input's duration then bounds nothing.
 * `loop` is image2's, `ignore_loop` gif's and apng's (0 obeys the file's own loop count).
 */
const RETIMING_INPUT_OPTIONS: ReadonlyMap<string, string> = new Map([
  ["stream_loop", "0"],
  ["itsoffset", "0"],
  ["loop", "0"],
  ["ignore_loop", "1"],
]);

export function resolveJob(split: Split, ctx: ResolveContext): Job {
  const job = new JobBuilder(ctx.catalogue.urls);
  const resolver = new Resolver(split, ctx, job);
  return resolver.run();
}

class Resolver {
  private readonly graphs: (ResolvedGraph & { readonly argIndex: number })[] = [];
  /** Rate values evaluated once per command: an option without a specifier reaches every stream. */
  private readonly integers = new Map<string, Evaluated>();
  /** Each group's options indexed once for the per-stream lookups (keyed by the group's option list). */
  private readonly indexed = new Map<readonly ParsedOption[], OptionsByName>();

  constructor(
    private readonly split: Split,
    private readonly ctx: ResolveContext,
    private readonly job: JobBuilder,
  ) {}

  private integer(text: string): Evaluated {
    let value = this.integers.get(text);
    if (value === undefined) this.integers.set(text, (value = avOptionInteger(text)));
    return value;
  }

  private index(options: readonly ParsedOption[]): OptionsByName {
    let index = this.indexed.get(options);
    if (index === undefined) this.indexed.set(options, (index = new OptionsByName(options)));
    return index;
  }

  /** MATCH_PER_STREAM_OPT for one stream over one group's options. */
  private perStream(options: readonly ParsedOption[], names: readonly string[], stream: StreamPosition): PerStream {
    return this.index(options).perStream(names, stream);
  }

  /** The last occurrence of a per-file option in one group (or the global options). */
  private last(options: readonly ParsedOption[], name: string): ParsedOption | null {
    return this.index(options).last(name);
  }

  run(): Job {
    const info = this.split.exit !== null && INFO_ONLY.has(this.split.exit.name);
    for (const option of this.split.global) this.globalOption(option);
    if (info) return this.finish(true, [], []);
    const inputs = this.split.inputs.map((group, index) => this.input(group.url, group.index, group.options, index));
    for (const graph of this.graphs) {
      const { problems, ...shape } = graphInterface(graph.filters, inputs.length, this.ctx.catalogue);
      for (const problem of problems) this.job.problem(`-filter_complex: ${problem}`, graph.argIndex);
      Object.assign(graph, shape);
    }
    if (this.split.outputs.length === 0) this.job.problem("At least one output file must be specified", null);
    const outputs = this.split.outputs.map((group, index) => this.output(group.url, group.index, group.options, index, inputs));
    return this.finish(false, inputs, outputs);
  }

  private finish(info: boolean, inputs: JobInput[], outputs: JobOutput[]): Job {
    const { accesses, endpoints, protections, problems } = this.job;
    return { info, inputs, outputs, accesses, endpoints, protections, problems, pending: this.job.pending };
  }

  // ── options common to every group ───────────────────────────────────────────────

  /** Classify an option not handled by its group's reader: inert, or an AVOption's effect. */
  private otherOption(option: ParsedOption, where: Where): void {
    if (AVOPTIONS_READ_ELSEWHERE.has(option.name)) return;
    if (option.match.kind === "option") {
      if (!INERT.has(option.name) && !HANDLED.has(option.name))
        this.job.problem(`-${option.name} is not modelled, so what it opens cannot be checked`, option.index);
      return;
    }
    // ffmpeg joins scaler and resampler options into the arguments of the scale and aresample filters it inserts.
    if (option.match.layers.some((layer) => layer === "sws" || layer === "swr") && !joinsSafely(option.value ?? ""))
      this.job.problem(`-${option.name} ${option.value}: a ':', quote or '\\' in it adds options to the filters ffmpeg inserts (a size, say)`, option.index);
    this.avOptionEffect(option.name, option.value ?? "", `-${option.name}`, where);
  }

  /** What an AVOption opens, from the reviewed effects table (`-vb` is looked up as `b`). */
  private avOptionEffect(name: string, value: string, via: string, where: Where): void {
    // A value is sent as written: a line break in it adds lines (HTTP headers, a second request).
    if (/[\r\n]/.test(value)) this.job.problem(`${via}: its value holds a line break, which would be sent as is`, where.argIndex);
    const hlsFlags = name === "hls_flags" ? hlsFlagsProblem(value) : null;
    if (hlsFlags !== null) this.job.problem(hlsFlags, where.argIndex);
    const info = this.ctx.catalogue.data.avOptions[name] ?? this.ctx.catalogue.data.avOptions[name.slice(1)];
    const effect = this.ctx.effects.avOption(name, info?.type ?? "string");
    switch (effect) {
      case "none":
      case "listen":
        return;
      case "params":
        if (!PARAMS_OPTIONS.includes(name)) this.job.problem(`${via}: the keys of this encoder's parameter string are not modelled`, where.argIndex);
        return;
      case "load-code":
      case "read":
      case "write":
        // An empty path is ffmpeg's "not set" for the options that read or write.
        if (value !== "" || effect === "load-code") this.job.opens(effect, value, via, where);
        if (value !== "" && WRITTEN_THROUGH_TEMP.has(name)) this.job.opens(effect, `${value}.tmp`, `${via} (written as .tmp, then renamed)`, where);
        if (ownEntry(FILES_NAMING_FILES, name) === "pending") this.job.pending.push(`the files ${value} names (${via})`);
        if (ownEntry(FILES_NAMING_FILES, name) === "unknowable")
          this.job.problem(`${via} ${value}: what that file holds cannot be checked before the run`, where.argIndex);
        return;
      case "redirect":
        if (!MODELLED_REDIRECTS.has(name)) this.job.problem(`${via} changes where a connection goes in a way that is not modelled`, where.argIndex);
        return;
      case "protection":
        if (weakens(name, value))
          this.job.protections.push({ option: name, value, argIndex: where.argIndex, input: where.input ?? null, output: where.output ?? null });
        return;
      case "device":
        // Which node of a device format (`-device /dev/dri/card1` for kmsgrab): the format's own access covers it.
        return;
      case "unknown":
        if (INNER_FORMAT_OPTIONS.has(name) && this.ctx.catalogue.data.muxers[value]?.nofile === false) return;
        this.job.problem(`${via} changes what ffmpeg opens in ways that are not modelled`, where.argIndex);
        return;
      case undefined:
        this.job.problem(`${via} has not been reviewed for what it opens`, where.argIndex);
        return;
    }
  }

  /**
   * 7.x `-/NAME FILE`: the value is the file's contents, unknown before the run. The file
   * is read; unless the option is inert, what it would set cannot be checked.
   */
  private fromFile(option: ParsedOption, where: Where): boolean {
    if (!option.fromFile) return false;
    this.job.open("read", option.value ?? "", `-/${option.name}`, where);
    if (!INERT.has(option.name))
      this.job.problem(`-/${option.name} ${option.value}: the value in that file cannot be checked before the run; pass it inline`, option.index);
    return true;
  }

  private globalOption(option: ParsedOption): void {
    const where: Where = { argIndex: option.index };
    if (this.fromFile(option, where)) return;
    const value = option.value ?? "";
    switch (canonical(option).name) {
      case "progress":
        this.job.open("write", value, "-progress", where);
        return;
      case "vstats_file":
        this.job.open("write", value, "-vstats_file", where);
        return;
      case "vstats":
        this.job.open("write", "vstats_HHMMSS.log", "-vstats", where);
        return;
      case "report":
        this.job.open("write", "ffmpeg-YYYYMMDD-HHMMSS.log", "-report", where);
        return;
      case "sdp_file":
        this.job.open("write", value, "-sdp_file", where);
        return;
      case "filter_complex": {
        const graphWhere: Where = { ...where, graph: this.graphs.length };
        this.graphs.push({
          filters: resolveGraph(value, "-filter_complex", graphWhere, this.job, this.ctx.catalogue, this.ctx.effects),
          feeds: [],
          inputs: [],
          outputs: [],
          argIndex: option.index,
        });
        return;
      }
      case "filter_complex_script":
        this.script(option, where);
        return;
      case "init_hw_device":
        this.job.access("device", value.split(/[=:]/)[0]!, "-init_hw_device", where);
        return;
      case "vaapi_device":
      case "qsv_device":
        this.job.access("device", option.name.replace("_device", ""), `-${option.name} ${value}`, where);
        return;
      case "stdin":
        // -nostdin is the protection (the enforcer adds it); -stdin switches it off.
        if (value !== "0") this.job.protections.push({ option: "stdin", value, argIndex: option.index, input: null, output: null });
        return;
      case "sources":
      case "sinks":
        this.job.access("device", value.split(",")[0]!, `-${option.name} ${value}`, where);
        return;
      default:
        this.otherOption(option, where);
    }
  }

  /** A graph read from a file: the file is read, and its graph cannot be seen before the run. */
  private script(option: ParsedOption, where: Where): void {
    this.job.open("read", option.value ?? "", `-${option.name}`, where);
    this.job.problem(`-${option.name} ${option.value}: the filter graph in that file cannot be checked before it runs; pass it inline`, option.index);
  }

  // ── inputs ──────────────────────────────────────────────────────────────────────

  private input(raw: string, urlIndex: number, options: readonly ParsedOption[], index: number): JobInput {
    const where: Where = { argIndex: urlIndex, input: index };
    const format = this.last(options, "f")?.value ?? null;
    const demuxer = format === null ? null : this.ctx.catalogue.data.demuxers[format];
    if (format !== null && demuxer === undefined) this.job.problem(`Unknown input format: '${format}'`, urlIndex);
    const url = raw === "-" ? parseUrl("pipe:", this.job.urls) : parseUrl(raw, this.job.urls);
    this.addressedBy(format, url, urlIndex);
    let graph: FilterUse[] | null = null;
    const pattern = this.inputPattern(raw, format, options);
    if (format === "lavfi") {
      graph = resolveGraph(raw, "-f lavfi input", where, this.job, this.ctx.catalogue, this.ctx.effects);
    } else if (demuxer?.device === true) {
      this.job.access("device", format!, `-f ${format} -i ${raw}`, where);
    } else if (pattern === "glob") {
      if (/[{}]|(^|\/)\.\.(\/|$)/.test(raw)) this.job.problem(`-pattern_type glob '${raw}': braces and '..' in a glob can reach files outside it`, urlIndex);
      this.job.open("read", raw, "-i (glob)", where);
    } else if (url.kind !== "pipe") {
      this.job.open("read", url, "-i", where);
    }
    for (const leaf of leaves(url)) if (leaf.kind === "network") this.job.endpoints.push(...endpointsFor(leaf, options, "-i", { input: index, output: null }));
    const facts = this.ctx.facts(raw);
    this.listsOtherFiles(raw, format, pattern === null ? facts : PATTERN_FACTS, index, urlIndex);
    for (const option of options) this.inputOption(option, index, url);
    const frameRate = forcedFrameRate(options);
    const retimed = frameRate.kind === "forced" || (graph ?? []).some((f) => !keepsDuration(f)) || retimingOptions(options) || this.seeksBefore(options);
    const known = this.describes(facts, format, options) ? facts?.streams : undefined;
    const streams = known === undefined ? ASSUMED_STREAMS : this.turned(known, options);
    const discarded = this.discarded(options, streams);
    return { index, url, format, pattern, streams, assumed: known === undefined, graph, retimed, discarded, frameRate };
  }

  /** Streams as ffmpeg decodes them: turned by their display matrix (a quarter turn swaps width and height) unless -autorotate 0. */
  private turned(streams: readonly StreamFacts[], options: readonly ParsedOption[]): readonly StreamFacts[] {
    if (this.last(options, "autorotate")?.value === "0") return streams;
    return streams.map((s) => (s.rotation !== undefined && Math.abs(s.rotation) % 180 === 90 ? { ...s, width: s.height, height: s.width } : s));
  }

  /** An input -ss that is negative (or not a time) shifts the input later, as -itsoffset does (5.1: -ss -100 on 3 s wrote 103 s). */
  private seeksBefore(options: readonly ParsedOption[]): boolean {
    const ss = this.last(options, "ss")?.value;
    if (ss === undefined || ss === null) return false;
    const ms = parseDurationMs(ss);
    return ms === null || ms < 0;
  }

  /**
   * Whether probed facts describe what ffmpeg will read: not when -f names a demuxer other
   * than the one the probe found, nor when the input's options set what a demuxer takes
   * from them (`-f rawvideo -video_size 3840x2160` read a 1280x720 file as 4K). The input
   * is then assumed, and only a probe with its own options can tell.
   */
  private describes(facts: InputFacts | null, format: string | null, options: readonly ParsedOption[]): boolean {
    if (facts === null) return true;
    if (format !== null && facts.format !== undefined && !facts.format.split(",").includes(format)) return false;
    return !options.some((o) => DEMUXER_SHAPING_OPTIONS.has(o.match.kind === "option" ? canonical(o).name : o.name));
  }

  /** A (de)muxer that takes its url as a host and port sends or listens on the network, not on the file it seems to name. */
  private addressedBy(format: string | null, url: Url, argIndex: number): void {
    if (format !== null && ADDRESSED_FORMATS.has(format) && url.kind !== "network")
      this.job.problem(`-f ${format} ${url.raw}: ${format} reads its url as a host and port and uses the network; write it as ${format}://HOST:PORT`, argIndex);
  }

  /** `-discard all` (per stream): those streams are disabled, for automatic selection and -map alike. */
  private discarded(options: readonly ParsedOption[], streams: readonly StreamFacts[]): number[] {
    if (this.last(options, "discard") === null) return [];
    const counters = new Map<MediaType, number>();
    return streams.flatMap((stream, index) => {
      const indexInType = counters.get(stream.media) ?? 0;
      counters.set(stream.media, indexInType + 1);
      const discard = this.perStream(options, ["discard"], { media: stream.media, index, indexInType });
      if (discard.kind === "unset") return [];
      if (discard.kind === "undecided") this.job.problem(`cannot tell which streams -${discard.option.token.slice(1)} applies to`, discard.option.index);
      // The other named levels only skip frames in the decoder; a number or an expression is not modelled.
      else if (!DISCARD_LEVELS.includes(discard.option.value ?? "")) this.job.problem(`-discard ${discard.option.value} is not modelled`, discard.option.index);
      return discard.option.value === "all" ? [index] : [];
    });
  }

  private inputPattern(raw: string, format: string | null, options: readonly ParsedOption[]): "glob" | "sequence" | null {
    const patternType = options.filter((o) => o.name === "pattern_type").at(-1)?.value;
    if (format !== "image2" && format !== null) return null;
    // pattern_type is an int with named values: anything but sequence (2) or none (3) may glob.
    if (patternType !== undefined && patternType !== null && !["sequence", "2", "none", "3", "glob_sequence", "0"].includes(patternType)) return "glob";
    // Without -f, img2_read_probe claims a numbered name with an image extension by its name alone (AVFMT_NOFILE).
    if (!/%0?\d*d/.test(raw)) return null;
    const image = format === "image2" || this.ctx.catalogue.data.image2CodecByExtension[raw.slice(raw.lastIndexOf(".") + 1).toLowerCase()] !== undefined;
    return image ? "sequence" : null;
  }

  /**
   * A playlist or list input opens the files it names. Without -f, ffmpeg picks the demuxer
   * from the content, whatever the name says: only a probe (facts with a format) can tell
   * that `a.mov` is not an m3u8. Facts stated without a format are taken at their word.
   */
  private listsOtherFiles(raw: string, format: string | null, facts: InputFacts | null, index: number, argIndex: number): void {
    const demuxer = format ?? facts?.format ?? null;
    const lists = demuxer !== null ? LISTING_DEMUXERS.has(demuxer) : /\.(m3u8?|mpd)$/i.test(raw) || raw.startsWith("data:");
    if (lists) {
      if (facts?.reads === undefined) this.job.pending.push(`the files input #${index} (${raw}) lists`);
      else for (const target of facts.reads) this.job.open("read", target, `input #${index} (${raw}) lists it`, { argIndex, input: index });
    } else if (demuxer === null && facts === null) {
      this.job.pending.push(`the format of input #${index} (${raw}), which must not be a playlist or list`);
    }
  }

  private inputOption(option: ParsedOption, index: number, url: Url): void {
    const where: Where = { argIndex: option.index, input: index };
    if (this.fromFile(option, where)) return;
    const value = option.value ?? "";
    if (option.match.kind === "option" && option.match.def.direction === "output") {
      this.job.problem(`-${option.name} is an output option and cannot be applied to input #${index}`, option.index);
    }
    switch (canonical(option).name) {
      // http.c sends these with the request even when reading: the input's server receives data.
      case "method":
        if (!/^(GET|HEAD)$/i.test(value)) this.job.open("write", url, `-method ${value} on an input`, where);
        return;
      case "post_data":
        this.job.open("write", url, "-post_data on an input", where);
        return;
      case "dump_attachment":
        if (value === "") this.job.problem(`-dump_attachment with an empty name writes to a file name chosen by the input's content`, option.index);
        else this.job.open("write", value, "-dump_attachment", where);
        return;
      case "hwaccel":
        if (value !== "none") this.job.access("device", value, "-hwaccel", where);
        return;
      case "hwaccel_device":
        // Which node of the -hwaccel type: that option's access covers it.
        return;
      case "bsf":
        // 7.x filters an input's packets too: the same bitstream filters that change nothing checked are allowed.
        this.checkBitstreamFilters(value, option.index);
        return;
      case "c":
      case "codec":
        // A hardware decoder opens its device as an encoder does (h264_v4l2m2m scans /dev/video*).
        this.hardwareCodec(value, "decoder", where);
        return;
      case "f":
      case "t":
      case "to":
      case "s":
      case "r":
        return;
      default:
        this.otherOption(option, where);
    }
  }

  // ── outputs ─────────────────────────────────────────────────────────────────────

  private output(raw: string, urlIndex: number, options: readonly ParsedOption[], index: number, inputs: readonly JobInput[]): JobOutput {
    const where: Where = { argIndex: urlIndex, output: index };
    const url = raw === "-" ? parseUrl("pipe:", this.job.urls) : parseUrl(raw, this.job.urls);
    const explicit = this.last(options, "f")?.value ?? null;
    const format = explicit ?? this.guessFormat(raw);
    const muxer = format === null ? undefined : this.ctx.catalogue.data.muxers[format];
    if (format === null) this.job.problem(`Unable to find a suitable output format for '${raw}'; name one with -f`, urlIndex);
    else if (muxer === undefined) this.job.problem(`Requested output format '${format}' is not a suitable output format`, urlIndex);

    this.addressedBy(format, url, urlIndex);
    const destinations = this.destinations(format, muxer?.device === true, raw, options, index, urlIndex);
    this.innerMuxer(format, raw, options, urlIndex);
    for (const option of options) this.outputOption(option, index);
    const streams = this.streams(options, format, raw, index, inputs);
    if (streams.length === 0) this.job.problem(`Output file #${index} does not contain any stream`, urlIndex);
    const duration = this.durationBound(options, urlIndex);
    const sizeLimited = sizeLimit(this.last(options, "fs")?.value ?? null, format, destinations, destinations.length === 1 && muxer?.nofile === true);
    const unbounded = this.copiesTimestamps()
      ? { why: "-copyts keeps the inputs' timestamps, so neither -t nor the inputs bound it", fix: "remove -copyts" }
      : null;
    return {
      index,
      url,
      format,
      destinations,
      streams,
      duration,
      unbounded,
      sizeLimit: sizeLimited,
      copiesFrom: this.copiedFrom(options, inputs.length, urlIndex),
    };
  }

  private guessFormat(raw: string): string | null {
    const data = this.ctx.catalogue.data;
    const dot = raw.lastIndexOf(".");
    const extension = dot < 0 ? "" : raw.slice(dot + 1).toLowerCase();
    // av_guess_format: a numbered image name goes to image2 first.
    if (/%0?\d*d/.test(raw) && data.image2CodecByExtension?.[extension] !== undefined) return "image2";
    return data.formatByExtension?.[extension] ?? null;
  }

  private destinations(format: string | null, device: boolean, raw: string, options: readonly ParsedOption[], index: number, argIndex: number): Destination[] {
    const where: Where = { argIndex, output: index };
    if (device) {
      this.job.access("device", format!, `-f ${format} ${raw}`, where);
      return [];
    }
    if (format === "tee") return teeBranches(raw).flatMap((branch) => this.teeBranch(branch, options, where));
    return this.written(format, destinationsFor(format, raw, options), options, where, "output");
  }

  /**
   * fifo and segment run a muxer inside, named by -fifo_format/-segment_format (judged as
   * options) or else picked from the url: one that opens files of its own (`x.m3u8` runs
   * hls, which writes segments) is not modelled.
   */
  private innerMuxer(format: string | null, raw: string, options: readonly ParsedOption[], argIndex: number): void {
    const option = format === "fifo" ? "fifo_format" : SEGMENT_MUXERS.has(format ?? "") ? "segment_format" : null;
    if (option === null || options.some((o) => o.name === option)) return;
    const inner = this.guessFormat(raw);
    if (inner !== null && this.ctx.catalogue.data.muxers[inner]?.nofile === true)
      this.job.problem(`-f ${format} ${raw} runs the ${inner} muxer, which opens files of its own: not modelled; name a muxer with -${option}`, argIndex);
  }

  /** Open each destination for writing; network ones get their endpoints (after the options that redirect them). */
  private written(
    format: string | null,
    raw: readonly RawDestination[],
    options: ProtocolOptions,
    where: Where,
    role: Destination["role"] | null,
  ): Destination[] {
    return raw.map((d) => {
      const url = this.job.open("write", d.target === "-" ? "pipe:" : d.target, d.via, where);
      for (const leaf of leaves(url))
        if (leaf.kind === "network") this.job.endpoints.push(...endpointsFor(leaf, options, d.via, { input: null, output: where.output ?? null }));
      return { url, role: role === "tee branch" && d.role === "output" ? role : d.role, via: d.via, format };
    });
  }

  /**
   * A tee branch (`[f=hls:hls_segment_filename=…]url`): its own muxer, with the branch's
   * options as that muxer's options — each judged by what it opens, like the command's.
   */
  private teeBranch(branch: TeeBranch, options: readonly ParsedOption[], where: Where): Destination[] {
    if (branch.problem !== null) {
      this.job.problem(branch.problem, where.argIndex);
      return [];
    }
    for (const [key, value] of branch.options) if (key.startsWith("bsfs")) this.checkBitstreamFilters(value, where.argIndex);
    const format = branch.options.get("f") ?? this.guessFormat(branch.url);
    if (format === null || this.ctx.catalogue.data.muxers[format] === undefined) {
      this.job.problem(`tee branch '${branch.url}': ${format === null ? "no format (add f=…)" : `unknown format '${format}'`}`, where.argIndex);
    }
    const settings = [...branch.options].filter(([name]) => !TEE_KEYS.has(name.split(/[:/]/)[0]!)).map(([name, value]) => ({ name, value }));
    for (const { name, value } of settings) {
      if (!DESTINATION_OPTIONS.has(name)) this.avOptionEffect(name, value, `-f tee branch option ${name}`, where);
    }
    const inner = format === "tee" ? [] : destinationsFor(format, branch.url, settings);
    return this.written(
      format,
      inner.map((d) => ({ ...d, via: d.role === "output" ? "-f tee" : `-f tee (${d.via})` })),
      // A branch's own protocol options (`[f=flv:rtmp_app=x]`) apply to its url, the command's to every branch.
      [...options, ...settings],
      where,
      "tee branch",
    );
  }

  private outputOption(option: ParsedOption, index: number): void {
    const where: Where = { argIndex: option.index, output: index };
    if (this.fromFile(option, where)) return;
    const value = option.value ?? "";
    if (option.match.kind === "option" && option.match.def.direction === "input") {
      this.job.problem(`-${option.name} is an input option and cannot be applied to output #${index}`, option.index);
    }
    switch (canonical(option).name) {
      case "attach":
        this.job.open("read", value, "-attach", where);
        return;
      case "stats_enc_pre":
      case "stats_enc_post":
      case "stats_mux_pre":
        this.job.open("write", value, `-${option.name}`, where);
        return;
      case "target":
        this.job.problem(`-target ${value} sets codecs, sizes and bitrates at once; write them out explicitly`, option.index);
        return;
      case "var_stream_map":
        // Each `name:` replaces %v in the file names written: a name must not leave the directory.
        // hlsenc splits variants on space and tab only, and their keys on ','.
        for (const name of value.matchAll(/name:([^, \t]*)/g)) {
          if (/[/\\]|^\.\.?$/.test(name[1]!))
            this.job.problem(`-var_stream_map name '${name[1]}' would put files outside the playlist's directory`, option.index);
        }
        return;
      case "pre":
      case "vpre":
      case "apre":
      case "spre":
      case "fpre":
        for (const file of presetFiles(option.name, value)) this.job.open("read", file, `-${option.name}`, where);
        this.job.problem(`-${option.name} ${value}: a preset file sets options that cannot be checked; write them out`, option.index);
        return;
      case "filter_script":
        this.script(option, where);
        return;
      case "pass":
        this.passFiles(option, index);
        return;
      case "f":
      case "map":
      case "t":
      case "to":
      case "fs":
      case "c":
      case "codec":
      case "s":
      case "r":
      case "q":
      case "filter":
      case "b":
      case "passlogfile":
        return;
      default:
        this.otherOption(option, where);
    }
  }

  /** Two-pass encoding: pass 1 writes `PREFIX-N.log`, pass 2 reads it (ffmpeg_mux_init/ffmpeg_opt). */
  private passFiles(option: ParsedOption, index: number): void {
    const options = this.split.outputs[index]!.options;
    const prefix = this.last(options, "passlogfile")?.value ?? "ffmpeg2pass";
    // PREFIX-N.log per stream; x264 and x265 add their tree files, each written as NAME.temp and renamed.
    const files = ["", ".mbtree", ".cutree"].map((tree) => `${prefix}-*.log${tree}`);
    const where: Where = { argIndex: option.index, output: index };
    if (option.value !== "2") for (const file of files) for (const name of [file, `${file}.temp`]) this.job.open("write", name, "-pass (statistics)", where);
    if (option.value !== "1") for (const file of files) this.job.open("read", file, "-pass (statistics)", where);
  }

  /**
   * open_output_file: `-t` wins over `-to` (ffmpeg warns and drops `-to`); `-to` counts from
   * `-ss`, which may be negative (`-ss -100 -to 5` records 105 s).
   */
  private durationBound(options: readonly ParsedOption[], argIndex: number): number | null {
    const ms = (name: string) => {
      const value = this.last(options, name)?.value;
      return value === undefined || value === null ? undefined : parseDurationMs(value);
    };
    const t = ms("t");
    if (t !== undefined) return t !== null && t >= 0 ? t : null;
    const to = ms("to");
    const start = ms("ss") ?? 0;
    if (to === undefined || to === null || start === null) return null;
    if (to <= start) this.job.problem("-to value smaller than -ss; aborting.", argIndex);
    return to - start;
  }

  /**
   * The inputs an output takes metadata or chapters from (open_output_file): each
   * -map_metadata's input (`1:s:0`: strtol base 0; a negative one copies nothing); global
   * metadata from input 0 unless a -map_metadata sets the global metadata; chapters from
   * -map_chapters, else from the first input that has any — any input, before the run.
   */
  private copiedFrom(options: readonly ParsedOption[], inputCount: number, argIndex: number): number[] {
    const from = new Set<number>();
    let globalSet = false;
    for (const option of options) {
      if (option.match.kind !== "option" || option.name !== "map_metadata") continue;
      const index = toCInt(strtol(option.value ?? "", 0).value);
      if (option.specifier === null || option.specifier.startsWith("g")) globalSet = true;
      if (index >= inputCount) this.job.problem(`Invalid input file index ${index} while processing metadata maps`, option.index);
      else if (index >= 0) from.add(index);
    }
    if (!globalSet && inputCount > 0) from.add(0);
    const chapters = this.last(options, "map_chapters")?.value;
    const chapterInput = chapters === undefined ? null : Number(chapters);
    if (chapterInput === null || !Number.isInteger(chapterInput)) for (let i = 0; i < inputCount; i++) from.add(i);
    else if (chapterInput >= inputCount) this.job.problem(`Invalid input file index ${chapterInput} in chapter mapping.`, argIndex);
    else if (chapterInput >= 0) from.add(chapterInput);
    return [...from].sort((a, b) => a - b);
  }

  /** -async N inserts aresample=async=N:first_pts=0, which pads audio with silence from 0 (5.1: 103 s from 3 s of sound starting at 100 s). */
  private padsAudio(): boolean {
    const value = this.last(this.split.global, "async")?.value;
    return value !== undefined && value !== null && value !== "0";
  }

  /**
   * -copyts keeps the inputs' timestamps: neither -t nor the inputs' lengths bound how long
   * the output lasts then (5.1: an input starting at 30 s, -t 2, gives a 30 s file to ffprobe).
   */
  private copiesTimestamps(): boolean {
    return this.last(this.split.global, "copyts")?.value === "1";
  }

  // ── streams ─────────────────────────────────────────────────────────────────────

  private streams(options: readonly ParsedOption[], format: string | null, raw: string, index: number, inputs: readonly JobInput[]): JobStream[] {
    const inputStreams: InputStreams[] = inputs.map((input) => ({ input: input.index, streams: input.streams, discarded: input.discarded }));
    const graphOutputs: GraphOutput[] = [];
    this.graphs.forEach((g, graph) => graphOutputs.push(...g.outputs.map((o) => ({ graph, label: o.label, media: o.media, from: o.from, inputs: g.inputs }))));
    const maps = options.filter((o) => o.name === "map" && o.value !== null).map((o) => o.value!);
    const disabled = new Set<MediaType>((["video", "audio", "subtitle", "data"] as const).filter((media) => this.last(options, `${media[0]}n`)?.value === "1"));
    const unlabeled = index === 0 ? graphOutputs.filter((o) => o.label === null) : [];
    const selection =
      maps.length > 0
        ? selectByMaps(maps, inputStreams, graphOutputs, unlabeled)
        : selectAutomatically(inputStreams, unlabeled, {
            supported: this.supportedMedia(format, raw, options),
            disabled,
          });
    for (const problem of selection.problems) this.job.problem(problem, null);
    const sources = selection.sources.filter((s) => s.kind === "graph" || !disabled.has(s.media));
    const counters = new Map<MediaType, number>();
    const dictionary = codecDictionary(options, this.ctx.catalogue);
    return sources.map((source, streamIndex) => {
      const indexInType = counters.get(source.media) ?? 0;
      counters.set(source.media, indexInType + 1);
      return this.stream(source, { media: source.media, index: streamIndex, indexInType }, options, dictionary, format, raw, index, inputs);
    });
  }

  /** The stream types ffmpeg picks automatically for this muxer (av_guess_codec != NONE). */
  private supportedMedia(format: string | null, raw: string, options: readonly ParsedOption[]): Set<MediaType> {
    const supported = new Set<MediaType>();
    const muxer = format === null ? undefined : this.ctx.catalogue.data.muxers[format];
    if (muxer === undefined) return supported;
    // For 'APIC' muxers (mp3) only cover images are taken as video; facts do not model them.
    if (this.defaultCodec(format!, raw, "video") !== null && !muxer.attachedPicturesOnly) supported.add("video");
    if (this.defaultCodec(format!, raw, "audio") !== null) supported.add("audio");
    const subtitleCodec = options.some((o) => canonical(o).name === "codec" && (canonical(o).specifier ?? "").startsWith("s"));
    if (this.defaultCodec(format!, raw, "subtitle") !== null || subtitleCodec) supported.add("subtitle");
    return supported;
  }

  /** av_guess_codec: segment muxers take their codecs from the format the segment name implies; image2 from the extension. */
  private defaultCodec(format: string, raw: string, media: MediaType): string | null {
    const data = this.ctx.catalogue.data;
    if (format === "segment" || format === "ssegment") format = this.guessFormat(raw) ?? format;
    if ((format === "image2" || format === "image2pipe") && media === "video") {
      const dot = raw.lastIndexOf(".");
      const byExtension = data.image2CodecByExtension[raw.slice(dot + 1).toLowerCase()];
      if (byExtension !== undefined) return byExtension;
    }
    const muxer = data.muxers[format];
    return (media === "video" ? muxer?.defaultVideo : media === "audio" ? muxer?.defaultAudio : media === "subtitle" ? muxer?.defaultSubtitle : null) ?? null;
  }

  private stream(
    source: SelectedSource,
    position: StreamPosition,
    options: readonly ParsedOption[],
    dictionary: readonly CodecEntry[],
    format: string | null,
    raw: string,
    output: number,
    inputs: readonly JobInput[],
  ): JobStream {
    const inputFacts = source.kind === "input" ? inputs[source.input]?.streams[source.stream] : undefined;
    const encoder = this.encoder(position, options, format, raw, output);
    const copy = encoder === "copy";
    const codec = copy ? (inputFacts?.codec ?? null) : encoder === null ? null : (this.ctx.catalogue.encoder(encoder)?.codec ?? null);
    const filters = this.streamFilters(source, position, options, output, copy);
    this.bitstreamFilters(options, position);
    // -s and -r are read by new_video_stream only: they never size an audio stream.
    const video = position.media === "video";
    const input = source.kind === "input" ? inputs[source.input] : undefined;
    const inputRate = input?.frameRate.kind === "forced" ? input.frameRate.fps : (inputFacts?.frameRate ?? null);
    // -s sizes the encoder through the scale filter ffmpeg appends, unless -autoscale 0 leaves the frames as they are.
    const autoscale = this.perStream(options, ["autoscale"], position);
    const sizeOption = this.perStream(options, ["s"], position);
    const scaled = autoscale.kind === "unset" || (autoscale.kind === "set" && autoscale.option.value !== "0") || sizeOption.kind === "unset";
    const timing = this.frameTiming(options, position);
    const rateOption = timing === "kept" ? this.outputRate(options, position, encoder) : timing === "passed" ? UNSET : UNDECIDED;
    const size = !video
      ? null
      : copy
        ? sizeOf(inputFacts)
        : !scaled
          ? null
          : sizeOption.kind === "set"
            ? parseVideoSize(sizeOption.option.value ?? "")
            : sizeOption.kind === "unset"
              ? this.filteredSize(source, filters, sizeOf(inputFacts))
              : null;
    const keepsRate = filters.every((f) => FRAME_RATE_KEEPING_FILTERS.has(f.name));
    const frameRate = !video
      ? null
      : copy
        ? inputRate
        : rateOption.kind === "set"
          ? rateOption.fps
          : rateOption.kind === "unset" && keepsRate
            ? inputRate
            : null;
    // Unknown only for want of facts about the input (the run can tell), or unknowable from the command.
    const factsOnly = input?.assumed === true;
    const sizeNeedsFacts =
      size === null && video && factsOnly && (copy || (sizeOption.kind === "unset" && filters.every((f) => SIZE_KEEPING_FILTERS.has(f.name))));
    const frameRateNeedsFacts =
      frameRate === null && video && factsOnly && input?.frameRate.kind === "facts" && (copy || (rateOption.kind === "unset" && keepsRate));
    return {
      index: position.index,
      media: position.media,
      source:
        source.kind === "input" ? { kind: "input", input: source.input, stream: source.stream } : { kind: "graph", graph: source.graph, label: source.label },
      encoder,
      codec,
      rate: copy ? NO_RATE : this.rate(position, options, dictionary, encoder, output),
      size,
      frameRate,
      sizeNeedsFacts,
      frameRateNeedsFacts,
      filters,
      retimed: timing === "invented" || (position.media === "audio" && this.padsAudio()) || filters.some((f) => !keepsDuration(f)),
      inputs: source.inputs,
    };
  }

  /** The frame size a stream's filters give it: on the path that reaches the stream, not in the order the filters are written. */
  private filteredSize(source: SelectedSource, filters: readonly FilterUse[], input: Size | null): Size | null {
    if (source.kind === "graph") return padSize(this.graphs[source.graph]!, source.from, null);
    if (filters.length === 0) return input;
    // A simple graph (-vf) has one input and one output; anything else ffmpeg refuses.
    const simple = graphInterface(filters, 1, this.ctx.catalogue);
    return simple.outputs.length === 1 ? padSize(simple, simple.outputs[0]!.from, input) : null;
  }

  /**
   * -fps_mode (per stream) or -vsync (global): cfr and vfr hold a stream to -r; passthrough
   * keeps the input's timestamps whatever -r says (5.1: -r 30 on a 120 fps input still gives
   * 120 fps); drop invents new ones, and anything else is not modelled.
   */
  private frameTiming(options: readonly ParsedOption[], position: StreamPosition): "kept" | "passed" | "invented" {
    // The encoder's time base sets how many frames cfr makes (5.1: -r 20 -enc_time_base 1:1000 wrote 1000 fps).
    if (this.perStream(options, ["enc_time_base"], position).kind !== "unset") return "invented";
    const mode = this.perStream(options, ["fps_mode"], position);
    const value = mode.kind === "set" ? mode.option.value : mode.kind === "undecided" ? null : (this.last(this.split.global, "vsync")?.value ?? "auto");
    if (value !== null && ["auto", "-1", "cfr", "1", "vfr", "2"].includes(value)) return "kept";
    return value === "passthrough" || value === "0" ? "passed" : "invented";
  }

  /** `-r` as the encoder gets it: mpeg1video and mpeg2video round it to a rate of their own (72 for -r 70) unless -force_fps. */
  private outputRate(
    options: readonly ParsedOption[],
    position: StreamPosition,
    encoder: string | null,
  ): { kind: "set"; fps: number | null } | { kind: "unset" | "undecided" } {
    const r = this.perStream(options, ["r"], position);
    if (r.kind !== "set") return r;
    const rounded = encoder !== null && FIXED_RATE_ENCODERS.has(encoder) && this.perStream(options, ["force_fps"], position).kind !== "set";
    return { kind: "set", fps: rounded ? null : parseVideoRate(r.option.value ?? "") };
  }

  /** Bitstream filters on the stream's packets, encoded or copied. */
  private bitstreamFilters(options: readonly ParsedOption[], position: StreamPosition): void {
    const bsf = this.perStream(options, ["bsf"], position);
    if (bsf.kind !== "unset") this.checkBitstreamFilters(bsf.option.value ?? "", bsf.option.index);
  }

  /** A bitstream filter list (`name[=options],…`): only filters that leave what the checks see untouched. */
  private checkBitstreamFilters(list: string, argIndex: number): void {
    for (const name of list.split(",").map((f) => f.split("=")[0]!)) {
      if (!HARMLESS_BSFS.has(name)) this.job.problem(`bitstream filter ${name} changes the stream in ways that are not modelled`, argIndex);
    }
  }

  /** choose_encoder: `-c` for this stream, else the muxer's default codec's default encoder. */
  private encoder(position: StreamPosition, options: readonly ParsedOption[], format: string | null, raw: string, output: number): string | null {
    const chosen = this.perStream(options, CODEC_NAMES, position);
    const where: Where = { argIndex: chosen.kind === "unset" ? this.split.outputs[output]!.index : chosen.option.index, output };
    if (chosen.kind === "undecided") {
      this.job.problem(`cannot tell which streams -${chosen.option.token.slice(1)} applies to`, chosen.option.index);
      return null;
    }
    let name: string | null;
    if (chosen.kind === "set") {
      const value = chosen.option.value ?? "";
      if (value === "copy") return "copy";
      name = this.ctx.catalogue.encoder(value) !== null ? value : (this.ctx.catalogue.data.codecs[value]?.defaultEncoder ?? null);
      if (name === null) this.job.problem(`Unknown encoder '${value}'`, chosen.option.index);
    } else {
      const codec = format === null ? null : this.defaultCodec(format, raw, position.media);
      name = codec === null ? null : (this.ctx.catalogue.data.codecs[codec]?.defaultEncoder ?? null);
      if (name === null) this.job.problem(`output #${output} has no encoder for its ${position.media} stream`, where.argIndex);
    }
    if (name !== null) {
      const type = this.ctx.catalogue.encoder(name)?.type;
      if (type !== undefined && type !== position.media) this.job.problem(`Invalid encoder type '${name}' for a ${position.media} stream`, where.argIndex);
      this.hardwareCodec(name, "encoder", where);
    }
    return name;
  }

  private hardwareCodec(name: string, kind: "encoder" | "decoder", where: Where): void {
    const device = hardwareDevice(name);
    if (device !== null) this.job.access("device", device, `${kind} ${name}`, where);
  }

  private streamFilters(source: SelectedSource, position: StreamPosition, options: readonly ParsedOption[], output: number, copy: boolean): FilterUse[] {
    if (source.kind === "graph") return [...this.graphs[source.graph]!.filters];
    const chosen = this.perStream(options, ["filter"], position);
    if (chosen.kind === "unset") return [];
    if (chosen.kind === "undecided") {
      this.job.problem(`cannot tell which streams -${chosen.option.token.slice(1)} applies to`, chosen.option.index);
      return [];
    }
    if (copy) this.job.problem("Filtering and streamcopy cannot be used together", chosen.option.index);
    return resolveGraph(
      chosen.option.value ?? "",
      `-${chosen.option.name}`,
      { argIndex: chosen.option.index, output },
      this.job,
      this.ctx.catalogue,
      this.ctx.effects,
    );
  }

  /** The rate settings that reach this stream's encoder, in one pass over its codec options. */
  private rate(
    position: StreamPosition,
    options: readonly ParsedOption[],
    dictionary: readonly CodecEntry[],
    encoder: string | null,
    output: number,
  ): RateSettings {
    const { settings, undecided } = streamCodecOptions(dictionary, position, encoder, this.ctx.catalogue);
    for (const entry of undecided) this.job.problem(`cannot tell which streams -${entry.key} applies to`, entry.option.index);
    const rate: MutableRate = { ...NO_RATE, quality: [], unmodelled: [] };
    for (const [name, entry] of settings) {
      switch (name) {
        case "b":
        case "maxrate":
        case "minrate":
        case "bufsize":
          rate[name] = this.integer(entry.value);
          break;
        case "crf":
        case "qp":
        case "cq":
        case "global_quality":
          rate.quality.push({ via: `-${entry.key}`, name, value: entry.value, capped: true });
          break;
        case "flags":
          // +qscale: a fixed quantiser, which mpegvideo and aac encoders keep whatever the rate settings say.
          if (entry.value.includes("qscale")) rate.unmodelled.push(`-${entry.key} ${entry.value}`);
          // +pass1/+pass2: libx264 and libx265 write or read their statistics files themselves.
          if (encoder !== null && STATS_FILES.has(encoder) && /pass[12]/.test(entry.value))
            this.statsFiles(encoder, null, entry.value.includes("pass2") ? (entry.value.includes("pass1") ? "3" : "2") : "1", `-${entry.key} ${entry.value}`, {
              argIndex: entry.option.index,
              output,
            });
          break;
        case "x264-params":
        case "x265-params":
        case "x264opts":
          this.encoderParams(name, entry, rate, output);
          break;
        default:
          if (UNMODELLED_RATE_OPTIONS.has(name)) rate.unmodelled.push(`-${entry.key}`);
      }
    }
    const q = this.perStream(options, ["q"], position);
    if (q.kind === "set") rate.quality.push({ via: `-${q.option.token.slice(1)}`, name: "q", value: q.option.value ?? "", capped: true });
    // x264 and x265 drop -maxrate under a constant quantiser ("VBV is incompatible with constant QP, ignored"); x264 takes crf 0 as one.
    const constant = (q: QualitySetting) => q.name === "qp" || (q.name === "crf" && Number(q.value) === 0);
    if (encoder !== null && CONSTANT_QP_ENCODERS.has(encoder)) rate.quality = rate.quality.map((q) => ({ ...q, capped: !constant(q) }));
    // -rc_override sets the quantizer of frame ranges, like x264's zones.
    const override = this.perStream(options, ["rc_override"], position);
    if (override.kind !== "unset") rate.unmodelled.push(`-${override.option.token.slice(1)}`);
    return rate;
  }

  /** The keys of `-x264-params`/`-x265-params`/`-x264opts`: rates (kbit/s), quality modes, and files. */
  /**
   * Multi-pass statistics of x264 and x265: pass 1 writes them, 2 reads, 3 both — the file
   * (stats= or the encoder's default in the working directory) and its macroblock-tree file,
   * each written as NAME.temp first and renamed.
   */
  private statsFiles(encoder: string, stats: string | null, pass: string, via: string, where: Where): void {
    const files = STATS_FILES.get(encoder)!;
    const file = stats ?? files.stats;
    const names = [file, `${file}.${files.tree}`];
    if (pass !== "2") for (const name of names) for (const written of [name, `${name}.temp`]) this.job.open("write", written, via, where);
    if (pass !== "1") for (const name of names) this.job.open("read", name, via, where);
  }

  private encoderParams(option: string, entry: CodecEntry, rate: MutableRate, output: number): void {
    const params = parseEncoderParams(option, entry.value, this.ctx.catalogue);
    for (const param of params) {
      const via = `-${option} ${param.key}`;
      if (param.key === "pass") {
        const stats = params.findLast((p) => p.key === "stats")?.value ?? null;
        this.statsFiles(option === "x265-params" ? "libx265" : "libx264", stats, param.value ?? "", via, { argIndex: entry.option.index, output });
        continue;
      }
      switch (param.effect) {
        case null:
          this.job.problem(`${via}: '${param.key}' is not a ${option} key this encoder knows`, entry.option.index);
          break;
        case "bitrate":
          if (param.key.replaceAll("_", "-").includes("vbv-maxrate")) rate.paramsMaxrate = kbitsPerSecond(param.value);
          else rate.paramsBitrate = kbitsPerSecond(param.value);
          break;
        case "quality":
          rate.quality.push({ via, name: param.key.replaceAll("_", "-"), value: param.value, capped: true });
          break;
        case "rate":
          rate.unmodelled.push(via);
          break;
        case "unmodelled":
          this.job.problem(`${via} changes the picture in ways that are not modelled`, entry.option.index);
          break;
        case "read":
        case "write":
          this.job.open(param.effect, param.value, via, { argIndex: entry.option.index, output });
          break;
        case "plain":
          // Not a cap itself, but without a buffer size the encoders ignore vbv-maxrate.
          if (param.key.replaceAll("_", "-") === "vbv-bufsize") rate.paramsBufsize = kbitsPerSecond(param.value);
          break;
      }
    }
  }
}

type MutableRate = { -readonly [K in keyof RateSettings]: RateSettings[K] } & { quality: QualitySetting[]; unmodelled: string[] };

const NO_RATE: RateSettings = {
  b: null,
  maxrate: null,
  minrate: null,
  bufsize: null,
  quality: [],
  paramsBitrate: null,
  paramsMaxrate: null,
  paramsBufsize: null,
  unmodelled: [],
};

/** A params-string rate: kbit/s there, bit/s here. */
function kbitsPerSecond(text: string): Evaluated {
  const kbits = avOptionFloat(text);
  return "value" in kbits ? { value: kbits.value * 1000 } : kbits;
}

/** Whether the last occurrence of some retiming input option leaves its neutral value (one pass, for speed). */
function retimingOptions(options: readonly ParsedOption[]): boolean {
  const last = new Map<string, string | null>();
  for (const option of options) {
    const name = option.match.kind === "option" ? canonical(option).name : option.name;
    if (RETIMING_INPUT_OPTIONS.has(name)) last.set(name, option.value);
  }
  return [...last].some(([name, value]) => value !== RETIMING_INPUT_OPTIONS.get(name));
}

/** The last occurrence of an fftools option (after aliases) or a demuxer/muxer AVOption. */
function lastSetting(options: readonly ParsedOption[], name: string): ParsedOption | undefined {
  return options.findLast((o) => (o.match.kind === "option" ? canonical(o).name : o.name) === name);
}

/**
 * An input's frame rate as the command imposes it: `-r` makes ffmpeg generate timestamps at
 * that rate (for the streams its specifier names), `-framerate` tells a raw or image demuxer
 * the rate, and `-itsscale` rescales it to something the facts cannot tell.
 */
function forcedFrameRate(options: readonly ParsedOption[]): JobInput["frameRate"] {
  const scaled = lastSetting(options, "itsscale");
  if (scaled !== undefined && scaled.value !== "1") return { kind: "forced", fps: null };
  const r = lastSetting(options, "r");
  if (r !== undefined) return { kind: "forced", fps: r.specifier === null || r.specifier === "v" ? parseVideoRate(r.value ?? "") : null };
  const demuxer = lastSetting(options, "framerate");
  return demuxer === undefined ? { kind: "facts" } : { kind: "forced", fps: parseVideoRate(demuxer.value ?? "") };
}

/** `-fs`, checked by ffmpeg against the muxer's own file alone (avio_size of its pb). */
function sizeLimit(value: string | null, format: string | null, destinations: readonly Destination[], nofile: boolean): SizeLimit {
  if (value === null) return { kind: "none", why: "nothing limits the file's size" };
  // ffmpeg compares -fs with the muxer's own file: a muxer that opens none (fifo) is never stopped.
  if (nofile) return { kind: "none", why: `-fs bounds only a muxer's own file, and ${format} opens none itself` };
  if (destinations.length !== 1 || destinations[0]!.role !== "output")
    return {
      kind: "none",
      why: `-fs bounds only a muxer's own file, and ${format ?? "this muxer"} writes ${destinations.length === 1 ? "another" : "several"}`,
    };
  const bytes = avOptionInteger(value);
  return "value" in bytes ? { kind: "bytes", bytes: bytes.value } : { kind: "none", why: `-fs ${value} cannot be evaluated` };
}

/**
 * Where ffmpeg looks for a preset (cmdutils.c get_preset_file): `-fpre` names the file;
 * the others search $FFMPEG_DATADIR, $HOME/.ffmpeg and the data directory for CODEC-NAME.ffpreset.
 */
function presetFiles(option: string, value: string): string[] {
  if (option === "fpre") return [value];
  return ["$FFMPEG_DATADIR", "$HOME/.ffmpeg", "/usr/share/ffmpeg"].map((dir) => `${dir}/*-${value}.ffpreset`);
}

/** Values of protection options that switch a protection off (DESIGN.md); stricter values are fine. */
function weakens(option: string, value: string): boolean {
  switch (option) {
    case "safe":
    case "extension_picky":
    case "tls_verify":
      // Off is written many ways (`0`, `no`, `off`, `false`, `00`, an expression): only a plain on leaves the protection be.
      return !["1", "true", "y", "yes", "on", "enable"].includes(value);
    case "max_redirects":
      // The enforcer's 0 follows no redirect; only a plain 0 leaves it so.
      return value !== "0";
    default:
      return true;
  }
}
