// Quantities carry units by kind (DESIGN.md, lexical rules). Parsing a quantity in the
// wrong place should say what it looks like ("8M is a bitrate; a duration is expected"),
// so every parser here is total and `describeKind` names what a word would have been.

export type QuantityKind = "bitrate" | "duration" | "size" | "resolution" | "frame_rate" | "count" | "factor";

export type Parsed<T> = { readonly ok: true; readonly value: T; readonly warning?: string } | { readonly ok: false; readonly message: string };

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;

const BITRATE = new RegExp(`^${NUMBER}([kKMGm]?)$`);
const DURATION = new RegExp(`^${NUMBER}(ms|s|m|h|d)$`);
const SIZE = new RegExp(`^${NUMBER}(B|KB|MB|GB|TB)$`);
const RESOLUTION = /^(\d+)x(\d+)$/;
const FRAME_RATE = new RegExp(`^${NUMBER}(fps)?$`);
const COUNT = /^\d+$/;
const FACTOR = new RegExp(`^${NUMBER}x$`);

const BITRATE_UNITS: Readonly<Record<string, number>> = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, m: 1e-3 };
const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };
const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

export const UNIT_HELP: Readonly<Record<QuantityKind, string>> = {
  bitrate: "a bitrate like 8M, 320k or 1.5G (k = 10³, M = 10⁶, G = 10⁹)",
  duration: "a duration like 500ms, 30s, 15m, 1h or 30d",
  size: "a size like 500KB, 10MB or 2GB",
  resolution: "a resolution like 1920x1080",
  frame_rate: "a frame rate like 30, 29.97 or 60fps",
  count: "a whole number like 100",
  factor: "a factor like 3x",
};

/** Bits per second. A lowercase `m` is ffmpeg's milli: accepted, with a warning. */
export function parseBitrate(text: string): Parsed<number> {
  const m = BITRATE.exec(text);
  if (m === null) return fail("bitrate", text);
  const value = Number(m[1]) * BITRATE_UNITS[m[2]!]!;
  if (m[2] === "m") {
    const upper = `${m[1]}M`;
    return { ok: true, value, warning: `'${text}' is ${value} bit/s: a lowercase m is milli in ffmpeg; write '${upper}' for megabits` };
  }
  return { ok: true, value };
}

/** Milliseconds. */
export function parseDuration(text: string): Parsed<number> {
  const m = DURATION.exec(text);
  return m === null ? fail("duration", text) : { ok: true, value: Number(m[1]) * DURATION_UNITS_MS[m[2]!]! };
}

/** Bytes (decimal units). */
export function parseSize(text: string): Parsed<number> {
  const m = SIZE.exec(text);
  return m === null ? fail("size", text) : { ok: true, value: Number(m[1]) * SIZE_UNITS[m[2]!]! };
}

export function parseResolution(text: string): Parsed<{ width: number; height: number }> {
  const m = RESOLUTION.exec(text);
  return m === null ? fail("resolution", text) : { ok: true, value: { width: Number(m[1]), height: Number(m[2]) } };
}

/** Frames per second. */
export function parseFrameRate(text: string): Parsed<number> {
  const m = FRAME_RATE.exec(text);
  return m === null ? fail("frame_rate", text) : { ok: true, value: Number(m[1]) };
}

export function parseCount(text: string): Parsed<number> {
  return COUNT.test(text) ? { ok: true, value: Number(text) } : fail("count", text);
}

export function parseFactor(text: string): Parsed<number> {
  const m = FACTOR.exec(text);
  return m === null ? fail("factor", text) : { ok: true, value: Number(m[1]) };
}

export const PARSERS: Readonly<Record<QuantityKind, (text: string) => Parsed<unknown>>> = {
  bitrate: parseBitrate,
  duration: parseDuration,
  size: parseSize,
  resolution: parseResolution,
  frame_rate: parseFrameRate,
  count: parseCount,
  factor: parseFactor,
};

/**
 * What else a word would parse as, for the "wrong kind" message. Bare numbers are left
 * out: `100` is a valid count, frame rate and bitrate alike, so naming one would mislead.
 */
export function otherKind(text: string, expected: QuantityKind): QuantityKind | null {
  if (COUNT.test(text)) return null;
  const order: QuantityKind[] = ["duration", "bitrate", "size", "resolution", "factor", "frame_rate"];
  for (const kind of order) {
    if (kind !== expected && PARSERS[kind](text).ok && !(kind === "bitrate" && /m$/.test(text))) return kind;
  }
  return null;
}

function fail(kind: QuantityKind, text: string): { ok: false; message: string } {
  return { ok: false, message: `'${text}' is not ${UNIT_HELP[kind]}` };
}
