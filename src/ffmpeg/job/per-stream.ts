// MATCH_PER_STREAM_OPT (ffmpeg_opt.c): a per-stream option's occurrences are tried in
// order against the output stream and the last one whose specifier matches wins. An
// alias fixes the specifier (`-vcodec:a aac` sets the *video* codec), except `-b`,
// `-ab`, `-qscale` and `-profile`, which only supply one when written bare.

import { matches, parseSpecifier, type StreamPosition } from "../specifier.js";
import type { ParsedOption } from "../split.js";

/** Aliases whose callbacks keep a specifier written after them (opt_bitrate, opt_qscale, opt_profile). */
const KEEPS_TYPED_SPECIFIER = new Set(["b", "ab", "qscale", "profile"]);

/** The option name an occurrence really sets, and the specifier it applies with. */
export function canonical(option: ParsedOption): { readonly name: string; readonly specifier: string | null } {
  // Asked many times per stream: answer with objects that already exist where one does.
  if (option.match.kind !== "option" || option.match.def.alias === null) return option;
  const alias = option.match.def.alias;
  return KEEPS_TYPED_SPECIFIER.has(option.name) && option.specifier !== null ? { name: alias.name, specifier: option.specifier } : alias;
}

export type PerStream =
  | { readonly kind: "set"; readonly option: ParsedOption }
  | { readonly kind: "unset" }
  | { readonly kind: "undecided"; readonly option: ParsedOption };

/** The winning occurrence of any of `names` (after aliases) for this stream. */
export function perStream(options: readonly ParsedOption[], names: readonly string[], stream: StreamPosition): PerStream {
  let result: PerStream = { kind: "unset" };
  for (const option of options) {
    const { name, specifier } = canonical(option);
    if (!names.includes(name) || option.match.kind !== "option") continue;
    const match = matches(parseSpecifier(specifier), stream);
    if (match === null) return { kind: "undecided", option };
    if (match) result = { kind: "set", option };
  }
  return result;
}

/**
 * A group's options by the name they really set, built once, so that the many per-stream
 * lookups of a command each walk only their own occurrences (in command-line order).
 */
export class OptionsByName {
  private readonly byName = new Map<string, ParsedOption[]>();

  constructor(options: readonly ParsedOption[]) {
    for (const option of options) {
      if (option.match.kind !== "option") continue;
      const name = canonical(option).name;
      const list = this.byName.get(name);
      if (list === undefined) this.byName.set(name, [option]);
      else list.push(option);
    }
  }

  perStream(names: readonly string[], stream: StreamPosition): PerStream {
    let occurrences: readonly ParsedOption[] = [];
    for (const name of names) {
      const list = this.byName.get(name);
      if (list !== undefined) occurrences = occurrences.length === 0 ? list : [...occurrences, ...list].sort((a, b) => a.index - b.index);
    }
    return perStream(occurrences, names, stream);
  }

  /** The last occurrence of a per-file option (`-t`, `-f`, `-vn`), or null. */
  last(name: string): ParsedOption | null {
    return this.byName.get(name)?.at(-1) ?? null;
  }
}
