// The shape of a pinned ffmpeg catalogue: everything ffpolicy knows about one ffmpeg
// build. Generated from the real binary by scripts/generate-catalogue.mjs (facts from the
// binary) plus the fftools option tables transcribed from FFmpeg's sources (facts that
// only the sources hold: arity and per-file flags). Never edited by hand.

export type MediaType = "video" | "audio" | "subtitle" | "data" | "attachment";

/** One entry of ffmpeg's own option table (fftools/ffmpeg_opt.c + cmdutils' common options). */
export interface FftoolsOption {
  /** The name as written in the table, without the leading dash (`c`, `vcodec`, `filter_complex`). */
  readonly name: string;
  readonly help: string;
  /**
   * How split_commandline takes its argument: `none` (HAS_ARG unset: the value is "1"),
   * `required` (the next token, verbatim, whatever it looks like), `exit` (OPT_EXIT:
   * the next token if there is one, possibly none).
   */
  readonly arg: "none" | "required" | "exit";
  /** OPT_BOOL (5.1) / OPT_TYPE_BOOL (7.x): `-noNAME` sets it to 0. */
  readonly bool: boolean;
  /** Where add_opt puts it: the global group, or the group of the next url. */
  readonly scope: "global" | "perfile";
  /** OPT_INPUT / OPT_OUTPUT; `both` when the table allows either; `none` for globals. */
  readonly direction: "input" | "output" | "both" | "none";
  /** OPT_SPEC (5.1) / OPT_FLAG_PERSTREAM (7.x): a `:stream_specifier` suffix is meaningful. */
  readonly spec: boolean;
  /** OPT_VIDEO/OPT_AUDIO/OPT_SUBTITLE/OPT_DATA, when set. */
  readonly media: MediaType | null;
  readonly expert: boolean;
  /** The value's type, from OPT_STRING/OPT_INT/... or `func` for a callback. */
  readonly valueType: "string" | "int" | "int64" | "float" | "double" | "time" | "bool" | "func";
  /**
   * What the option really sets when it is shorthand for another (from the callback's
   * source): `vcodec` → `{ name: "codec", specifier: "v" }`, `ab` → `b` + `a`. An alias
   * ignores any specifier written after it.
   */
  readonly alias: { readonly name: string; readonly specifier: string | null } | null;
  /** 7.x only: `-/NAME FILE` reads the value from a file (false for booleans and 5.1). */
  readonly fromFile: boolean;
}

/** An AVOption name that opt_default accepts (so it always takes exactly one argument). */
export interface AvOptionInfo {
  /**
   * Which of opt_default's searches find it: `codec` (AVCodecContext and every codec's
   * private class, looked up with the stream specifier stripped), `format`
   * (AVFormatContext, AVIOContext, every (de)muxer's and protocol's private class, looked
   * up with the full token), `sws`, `swr`.
   */
  readonly layers: readonly ("codec" | "format" | "sws" | "swr")[];
  /** The classes that define it (`AVCodecContext`, `libx264`, `rtmp`, `hls muxer`, …). */
  readonly classes: readonly string[];
  /** The AVOption type of its first definition (`int64`, `string`, `flags`, `bool`, …). */
  readonly type: string;
  /** Union of the E/D/V/A/S flags over its definitions, e.g. `ED.VAS`. */
  readonly flags: string;
}

export interface CodecInfo {
  readonly type: MediaType;
  readonly decode: boolean;
  readonly encode: boolean;
  /** avcodec_find_encoder: the encoder ffmpeg picks for this codec when none is named. */
  readonly defaultEncoder: string | null;
  readonly encoders: readonly string[];
  readonly decoders: readonly string[];
}

export interface DecoderInfo {
  readonly codec: string;
  readonly type: MediaType;
}

export interface EncoderInfo {
  readonly codec: string;
  readonly type: MediaType;
  /** The name of its private AVClass (`libx264`, `libvpx-vp9 encoder`), whose options it takes. */
  readonly privateClass: string | null;
}

export interface FilterInfo {
  /** Pad kinds as `ffmpeg -filters` prints them: `V->V`, `N->A`, `|->V` (source), … */
  readonly io: string;
  /** Option names (with their types) from `ffmpeg -h filter=NAME`. */
  readonly options: Readonly<Record<string, { readonly type: string }>>;
  /**
   * The names positional values map to, in order (libavfilter process_options: the
   * private class's options in declaration order, skipping constants and aliases).
   */
  readonly shorthand: readonly string[];
}

