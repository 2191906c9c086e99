// Urls as ffmpeg opens them: libavformat/avio.c `url_find_protocol` (which protocol a
// string selects), the wrapper protocols that open other urls (concat, subfile, crypto,
// cache, async, md5, tee), and `av_url_split` (scheme, authorization, host, port, path).

import { strtol, toCInt } from "./numbers.js";
import { teeBranches } from "./tee.js";

/** URL_SCHEME_CHARS in avio.c. */
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]*/;

export interface NetworkUrl {
  readonly kind: "network";
  readonly raw: string;
  readonly protocol: string;
  readonly scheme: string;
  readonly host: string;
  /** As av_url_split reads it (atoi), or null when the url gives none. */
  readonly port: number | null;
  /** Path without the query (`/app/key`). */
  readonly path: string;
  /** The query without `?`, or null. */
  readonly query: string | null;
}

export type Url =
  /** A local path; `file:` stripped. Relative to the working directory unless absolute. */
  | { readonly kind: "file"; readonly raw: string; readonly path: string }
  /** stdin/stdout (fd null) or a numbered descriptor (`-`, `pipe:`, `pipe:1`, 7.x `fd:`). */
  | { readonly kind: "pipe"; readonly raw: string; readonly fd: number | null }
  | NetworkUrl
  /** A protocol that opens other urls: its targets, and for concatf/md5 which role they play. */
  | { readonly kind: "wrapper"; readonly raw: string; readonly protocol: string; readonly targets: readonly Url[] }
  /** Inline data (`data:`): opens nothing. */
  | { readonly kind: "data"; readonly raw: string }
  /** What cannot be opened as judged: a protocol the build lacks (ffmpeg fails to open it), or a form not modelled. */
  | { readonly kind: "unknown"; readonly raw: string; readonly why: string };

export interface UrlContext {
  /** Every protocol of the build. */
  readonly protocols: ReadonlySet<string>;
  /** URL_PROTOCOL_FLAG_NESTED_SCHEME protocols (`crypto+http://`). */
  readonly nested: ReadonlySet<string>;
}

/** Which protocol ffmpeg selects for a string (`file` for anything without a scheme). */
export function protocolOf(url: string, ctx: UrlContext): string | null {
  const schemeLength = SCHEME_CHARS.exec(url)![0].length;
  const subfile = url.startsWith("subfile,") && url.indexOf(":", schemeLength + 1) >= 0;
  if (url[schemeLength] !== ":" && !subfile) return "file";
  const name = url.slice(0, schemeLength);
  if (ctx.protocols.has(name)) return name;
  const plus = name.indexOf("+");
  const outer = plus < 0 ? name : name.slice(0, plus);
  return ctx.nested.has(outer) && ctx.protocols.has(outer) ? outer : null;
}

/**
 * Schemes that no protocol handles but a (de)muxer does, opening its own connections
 * (AVFMT_NOFILE formats that probe the url: rtspdec.c rtsp_probe, sapdec.c sap_probe).
 */
const FORMAT_SCHEMES: Readonly<Record<string, string>> = { rtsp: "rtsp", rtsps: "rtsp", satip: "rtsp", sap: "sap" };

/** Parse a url (as given to `-i` or as an output) into what it opens. `-` is the pipe. */
export function parseUrl(raw: string, ctx: UrlContext): Url {
  if (raw === "-") return { kind: "pipe", raw, fd: null };
  const protocol = protocolOf(raw, ctx);
  const scheme = SCHEME_CHARS.exec(raw)![0];
  if (protocol === null && raw[scheme.length] === ":" && Object.hasOwn(FORMAT_SCHEMES, scheme)) return networkUrl(raw, FORMAT_SCHEMES[scheme]!);
  if (protocol === null) return { kind: "unknown", raw, why: `ffmpeg has no protocol '${scheme}'` };
  switch (protocol) {
    case "file":
      return { kind: "file", raw, path: raw.startsWith("file:") ? raw.slice(5) : raw };
    case "pipe":
      return { kind: "pipe", raw, fd: pipeNumber(raw.slice("pipe:".length)) };
    case "fd":
      // 7.x file.c fd_open: the url must be exactly `fd:` (the descriptor comes from -fd);
      // anything after it is refused ("Doesn't support pass file descriptor via URL").
      return raw === "fd:"
        ? { kind: "pipe", raw, fd: null }
        : { kind: "unknown", raw, why: "7.x refuses a descriptor in the url (Doesn't support pass file descriptor via URL)" };
    case "data":
      return { kind: "data", raw };
    case "concat":
      return wrapper(raw, protocol, raw.slice(protocol.length + 1).split("|"), ctx);
    case "tee":
      return teeProtocol(raw, ctx);
    case "concatf":
    case "cache":
    case "async":
    case "md5":
      return wrapper(raw, protocol, [raw.slice(protocol.length + 1)], ctx);
    case "crypto":
    case "hls":
      return wrapper(raw, protocol, [innerOfNested(raw, protocol)], ctx);
    case "subfile":
      return wrapper(raw, protocol, [innerOfSubfile(raw)], ctx);
    default:
      return networkUrl(raw, protocol);
  }
}

