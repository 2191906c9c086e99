// Codec options as ffmpeg hands them to each encoder. A file's codec options live in one
// AVDictionary in the order av_dict_set leaves them (setting an existing key removes it,
// moves the last entry into its place, and appends the new one), and
// cmdutils.c `filter_codec_opts` keeps, per stream, the entries whose specifier matches
// and that the encoder accepts — the last one of a name wins. `-b:v` and `-b` are two
// different keys that both reach a video encoder; order decides which one counts.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { MediaType } from "../catalogue/types.js";
import { matches, parseSpecifier, type StreamPosition } from "../specifier.js";
import type { ParsedOption } from "../split.js";

export interface CodecEntry {
  /** `b:v`, `crf`, `x264-params:v:0` */
  readonly key: string;
  readonly value: string;
  readonly option: ParsedOption;
}

/** The table options whose callbacks write into the codec dictionary (ffmpeg_opt.c). */
function tableEntry(option: ParsedOption): string | null {
  const specifier = option.specifier === null ? "" : `:${option.specifier}`;
  switch (option.name) {
    // opt_bitrate / opt_profile: written bare they mean the video stream (b, profile) or
    // audio (ab); with a specifier the key is kept as typed.
    case "b":
      return option.specifier === null ? "b:v" : `b${specifier}`;
    case "ab":
      return option.specifier === null ? "b:a" : `ab${specifier}`;
    case "profile":
      return option.specifier === null ? "profile:v" : `profile${specifier}`;
    default:
      return null;
  }
}

/** The file's codec dictionary, in av_dict_set order. */
export function codecDictionary(options: readonly ParsedOption[], catalogue: CatalogueIndex): CodecEntry[] {
  const entries: CodecEntry[] = [];
  for (const option of options) {
    const key = option.match.kind === "avoption" ? (option.match.layers.includes("codec") ? option.token.slice(1) : null) : tableEntry(option);
    if (key === null || option.value === null) continue;
    const existing = entries.findIndex((e) => e.key === key);
    let value = option.value;
    if (existing >= 0) {
      // AV_DICT_APPEND for flags options written as +x/-x (cmdutils.c FLAGS).
      if (isFlagsAppend(key, value, catalogue)) value = entries[existing]!.value + value;
      const last = entries.pop()!;
      if (existing < entries.length) entries[existing] = last;
    }
    entries.push({ key, value, option });
  }
  return entries;
}

function isFlagsAppend(key: string, value: string, catalogue: CatalogueIndex): boolean {
  const name = key.split(":")[0]!;
  return catalogue.data.avOptions[name]?.type === "flags" && (value.startsWith("+") || value.startsWith("-"));
}

const PREFIX: Readonly<Partial<Record<MediaType, string>>> = { video: "v", audio: "a", subtitle: "s" };

/** The stream's settings: option name → value and the option that set it. Null: the specifier cannot be decided. */
export function streamCodecOptions(
  entries: readonly CodecEntry[],
  stream: StreamPosition,
  encoder: string | null,
  catalogue: CatalogueIndex,
): { settings: Map<string, CodecEntry>; undecided: CodecEntry[] } {
  const settings = new Map<string, CodecEntry>();
  const undecided: CodecEntry[] = [];
  const privateClass = encoder === null ? null : (catalogue.encoder(encoder)?.privateClass ?? null);
  const accepts = (name: string, genericOnly: boolean) => {
    const info = catalogue.data.avOptions[name];
    if (info === undefined) return false;
    if (catalogue.isGenericCodecOption(name, stream.media)) return true;
    return !genericOnly && privateClass !== null && info.classes.includes(privateClass);
  };
  for (const entry of entries) {
    const colon = entry.key.indexOf(":");
    const name = colon < 0 ? entry.key : entry.key.slice(0, colon);
    if (colon >= 0) {
      const match = matches(parseSpecifier(entry.key.slice(colon + 1)), stream);
      if (match === null) {
        undecided.push(entry);
        continue;
      }
      if (!match) continue;
    }
    if (encoder === null || accepts(name, false)) settings.set(name, entry);
    else if (name[0] === PREFIX[stream.media] && accepts(name.slice(1), true)) settings.set(name.slice(1), entry);
  }
  // `ab` is AVCodecContext's audio-only alias of the bit rate.
  const ab = settings.get("ab");
  if (ab !== undefined && (settings.get("b") === undefined || entries.indexOf(ab) > entries.indexOf(settings.get("b")!))) settings.set("b", ab);
  return { settings, undecided };
}
