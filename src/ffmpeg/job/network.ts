// Where a network url really goes once its group's protocol options apply: `-rtmp_app`
// and `-rtmp_playpath` rename the stream, `-rtmp_tcurl` and `-http_proxy` add a second
// destination, and `-listen`, `rtmp_listen`, srt `mode=listener` or `-rtsp_flags listen`
// turn the client into a server. Both the written url and the real one must be granted.

import { avOptionFloat } from "../numbers.js";
import { networkUrl, queryEntries, type NetworkUrl } from "../url.js";
import type { ParsedOption } from "../split.js";
import type { Endpoint } from "./model.js";

/** Options with effect "redirect" that this module models; any other redirect is a problem. */
export const MODELLED_REDIRECTS = new Set(["rtmp_app", "rtmp_playpath", "rtmp_tcurl", "http_proxy"]);

/** A group's options, or a tee branch's (which have no specifiers). */
export type ProtocolOptions = readonly (Pick<ParsedOption, "name" | "value"> & { readonly specifier?: string | null })[];

function last(options: ProtocolOptions, name: string): string | null {
  return options.filter((o) => o.name === name && (o.specifier ?? null) === null && o.value !== null).at(-1)?.value ?? null;
}

/** An int or double option as av_opt reads it (expressions, hex), or null when it cannot be told. */
function numeric(value: string): number | null {
  const evaluated = avOptionFloat(value);
  return "value" in evaluated ? evaluated.value : null;
}

/** rtsp_flags names that do not listen (5.1 rtsp.c); anything else, a number included, may. */
const QUIET_RTSP_FLAGS = new Set(["filter_src", "prefer_tcp", "satip_raw", ""]);

/**
 * Whether the url is served rather than fetched, read fail closed: any value that is not
 * plainly "off" counts (`-rtsp_flags 2`, `-timeout 0x10`, srt `-mode 1` all listen).
 */
function isServer(url: NetworkUrl, options: ProtocolOptions): boolean {
  // listen and rtmp_listen set one flag in the order given: either may be the one that wins.
  for (const name of ["listen", "rtmp_listen"]) {
    const value = last(options, name);
    if (value !== null && numeric(value) !== 0) return true;
  }
  // rtmp's `timeout` and the RTSP demuxer's `listen_timeout` switch listening on when positive.
  const timeout = url.protocol.startsWith("rtmp") ? last(options, "timeout") : url.protocol === "rtsp" ? last(options, "listen_timeout") : null;
  if (timeout !== null && (numeric(timeout) ?? 1) > 0) return true;
  const mode = last(options, "mode");
  if (url.protocol === "srt" && mode !== null && mode !== "caller" && mode !== "0") return true;
  const flags = last(options, "rtsp_flags");
  if (flags !== null && flags.split(/[+|-]/).some((flag) => !QUIET_RTSP_FLAGS.has(flag))) return true;
  return queryEntries(url.query).some(([key, value]) => (key === "listen" && value !== "0") || (key === "mode" && value !== "caller" && value !== "0"));
}

export function endpointsFor(url: NetworkUrl, options: ProtocolOptions, via: string, where: { input: number | null; output: number | null }): Endpoint[] {
  const server = isServer(url, options);
  const endpoints: Endpoint[] = [{ url, via, server, redirected: false, ...where }];
  if (url.protocol.startsWith("rtmp")) {
    const app = last(options, "rtmp_app");
    const playpath = last(options, "rtmp_playpath");
    if (app !== null || playpath !== null) {
      const [first = "", ...rest] = url.path.replace(/^\//, "").split("/");
      const path = `/${app ?? first}/${playpath ?? rest.join("/")}`;
      endpoints.push({
        url: { ...url, raw: `${url.scheme}://${url.host}${url.port === null ? "" : `:${url.port}`}${path}`, path },
        via: "-rtmp_app/-rtmp_playpath",
        server,
        redirected: true,
        ...where,
      });
    }
    const tcurl = last(options, "rtmp_tcurl");
    if (tcurl !== null) endpoints.push({ url: networkUrl(tcurl, url.protocol), via: "-rtmp_tcurl", server, redirected: true, ...where });
  }
  // Not only http: the tls layer under rtmps, https and rtsps tunnels through it too.
  const proxy = last(options, "http_proxy");
  if (proxy !== null) endpoints.push({ url: networkUrl(proxy, "http"), via: "-http_proxy", server: false, redirected: true, ...where });
  return endpoints;
}
