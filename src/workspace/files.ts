// The real file system and ffprobe, for the edges that judge commands on this machine
// (simulate): symbolic links followed for real, and facts about existing local inputs probed.

import { execFileSync } from "node:child_process";
import { existsSync, readlinkSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { FileSystem } from "../engine/targets.js";
import type { FactsSource, InputFacts, StreamFacts } from "../ffmpeg/job/model.js";

export const diskFileSystem: FileSystem = {
  readlink(path) {
    try {
      return readlinkSync(path);
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
  readonly duration?: string;
}

const MEDIA = new Set(["video", "audio", "subtitle", "data", "attachment"]);

/** ffprobe a local file (never a url: probing must not open the network). Null when it cannot. */
export function probeFile(path: string): InputFacts | null {
  if (!existsSync(path)) return null;
  try {
    const out = execFileSync(
      "ffprobe",
      ["-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height,avg_frame_rate,bit_rate,duration", "-of", "json", "file:" + path],
      {
        encoding: "utf8",
        timeout: 10_000,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const streams = ((JSON.parse(out) as { streams?: ProbedStream[] }).streams ?? []).filter((s) => MEDIA.has(s.codec_type ?? ""));
    return { streams: streams.map(toFacts) };
  } catch {
    return null;
  }
}

function toFacts(s: ProbedStream): StreamFacts {
  const [num, den] = (s.avg_frame_rate ?? "").split("/").map(Number);
  return {
    media: s.codec_type as StreamFacts["media"],
    codec: s.codec_name ?? null,
    width: s.width ?? null,
    height: s.height ?? null,
    frameRate: num !== undefined && den !== undefined && den > 0 && num > 0 ? num / den : null,
    bitrate: s.bit_rate === undefined ? null : Number(s.bit_rate),
    duration: s.duration === undefined ? null : Number(s.duration) * 1000,
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
