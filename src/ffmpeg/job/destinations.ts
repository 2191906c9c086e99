// Where an output really writes, by muxer: the url itself for most; every branch of a
// `tee`; playlists, segments, init and master files for hls and dash; numbered files for
// image2 and segment. Names follow libavformat's defaults when the command sets none.

import { getToken } from "../filtergraph.js";
import type { Destination } from "./model.js";

export interface RawDestination {
  readonly target: string;
  readonly role: Destination["role"];
  readonly via: string;
}

/** A muxer option as the destination rules read it: from the command line or a tee branch. */
export interface MuxerSetting {
  readonly name: string;
  readonly value: string | null;
}

function lastValue(options: readonly MuxerSetting[], name: string): string | null {
  return options.filter((o) => o.name === name && o.value !== null).at(-1)?.value ?? null;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

function withoutExtension(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? path.slice(0, dot) : path;
}

/** tee.c: branches split on unescaped '|'; each may start with `[key=value:…]` options. */
export function teeBranches(url: string): { url: string; options: Map<string, string> }[] {
  const branches: { url: string; options: Map<string, string> }[] = [];
  const cursor = { text: url, at: 0 };
  while (cursor.at < url.length) {
    const slave = getToken(cursor, "|");
    if (cursor.text[cursor.at] === "|") cursor.at++;
    const options = new Map<string, string>();
    let target = slave;
    if (slave.startsWith("[")) {
      const close = slave.indexOf("]");
      const inner = close < 0 ? slave.slice(1) : slave.slice(1, close);
      target = close < 0 ? "" : slave.slice(close + 1);
      const optionCursor = { text: inner, at: 0 };
      while (optionCursor.at < inner.length) {
        const key = getToken(optionCursor, "=");
        if (inner[optionCursor.at] === "=") optionCursor.at++;
        const value = getToken(optionCursor, ":");
        if (inner[optionCursor.at] === ":") optionCursor.at++;
        options.set(key, value);
      }
    }
    branches.push({ url: target, options });
  }
  return branches;
}

/** Where a muxer (not tee, which the resolver expands branch by branch) writes for this url. */
export function destinationsFor(muxer: string | null, url: string, options: readonly MuxerSetting[]): RawDestination[] {
  switch (muxer) {
    case "null":
      return [];
    case "hls": {
      const fmp4 = lastValue(options, "hls_segment_type") === "fmp4";
      const segments = lastValue(options, "hls_segment_filename") ?? `${withoutExtension(url)}%d.${fmp4 ? "m4s" : "ts"}`;
      const destinations: RawDestination[] = [
        { target: url, role: "playlist", via: "-f hls" },
        { target: segments, role: "segment", via: "-f hls (segments)" },
      ];
      const master = lastValue(options, "master_pl_name");
      if (master !== null) destinations.push({ target: directoryOf(url) + master, role: "playlist", via: "-master_pl_name" });
      if (fmp4)
        destinations.push({
          target: directoryOf(url) + (lastValue(options, "hls_fmp4_init_filename") ?? "init.mp4"),
          role: "side file",
          via: "-f hls (fmp4 init)",
        });
      return destinations;
    }
    case "dash": {
      const init = lastValue(options, "init_seg_name") ?? "init-stream$RepresentationID$.$ext$";
      const media = lastValue(options, "media_seg_name") ?? "chunk-stream$RepresentationID$-$Number%05d$.$ext$";
      return [
        { target: url, role: "playlist", via: "-f dash" },
        { target: directoryOf(url) + init, role: "segment", via: "-f dash (init segments)" },
        { target: directoryOf(url) + media, role: "segment", via: "-f dash (media segments)" },
      ];
    }
    case "segment":
    case "ssegment":
    case "stream_segment":
      return [{ target: url, role: "segment", via: `-f ${muxer}` }];
    case "image2":
      return [{ target: url, role: lastValue(options, "update") === "1" ? "output" : "image sequence", via: "-f image2" }];
    default:
      return [{ target: url, role: "output", via: "output url" }];
  }
}