export interface MuxerInfo {
  readonly extensions: readonly string[];
  readonly defaultVideo: string | null;
  readonly defaultAudio: string | null;
  readonly defaultSubtitle: string | null;
  /** Also listed by `ffmpeg -devices` (an output device). */
  readonly device: boolean;
  /** AVFMT_NOFILE: the muxer opens what it writes itself (or nothing), not through the url. */
  readonly nofile: boolean;
  /** avformat_query_codec says 'APIC': automatic selection takes only cover images as video (mp3). */
  readonly attachedPicturesOnly: boolean;
}

export interface DemuxerInfo {
  readonly extensions: readonly string[];
  /** Also listed by `ffmpeg -devices` (a capture device). */
  readonly device: boolean;
  /** AVFMT_NOFILE: the demuxer opens its input itself (devices, lavfi, image2 sequences). */
  readonly nofile: boolean;
}

/** How one key of an encoder parameter string (`-x264-params k=v:…`) acts. */
export type EncoderParamEffect =
  | "plain" // changes encoding only
  | "bitrate" // a rate cap in kbit/s (`bitrate`, `vbv-maxrate`)
  | "quality" // a quality mode that lifts the cap (`crf`, `qp`, …)
  | "rate" // rate control no setting bounds (`qpmax`, `zones`, `ratetol`, `fps`): fails a bitrate limit
  | "unmodelled" // changes the picture in ways the checks do not model (x265 `input-res`): denied
  | "read" // names a file the encoder reads (`cqmfile`, `zonefile`, …)
  | "write"; // names a file the encoder writes (`stats`, `dump-yuv`, `csv`, …)

export interface Catalogue {
  /** Stable id pinned into bundles, e.g. `ffmpeg-5.1-debian12`. */
  readonly id: string;
  /** `ffmpeg -version`'s version string, e.g. `5.1.9-0+deb12u1`. */
  readonly ffmpegVersion: string;
  readonly majorMinor: string;
  /** The configure flags verbatim, and their SHA-256 (hex): the build's identity. */
  readonly configuration: string;
  readonly configurationSha256: string;
  /** Named group separators (match_group_separator): `i` opens an input; 7.x adds `dec`. */
  readonly separators: Readonly<Record<string, "input" | "decoder">>;
  /** ffmpeg's own options, in table order (find_option takes the first prefix match). */
  readonly options: readonly FftoolsOption[];
  readonly avOptions: Readonly<Record<string, AvOptionInfo>>;
  readonly codecs: Readonly<Record<string, CodecInfo>>;
  readonly encoders: Readonly<Record<string, EncoderInfo>>;
  readonly decoders: Readonly<Record<string, DecoderInfo>>;
  readonly filters: Readonly<Record<string, FilterInfo>>;
  readonly protocols: { readonly input: readonly string[]; readonly output: readonly string[] };
  readonly muxers: Readonly<Record<string, MuxerInfo>>;
  readonly demuxers: Readonly<Record<string, DemuxerInfo>>;
  /**
   * av_guess_format for an output file name without `-f`, by lowercase extension (the
   * first registered muxer whose extensions match wins). Image sequence names with a
   * `%d` pattern go to image2 first when image2CodecByExtension knows the extension.
   */
  readonly formatByExtension: Readonly<Record<string, string>>;
  /** ff_guess_image2_codec: the codec image2 uses for a file extension (lowercase). */
  readonly image2CodecByExtension: Readonly<Record<string, string>>;
  /** Protocols with URL_PROTOCOL_FLAG_NESTED_SCHEME (`crypto+http://…`). */
  readonly nestedSchemeProtocols: readonly string[];
  /** Protocols with URL_PROTOCOL_FLAG_NETWORK. */
  readonly networkProtocols: readonly string[];
  /** `ffmpeg -init_hw_device list`: hardware device types (`vaapi`, `cuda`, …). */
  readonly hwDeviceTypes: readonly string[];
  /** Keys of encoder parameter strings, per params option (`x264-params`, `x265-params`, `x264opts`). */
  readonly encoderParams: Readonly<Record<string, Readonly<Record<string, EncoderParamEffect>>>>;
}
