// Where an output really writes, by muxer: the url itself for most; every branch of a
// `tee`; playlists, segments, init and master files for hls and dash; numbered files for
// image2 and segment. Names follow libavformat's defaults when the command sets none.

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

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * hlsenc update_master_pl_info: the master playlist goes into the playlist's directory, or
 * the one above when that directory's name holds `%v` (variants in subdirectories).
 * av_dirname gives "." for a name without '/' and "" for one in "/"; av_append_path_component
 * adds the name to "" as it is.
 */
function masterPlaylist(url: string, master: string): string {
  const dirname = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".");
  let dir = dirname(url);
  if (/%v/i.test(baseName(dir))) dir = dirname(dir);
  if (dir === "." || dir === "") return master;
  return dir.endsWith("/") || master.startsWith("/") ? `${dir}${master}` : `${dir}/${master}`;
}

/** A bool or int muxer option set to anything but a plain off: it may be on. */
function switchedOn(value: string | null): boolean {
  return value !== null && !["0", "false", "no", "off", "n", "disable"].includes(value);
}

function withoutExtension(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? path.slice(0, dot) : path;
}

/** Where a muxer (not tee, which the resolver expands branch by branch) writes for this url. */
export function destinationsFor(muxer: string | null, url: string, options: readonly MuxerSetting[]): RawDestination[] {
  switch (muxer) {
    case "null":
      return [];
    case "hls": {
      // hls_segment_type is an int with named values: anything but mpegts (0) may be fmp4.
      const fmp4 = !["mpegts", "0", null].includes(lastValue(options, "hls_segment_type"));
      // hls_init cuts the playlist's name at its last '.', wherever it is: `d.x/../pl` gives `d.%d.ts`.
      const dot = url.lastIndexOf(".");
      const segments = lastValue(options, "hls_segment_filename") ?? `${dot < 0 ? url : url.slice(0, dot)}%d.${fmp4 ? "m4s" : "ts"}`;
      const destinations: RawDestination[] = [
        { target: url, role: "playlist", via: "-f hls" },
        { target: segments, role: "segment", via: "-f hls (segments)" },
      ];
      const master = lastValue(options, "master_pl_name");
      if (master !== null) destinations.push({ target: masterPlaylist(url, master), role: "playlist", via: "-master_pl_name" });
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
      const destinations: RawDestination[] = [
        { target: url, role: "playlist", via: "-f dash" },
        { target: directoryOf(url) + init, role: "segment", via: "-f dash (init segments)" },
        { target: directoryOf(url) + media, role: "segment", via: "-f dash (media segments)" },
      ];
      // dashenc.c names these next to the manifest too.
      if (switchedOn(lastValue(options, "hls_playlist")))
        destinations.push(
          { target: directoryOf(url) + (lastValue(options, "hls_master_name") ?? "master.m3u8"), role: "playlist", via: "-hls_playlist (master)" },
          { target: `${directoryOf(url)}media_%d.m3u8`, role: "segment", via: "-hls_playlist (media playlists)" },
        );
      if (switchedOn(lastValue(options, "single_file")))
        destinations.push({
          target: directoryOf(url) + (lastValue(options, "single_file_name") ?? `${baseName(withoutExtension(url))}-stream$RepresentationID$.$ext$`),
          role: "segment",
          via: "-single_file",
        });
      return destinations;
    }
    case "segment":
    case "ssegment":
    case "stream_segment":
      return [{ target: url, role: "segment", via: `-f ${muxer}` }];
    // A directory of files named by stream and bitrate (QualityLevels(…)/Fragments(…), streamNSeg1-FragN):
    // every name inside it, at any depth these muxers use, is one the write may take.
    case "smoothstreaming":
      return [
        { target: `${url}/Manifest`, role: "playlist", via: "-f smoothstreaming" },
        { target: `${url}/%d/%d`, role: "segment", via: "-f smoothstreaming (fragments)" },
      ];
    case "hds":
      return [
        { target: `${url}/index.f4m`, role: "playlist", via: "-f hds" },
        { target: `${url}/%d`, role: "segment", via: "-f hds (fragments)" },
      ];
    case "image2":
      return [{ target: url, role: lastValue(options, "update") === "1" ? "output" : "image sequence", via: "-f image2" }];
    default:
      return [{ target: url, role: "output", via: "output url" }];
  }
}

/** hlsenc's `hls_flags` names (5.1 and 7.1). */
const HLS_FLAGS = new Set([
  ...["single_file", "temp_file", "delete_segments", "round_durations", "discont_start", "omit_endlist", "periodic_rekey"],
  ...["independent_segments", "iframes_only", "split_by_time", "append_list", "program_date_time"],
  ...["second_level_segment_index", "second_level_segment_duration", "second_level_segment_size"],
]);

/**
 * What is wrong with an `hls_flags` value, or null. With `append_list` hlsenc reads the
 * playlist already there and, with `delete_segments`, deletes the files it names — paths
 * only the run can read (5.1 deleted a file outside the grant that way). A value written
 * as a number or an expression is not read here.
 */
export function hlsFlagsProblem(value: string): string | null {
  const set = new Set<string>();
  for (const token of value.split(/(?=[+-])/)) {
    const name = token.replace(/^[+-]/, "");
    if (!HLS_FLAGS.has(name)) return `hls_flags ${value}: '${name}' is not a flag name this can read; write the flags by name`;
    if (token.startsWith("-")) set.delete(name);
    else set.add(name);
  }
  return set.has("append_list") && set.has("delete_segments")
    ? `hls_flags ${value}: append_list with delete_segments deletes the files an existing playlist names, which cannot be checked before the run`
    : null;
}
