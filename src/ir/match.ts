// Matching grant patterns against what a command opens. Paths: `*` within one segment,
// `**` across segments (a whole segment only). Urls: scheme and host compared without
// case, the port defaulted per scheme, the path globbed like a path, and a query string
// matched only by a pattern that has one. Used by the engine and by policy analyses.

import { networkUrl, type NetworkUrl } from "../ffmpeg/url.js";
import { ownEntry } from "../base/tables.js";

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
  const fallback = ownEntry(DEFAULT_PORTS, scheme) ?? null;
  const want = written === undefined ? fallback : Number(written);
  return want === (port ?? fallback);
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
  if (!globRegExp(canonicalHost(want.host)).test(canonicalHost(url.host))) return false;
  if (!portMatches(pattern, want.host, url.scheme.toLowerCase(), url.port)) return false;
  const anyPath = mode === "forbid" && (want.path === "" || want.path === "/");
  // The server may read the path as written or decoded: a grant must cover both, a forbid either.
  const glob = globRegExp(want.path === "" ? "/" : want.path);
  const paths = pathForms(url.path === "" ? "/" : url.path);
  if (!anyPath && !(mode === "grant" ? paths.every((p) => glob.test(p)) : paths.some((p) => glob.test(p)))) return false;
  if (want.query === null) return mode === "forbid" || url.query === null;
  return url.query !== null && globRegExp(want.query).test(url.query);
}

/** A url path as written, and as a server may read it: percent-decoded, runs of '/' as one. */
function pathForms(path: string): string[] {
  const decoded = path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))).replace(/\/{2,}/g, "/");
  return decoded === path ? [path] : [path, decoded];
}

const hosts = new Map<string, string>();
const UNSPECIFIED: ReadonlyMap<string, string> = new Map([
  ["0.0.0.0", "127.0.0.1"],
  ["::", "::1"],
]);

/**
 * A host as the resolver reads it, so that one host has one spelling: case folded, a final
 * '.' dropped, an IPv4 address in any form inet_aton takes (`127.1`, `0x7f.1`, `2130706433`,
 * `017700000001`) and an IPv4-mapped IPv6 one as a dotted quad, IPv6 compressed, and the
 * unspecified address as the loopback one it reaches. A host pattern with wildcards is only
 * case folded.
 */
export function canonicalHost(host: string): string {
  let canonical = hosts.get(host);
  if (canonical !== undefined) return canonical;
  canonical = host.toLowerCase().replace(/\.$/, "");
  if (!/[*?]/.test(canonical) && canonical !== "") {
    try {
      const parsed = new URL(`http://${canonical.includes(":") ? `[${canonical}]` : canonical}/`).hostname.replace(/^\[|\]$/g, "");
      const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(parsed);
      const [high, low] = mapped === null ? [] : [Number.parseInt(mapped[1]!, 16), Number.parseInt(mapped[2]!, 16)];
      canonical = high === undefined || low === undefined ? parsed : `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
      // Connecting to the unspecified address reaches the local host (Linux).
      canonical = UNSPECIFIED.get(canonical) ?? canonical;
    } catch {
      // Not a host the URL parser takes: compared as written, case folded.
    }
  }
  if (hosts.size > 10_000) hosts.clear();
  hosts.set(host, canonical);
  return canonical;
}
