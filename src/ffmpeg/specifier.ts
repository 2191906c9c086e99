// Stream specifiers (libavformat `match_stream_specifier`): `-c:v`, `-b:a:1`, `-map 0:v:0`.
// Type and index forms are decided here; forms that depend on stream properties we do
// not model (programs, ids, metadata, usability, 7.x groups and dispositions) are kept as
// `opaque`, and callers fail closed on them.

import type { MediaType } from "./catalogue/types.js";

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
  const parts = text.split(":");
  const first = parts[0]!;
  if (/^\d+$/.test(first) && parts.length === 1) return { kind: "stream", type: null, index: Number(first) };
  if (TYPES.has(first)) {
    if (parts.length === 1) return { kind: "stream", type: first as "v", index: null };
    if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return { kind: "stream", type: first as "v", index: Number(parts[1]) };
  }
  return { kind: "opaque", text };
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
