// What an access really touches, judged as ffmpeg will open it: relative paths joined to
// the working directory, `.` and `..` resolved, and the longest existing prefix resolved
// through symlinks, so a link inside a granted directory cannot point a write elsewhere.
// Names ffmpeg expands at run time (segments, image sequences, globs) are judged in names.ts.
// The file system is injected: the engine itself does no I/O.

import type { NetworkUrl, Url } from "../ffmpeg/url.js";

export interface FileSystem {
  /** What a symbolic link points to (as stored), or null when the path is not a link or does not exist. */
  readlink(path: string): string | null;
  /**
   * The names in a directory (without `.` and `..`), or null when the path is not a directory
   * that can be read. A name that is not UTF-8 has U+FFFD in place of its bad bytes.
   */
  list(path: string): readonly string[] | null;
}

/** A file system without links or files: paths are judged as written, after normalisation. */
export const NO_FILES: FileSystem = { readlink: () => null, list: () => null };

/** The kernel's limit on links followed in one lookup (ELOOP). */
export const MAX_LINKS = 40;

export type Target =
  | {
      readonly kind: "path";
      readonly path: string;
      /** For a name ffmpeg expands at run time (names.ts): the existing name it can be that leads here (a link, a name cut short). */
      readonly as?: string;
    }
  | { readonly kind: "url"; readonly url: NetworkUrl }
  | { readonly kind: "stdout" }
  | { readonly kind: "stdin" }
  /** A `data:` url: its content is in the command itself. */
  | { readonly kind: "inline" }
  | { readonly kind: "unjudgeable"; readonly reason: string };

export function resolveTarget(url: Url, cwd: string | null, fs: FileSystem): Target {
  switch (url.kind) {
    case "network":
      return networkTarget(url);
    case "pipe":
      return url.fd === 0
        ? { kind: "stdin" }
        : url.fd === null || url.fd === 1
          ? { kind: "stdout" }
          : { kind: "unjudgeable", reason: `'${url.raw}' writes to file descriptor ${url.fd}` };
    case "file":
      return resolvePath(url.path, cwd, fs);
    case "data":
      return { kind: "inline" };
    case "wrapper":
    case "unknown":
      return { kind: "unjudgeable", reason: `'${url.raw}' cannot be judged as one target` };
  }
}

/**
 * ffmpeg copies a host into a fixed buffer (200 bytes in tls, 256 in rtmp and rtp) and cuts
 * what does not fit: a longer host is not the host it connects to. No DNS name is this long.
 */
const MAX_HOST_LENGTH = 199;

/** A network url as the server will take it, or why it cannot be judged. */
export function networkTarget(url: NetworkUrl): Target {
  if (climbsOnServer(url.path))
    return { kind: "unjudgeable", reason: `'${url.raw}' has '.' or '..' in its path: the server resolves them; write the path without them` };
  if (url.host.length > MAX_HOST_LENGTH)
    return { kind: "unjudgeable", reason: `'${url.raw}': ffmpeg cuts a host of more than ${MAX_HOST_LENGTH} characters, into a host that cannot be judged` };
  return { kind: "url", url };
}

/** A url path with `.`/`..` segments, written plainly or percent-encoded (`%2e%2e`). */
function climbsOnServer(path: string): boolean {
  return path
    .replace(/%2e/gi, ".")
    .split(/\/|%2f/i)
    .some((segment) => segment === "." || segment === "..");
}

export function resolvePath(path: string, cwd: string | null, fs: FileSystem): Target {
  if (path === "") return { kind: "unjudgeable", reason: "an empty file name" };
  if (!path.startsWith("/") && cwd === null)
    return { kind: "unjudgeable", reason: `'${path}' is relative and no working directory is known (give one with --cwd, or cwd in a test)` };
  const resolved = walk(path.startsWith("/") ? path : `${cwd}/${path}`, fs);
  return resolved === null ? { kind: "unjudgeable", reason: `'${path}' goes through too many symbolic links` } : { kind: "path", path: resolved };
}

/**
 * Resolve a path component by component, as the kernel does: a link is replaced by its
 * target before the next component (so `link/..` climbs from where the link points, and a
 * dangling link leads to where ffmpeg would create the file), `..` climbs from what has
 * been resolved so far.
 */
function walk(path: string, fs: FileSystem): string | null {
  let resolved = "";
  // Components still to resolve, last one first (so a link's target is pushed in front cheaply).
  const pending = path.split("/").reverse();
  let links = 0;
  while (pending.length > 0) {
    const part = pending.pop()!;
    if (part === "" || part === ".") continue;
    if (part === "..") {
      resolved = resolved.slice(0, Math.max(0, resolved.lastIndexOf("/")));
      continue;
    }
    const candidate = `${resolved}/${part}`;
    const link = fs.readlink(candidate);
    if (link === null) {
      resolved = candidate;
      continue;
    }
    if (++links > MAX_LINKS) return null;
    for (const component of link.split("/").reverse()) pending.push(component);
    if (link.startsWith("/")) resolved = "";
  }
  return resolved === "" ? "/" : resolved;
}