/** The urls a url really opens: a wrapper's targets, all the way down. */
export function leaves(url: Url): Url[] {
  return url.kind === "wrapper" ? url.targets.flatMap(leaves) : [url];
}

function wrapper(raw: string, protocol: string, inner: readonly string[], ctx: UrlContext): Url {
  // md5 with nothing after it writes to stdout.
  const targets = inner.map((target) => (target === "" && protocol === "md5" ? "pipe:1" : target));
  return { kind: "wrapper", raw, protocol, targets: targets.map((target) => parseUrl(target, ctx)) };
}

/**
 * teeproto.c: each child read like a tee muxer branch (av_get_token, quotes and escapes,
 * blanks trimmed); a child with options (`[listen=1]tcp://…`) or refused ones opens what
 * those options say, which is not modelled.
 */
function teeProtocol(raw: string, ctx: UrlContext): Url {
  const children = teeBranches(raw.slice("tee:".length)).map(
    (child): Url =>
      child.problem !== null || child.options.size > 0
        ? { kind: "unknown", raw: child.url, why: child.problem ?? "the options of a tee: child (listen, a proxy, a timeout…) are not modelled" }
        : parseUrl(child.url, ctx),
  );
  return { kind: "wrapper", raw, protocol: "tee", targets: children };
}

/** `crypto+http://…`, `crypto:file.enc`, `hls+http://…`. */
function innerOfNested(raw: string, protocol: string): string {
  return raw.slice(protocol.length + 1);
}

/** `subfile,,start,1,end,2,,:inner` (options between separators) or `subfile:inner`. */
function innerOfSubfile(raw: string): string {
  if (raw.startsWith("subfile:")) return raw.slice("subfile:".length);
  const separator = raw["subfile,".length] ?? "";
  const end = raw.indexOf(`${separator}:`, "subfile,".length + 1);
  return end < 0 ? "" : raw.slice(end + 2);
}

/**
 * file.c pipe_open: `fd = strtol(filename, &final, 10)`, and stdin/stdout (null) when no digit
 * was read or anything follows. So ` 3`, `+3`, `03` and `4294967299` (an int keeps the low 32
 * bits) are descriptor 3, `3 ` and `0x3` are stdout. 7.x refuses what 5.1 sends to stdin/stdout
 * (anything but the empty string or a whole number) and reads numbers the same way.
 */
function pipeNumber(text: string): number | null {
  const { value, end } = strtol(text, 10);
  return end === 0 || end !== text.length ? null : toCInt(value);
}

/** av_url_split: the last '@' before the path ends the authorization; `[v6]:port`; atoi ports. */
export function networkUrl(raw: string, protocol: string): NetworkUrl {
  const colon = raw.indexOf(":");
  let rest = raw.slice(colon + 1);
  if (rest.startsWith("/")) rest = rest.slice(1);
  if (rest.startsWith("/")) rest = rest.slice(1);
  const pathStart = rest.search(/[/?#]/);
  const authority = pathStart < 0 ? rest : rest.slice(0, pathStart);
  const pathAndQuery = pathStart < 0 ? "" : rest.slice(pathStart);
  const hostPart = authority.slice(authority.lastIndexOf("@") + 1);
  let host = hostPart;
  let port: number | null = null;
  // `[host]`: what follows the ']' is a port only after a ':' and is otherwise ignored (`[127.0.0.1]x.example.com` is 127.0.0.1).
  const bracket = /^\[([^\]]*)\](.*)$/.exec(hostPart);
  if (bracket !== null) {
    host = bracket[1]!;
    port = bracket[2]!.startsWith(":") ? atoi(bracket[2]!.slice(1)) : null;
  } else if (hostPart.includes(":")) {
    host = hostPart.slice(0, hostPart.indexOf(":"));
    port = atoi(hostPart.slice(hostPart.indexOf(":") + 1));
  }
  const queryAt = pathAndQuery.indexOf("?");
  return {
    kind: "network",
    raw,
    protocol,
    scheme: raw.slice(0, colon),
    host,
    port,
    path: queryAt < 0 ? pathAndQuery : pathAndQuery.slice(0, queryAt),
    query: queryAt < 0 ? null : pathAndQuery.slice(queryAt + 1),
  };
}

/**
 * av_url_split's `atoi` port, as glibc reads it (strtol, then the low 32 bits: `4294969231`
 * is 1935); a negative port is no port, and the protocol's default is used (rtmp, http).
 */
function atoi(text: string): number | null {
  const port = toCInt(strtol(text, 10).value);
  return port < 0 ? null : port;
}

/** `a=1&b=2` → entries, in order (av_find_info_tag reads `key=value` pairs split by '&'). */
export function queryEntries(query: string | null): [string, string][] {
  if (query === null || query === "") return [];
  return query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}
