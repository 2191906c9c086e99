// Stream specifiers (libavformat `match_stream_specifier`): `-c:v`, `-b:a:1`, `-map 0:v:0`.
// Type and index forms are decided here; forms that depend on stream properties we do
// not model (programs, ids, metadata, usability, 7.x groups and dispositions) are kept as
// `opaque`, and callers fail closed on them.

import type { MediaType } from "./catalogue/types.js";
import { strtol, toCInt } from "./numbers.js";

export type Specifier =
  /** Matches every stream (no specifier). */
  | { readonly kind: "all" }
  /** `N` (absolute index), `v`, `a:1`, `V` (video that is not a cover image), `t` (attachment). */
  | { readonly kind: "stream"; readonly type: "v" | "V" | "a" | "s" | "d" | "t" | null; readonly index: number | null }
  | { readonly kind: "opaque"; readonly text: string };

const TYPES = new Set(["v", "V", "a", "s", "d", "t"]);

const parsed = new Map<string, Specifier>();

export function parseSpecifier(text: string | null): Specifier {
  if (text === null || text === "") return ALL;
  let spec = parsed.get(text);
  if (spec === undefined) {
    if (parsed.size > 4096) parsed.clear();
    parsed.set(text, (spec = parseUncached(text)));
  }
  return spec;
}

const ALL: Specifier = { kind: "all" };

function parseUncached(text: string): Specifier {
  // match_stream_specifier: a digit starts the index, which must end the specifier; a type
  // letter is alone or followed by ':' and more (`v:` is every video stream).
  if (isDigit(text[0])) return indexed(null, text, text);
  if (TYPES.has(text[0]!)) {
    const type = text[0] as "v";
    if (text.length === 1 || text === `${type}:`) return { kind: "stream", type, index: null };
    if (text[1] === ":" && isDigit(text[2])) return indexed(type, text.slice(2), text);
  }
  return { kind: "opaque", text };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * avformat_match_stream_specifier: `index = strtol(indexptr, &endptr, 0)`, nothing may
 * follow (else ffmpeg refuses the specifier: opaque, and callers fail closed). So `010` is
 * 8, `0x10` is 16, `08` is refused, and the int keeps the low 32 bits (`4294967297` is 1).
 * 7.1's stream_specifier_parse reads the index the same way.
 */
function indexed(type: "v" | "V" | "a" | "s" | "d" | "t" | null, digits: string, text: string): Specifier {
  // glibc 2.38's strtol reads `0b1` as 1 in C23/_GNU_SOURCE builds; the pinned 5.1 (glibc
  // 2.36) refuses it. Which one a build does is not ours to guess.
  if (/^0[bB]/.test(digits)) return { kind: "opaque", text };
  const { value, end } = strtol(digits, 0);
  if (end !== digits.length) return { kind: "opaque", text };
  const index = toCInt(value);
  // A negative int matches nothing in 5.1 but means "no index" (every stream of the type)
  // in 7.1's stream_specifier_match: the versions disagree, so it is not decided here.
  return index < 0 ? { kind: "opaque", text } : { kind: "stream", type, index };
}

export interface StreamPosition {
  readonly media: MediaType;
  /** Index among all streams of the file. */
  readonly index: number;
  /** Index among the file's streams of the same media type. */
  readonly indexInType: number;
}

const MEDIA_LETTER: Readonly<Record<MediaType, string>> = { video: "v", audio: "a", subtitle: "s", data: "d", attachment: "t" };

/** True, false, or null when the specifier's meaning depends on what we do not model. */
export function matches(spec: Specifier, stream: StreamPosition): boolean | null {
  switch (spec.kind) {
    case "all":
      return true;
    case "opaque":
      return null;
    case "stream": {
      if (spec.type === null) return stream.index === spec.index;
      const letter = spec.type === "V" ? "v" : spec.type;
      if (MEDIA_LETTER[stream.media] !== letter) return false;
      return spec.index === null || stream.indexInType === spec.index;
    }
  }
}

export function mediaOfLetter(letter: string): MediaType | null {
  return (Object.entries(MEDIA_LETTER).find(([, l]) => l === letter)?.[0] as MediaType | undefined) ?? null;
}
