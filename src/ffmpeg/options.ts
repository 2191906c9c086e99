// ffmpeg's option lookup, ported from fftools/cmdutils.c (5.1 and 7.x): `find_option`
// over the fftools table, and `opt_default` over the AVOption classes. Facts come from
// the pinned catalogue; the rules below are the ones the C code applies.

import type { Catalogue, FftoolsOption } from "./catalogue/types.js";

export type AvLayer = "codec" | "format" | "sws" | "swr";

export type AvLookup = { readonly found: true; readonly layers: readonly AvLayer[] } | { readonly found: false } | { readonly refused: string };

/** swscale options that opt_default refuses outright (5.1 and 7.x). */
const SWS_REFUSED = new Set(["srcw", "srch", "dstw", "dsth", "src_format", "dst_format"]);
/** opt_default copies the name up to ':' into a 128-byte buffer: at most 127 characters. */
const STRIPPED_MAX = 127;

export class OptionTable {
  /** Whether `-/NAME FILE` exists in this version (7.x). */
  readonly fromFileSyntax: boolean;

  /** Option names contain no ':', so find_option's "prefix followed by end or ':'" is the text before the first ':'. */
  private readonly byName = new Map<string, FftoolsOption>();
  private readonly separators: ReadonlyMap<string, "input" | "decoder">;

  constructor(private readonly catalogue: Catalogue) {
    this.fromFileSyntax = catalogue.options.some((o) => o.fromFile);
    for (const option of catalogue.options) if (!this.byName.has(option.name)) this.byName.set(option.name, option);
    this.separators = new Map(Object.entries(catalogue.separators));
  }

  separator(name: string): "input" | "decoder" | null {
    return this.separators.get(name) ?? null;
  }

  /**
   * find_option: the first table entry whose name is a prefix of `name` followed by the
   * end or ':' (a stream specifier). 7.x first drops a leading '/' (`-/opt FILE`).
   */
  find(name: string): FftoolsOption | null {
    const bare = this.fromFileSyntax && name.startsWith("/") ? name.slice(1) : name;
    const colon = bare.indexOf(":");
    return this.byName.get(colon < 0 ? bare : bare.slice(0, colon)) ?? null;
  }

  /** opt_default: which AVOption layers accept `name` (a token without its dash). */
  avOption(name: string): AvLookup {
    const av = this.catalogue.avOptions;
    const colon = name.indexOf(":");
    const stripped = name.slice(0, Math.min(colon < 0 ? name.length : colon, STRIPPED_MAX));
    const layers: AvLayer[] = [];
    // The codec layer is searched with the specifier stripped, and also, for a v/a/s
    // prefix, the rest of the token among AVCodecContext's own options (no children).
    const generic = av[name.slice(1)];
    if (av[stripped]?.layers.includes("codec") || (/^[vas]/.test(name) && generic?.classes.includes("AVCodecContext"))) layers.push("codec");
    // The format layer (with its protocols) is searched with the whole token.
    if (av[name]?.layers.includes("format")) layers.push("format");
    if (layers.length === 0 && av[name]?.layers.includes("sws")) {
      if (SWS_REFUSED.has(name)) return { refused: "Directly using swscale dimensions/format options is not supported, please use the -s or -pix_fmt options" };
      layers.push("sws");
    }
    if (layers.length === 0 && av[name]?.layers.includes("swr")) layers.push("swr");
    return layers.length === 0 ? { found: false } : { found: true, layers };
  }
}
