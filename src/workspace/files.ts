// The real file system and ffprobe, for the edges that judge commands on this machine
// (simulate): symbolic links followed for real, and facts about existing local inputs probed.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { FileSystem } from "../engine/targets.js";
import { defaultCatalogue } from "../ffmpeg/catalogue/index.js";
import type { FactsSource, InputFacts, StreamFacts } from "../ffmpeg/job/model.js";
import { LISTING_DEMUXERS } from "../ffmpeg/job/resolve.js";

export const diskFileSystem: FileSystem = {
  readlink(path) {
    try {
      return readlinkSync(path);
    } catch {
      return null;
    }
  },
  list(path) {
    try {
      return readdirSync(path);
    } catch {
      return null;
    }
  },
};

interface ProbedStream {
  readonly codec_type?: string;
  readonly codec_name?: string;
  readonly width?: number;
  readonly height?: number;
  readonly avg_frame_rate?: string;
  readonly bit_rate?: string;
  readonly start_time?: string;
  readonly duration?: string;
  readonly side_data_list?: readonly { readonly rotation?: number }[];
}

const MEDIA = new Set(["video", "audio", "subtitle", "data", "attachment"]);

/**
 * ffprobe a local file (never a url: probing must not open the network). Null when it cannot.
 * Demuxers that open other files are kept off the whitelist, so probing a playlist opens
 * nothing it names: ffprobe then refuses, naming the demuxer it found.
 */
export function probeFile(path: string): InputFacts | null {
  if (!existsSync(path)) return null;
  const whitelist = Object.keys(defaultCatalogue().data.demuxers).filter((d) => !LISTING_DEMUXERS.has(d));
  try {
    const out = execFileSync(
      "ffprobe",
      [
        ...["-v", "error", "-format_whitelist", whitelist.join(","), "-of", "json"],
        ...[
          "-show_entries",
          "format=format_name:stream=codec_type,codec_name,width,height,avg_frame_rate,bit_rate,start_time,duration:stream_side_data=rotation",
        ],
        "file:" + path,
      ],
      { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "pipe"] },
    );
    const probed = JSON.parse(out) as { streams?: ProbedStream[]; format?: { format_name?: string } };
    const streams = (probed.streams ?? []).filter((s) => MEDIA.has(s.codec_type ?? ""));
    // ffmpeg starts the output at the earliest stream: a later one's start adds to how long it lasts.
    const first = Math.min(...streams.map((s) => Number(s.start_time ?? 0)).filter(Number.isFinite));
    return {
      streams: streams.map((s) => toFacts(s, Number.isFinite(first) ? first : 0)),
      ...(probed.format?.format_name === undefined ? {} : { format: probed.format.format_name }),
    };
  } catch (error) {
    const refused = /\[(\w+) @ [^\]]*\] Format not on whitelist/.exec(String((error as { stderr?: unknown }).stderr ?? ""));
    return refused === null ? null : { format: refused[1]! };
  }
}

function toFacts(s: ProbedStream, first: number): StreamFacts {
  const [num, den] = (s.avg_frame_rate ?? "").split("/").map(Number);
  const start = Number(s.start_time ?? first);
  const rotation = s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  return {
    media: s.codec_type as StreamFacts["media"],
    codec: s.codec_name ?? null,
    width: s.width ?? null,
    height: s.height ?? null,
    frameRate: num !== undefined && den !== undefined && den > 0 && num > 0 ? num / den : null,
    bitrate: s.bit_rate === undefined ? null : Number(s.bit_rate),
    duration: s.duration === undefined ? null : (Number(s.duration) + (Number.isFinite(start) ? start - first : 0)) * 1000,
    ...(rotation === undefined || rotation === 0 ? {} : { rotation }),
  };
}

/** Stated facts first; else probe the input when it is an existing local file. */
export function factsWithProbing(stated: FactsSource, cwd: string): FactsSource {
  const cache = new Map<string, InputFacts | null>();
  return (url) => {
    const given = stated(url);
    if (given !== null) return given;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !url.startsWith("file:")) return null;
    const path = url.startsWith("file:") ? url.slice(5) : url;
    const absolute = isAbsolute(path) ? path : resolve(cwd, path);
    if (!cache.has(absolute)) cache.set(absolute, probeFile(absolute));
    return cache.get(absolute)!;
  };
}
