// Matching grant patterns against what a command opens. Paths: `*` within one segment,
// `**` across segments (a whole segment only). Urls: scheme and host compared without
// case, the port defaulted per scheme, the path globbed like a path, and a query string
// matched only by a pattern that has one. Used by the engine and by policy analyses.

import { networkUrl, type NetworkUrl } from "../ffmpeg/url.js";

/** Ports a url means when it names none (the protocols' defaults in libavformat). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  rtmp: 1935,
  rtmps: 443,
  rtmpe: 1935,
  rtmpt: 80,
  rtmpte: 80,
  rtmpts: 443,
  rtsp: 554,
  rtsps: 322,
  ftp: 21,
  sftp: 22,
  gopher: 70,
  gophers: 70,
  mmsh: 80,
  mmst: 1755,
  icecast: 8000,
};

const compiled = new Map<string, RegExp>();

/** A glob over one string: `*` never crosses '/', a whole `**` segment crosses any number. */
export function globRegExp(glob: string): RegExp {
  let regexp = compiled.get(glob);
  if (regexp !== undefined) return regexp;
  const segments = glob.split("/");
  let source = "";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") {
      source += last ? "[^/]+(?:/[^/]+)*" : "(?:[^/]+/)*";
      return;
    }
    source += segment.split("*").map(escape).join("[^/]*") + (last ? "" : "/");
  });
  regexp = new RegExp(`^${source}$`, "s");
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(glob, regexp);
  return regexp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function matchesPath(pattern: string, path: string): boolean {
  return globRegExp(pattern).test(path);
}

/**
 * A pattern's port: `:1935` that port, `:*` any, none the scheme's default — except a
 * pattern whose host is `**`, which means any host on any port (`forbid publish "udp://**"`).
 */
function portMatches(pattern: string, host: string, scheme: string, port: number | null): boolean {
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(pattern)?.[1] ?? "";
  const written = /:([^:\]]*)$/.exec(authority)?.[1];
  if (written === "*" || (written === undefined && host === "**")) return true;
  const want = written === undefined ? (DEFAULT_PORTS[scheme] ?? null) : Number(written);
  return want === (port ?? DEFAULT_PORTS[scheme] ?? null);
}

/**
 * A grant matches narrowly: a url with a query only if the pattern has one, a path only
 * as the pattern's path allows. A forbid matches broadly, so adding `?pkt_size=1316` or a
 * path cannot slip past it: without a query it ignores the url's, without a path it
 * covers every path.
 */
export function matchesUrl(pattern: string, url: NetworkUrl, mode: "grant" | "forbid" = "grant"): boolean {
  const want = networkUrl(pattern, pattern.slice(0, pattern.indexOf(":")));
  if (want.scheme.toLowerCase() !== url.scheme.toLowerCase()) return false;
  if (!globRegExp(want.host.toLowerCase()).test(url.host.toLowerCase())) return false;
  if (!portMatches(pattern, want.host, url.scheme.toLowerCase(), url.port)) return false;
  const anyPath = mode === "forbid" && (want.path === "" || want.path === "/");
  if (!anyPath && !globRegExp(want.path === "" ? "/" : want.path).test(url.path === "" ? "/" : url.path)) return false;
  if (want.query === null) return mode === "forbid" || url.query === null;
  return url.query !== null && globRegExp(want.query).test(url.query);
}
